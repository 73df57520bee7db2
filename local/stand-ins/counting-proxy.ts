/**
 * A transparent HTTP proxy in front of DynamoDB Local that records the operation of every request
 * (`X-Amz-Target: DynamoDB_20120810.<Operation>`), so tests and the benchmark can count round trips.
 */
import { createServer, request } from 'node:http';

export interface CountingProxy {
  url: string;
  /** Operation names in arrival order. */
  operations: string[];
  /** Bytes of each answer, by operation, in arrival order. */
  answerBytes: Map<string, number[]>;
  close(): Promise<void>;
}

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const operations: string[] = [];
  const answerBytes = new Map<string, number[]>();
  const server = createServer((incoming, answer) => {
    const targetHeader = String(incoming.headers['x-amz-target'] ?? '');
    const operation = targetHeader.split('.').at(-1) ?? targetHeader;
    operations.push(operation);
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
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () => {
          const sizes = answerBytes.get(operation) ?? [];
          sizes.push(bytes);
          answerBytes.set(operation, sizes);
        });
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
    answerBytes,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
