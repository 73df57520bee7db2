/**
 * A transparent HTTP proxy in front of DynamoDB Local that records the operation of every request
 * (`X-Amz-Target: DynamoDB_20120810.<Operation>`), so tests and the benchmark can count round trips.
 */
import { createServer, request } from 'node:http';

export interface CountingProxy {
  url: string;
  /** Operation names in arrival order. */
  operations: string[];
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const operations: string[] = [];
  const server = createServer((incoming, answer) => {
    const targetHeader = String(incoming.headers['x-amz-target'] ?? '');
    operations.push(targetHeader.split('.').at(-1) ?? targetHeader);
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (response) => {
        answer.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(answer);
      },
    );
    forwarded.on('error', () => answer.destroy());
    incoming.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    operations,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
