/**
 * Endpoints that misbehave the way a real dependency can, for fault tests: one that accepts
 * connections and never answers, and one that answers every DynamoDB call with a throttling error
 * (DynamoDB Local cannot be made to throttle).
 */
import type { ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { AwsJsonError, startAwsJsonServer } from './fake-aws-json';

export interface LocalEndpoint {
  url: string;
  requests: () => number;
  close(): Promise<void>;
}

export async function silentEndpoint(): Promise<LocalEndpoint> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const server = createTcpServer((socket) => {
    requests += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers the trigger's DynamoDB calls the way a throttled table does, over DynamoDB's own JSON protocol. */
export async function throttlingDynamoDb(): Promise<LocalEndpoint> {
  const throttle = () => {
    throw new AwsJsonError(
      'ProvisionedThroughputExceededException',
      'The level of configured provisioned throughput for the table was exceeded.',
    );
  };
  const server = await startAwsJsonServer(
    { targetPrefix: 'DynamoDB_20120810', contentType: 'application/x-amz-json-1.0' },
    { GetItem: throttle, PutItem: throttle, TransactWriteItems: throttle },
  );
  return { url: server.url, requests: () => server.calls.length, close: () => server.close() };
}

/**
 * Writes a body that never ends, each 64 KiB chunk once the previous one is taken, until the client hangs
 * up: a client that buffered answers whole would never return.
 */
export function streamEndlessly(response: ServerResponse, fill = 'x'): void {
  const chunk = Buffer.alloc(64 * 1024, fill);
  const write = () => {
    while (!response.destroyed && response.write(chunk));
    if (!response.destroyed) response.once('drain', write);
  };
  write();
}
