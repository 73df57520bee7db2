/**
 * A transparent HTTP proxy in front of DynamoDB Local that records the operation of every request
 * (`X-Amz-Target: DynamoDB_20120810.<Operation>`), so tests and the benchmark can count round trips.
 * It can also misbehave as DynamoDB does in an outage (`setFault`): refuse every call as a throttled
 * table does, or pass each call on and hold its answer, so the write lands while its caller gives up.
 */
import { createServer, request } from 'node:http';

export type ProxyFault = { kind: 'none' } | { kind: 'throttle' } | { kind: 'hang'; holdMs: number };

export interface CountingProxy {
  url: string;
  /** Operation names in arrival order. */
  operations: string[];
  /** Bytes of each answer, by operation, in arrival order. */
  answerBytes: Map<string, number[]>;
  /** Operations passed on to DynamoDB whose answer was held (`hang`): they took effect, late for the caller. */
  heldAnswers: string[];
  setFault(fault: ProxyFault): void;
  close(): Promise<void>;
}

const THROTTLED = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
  message: 'The level of configured provisioned throughput for the table was exceeded.',
});

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const operations: string[] = [];
  const answerBytes = new Map<string, number[]>();
  const heldAnswers: string[] = [];
  let fault: ProxyFault = { kind: 'none' };
  const server = createServer((incoming, answer) => {
    const targetHeader = String(incoming.headers['x-amz-target'] ?? '');
    const operation = targetHeader.split('.').at(-1) ?? targetHeader;
    operations.push(operation);
    if (fault.kind === 'throttle') {
      incoming.resume();
      answer.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      answer.end(THROTTLED);
      return;
    }
    const holdMs = fault.kind === 'hang' ? fault.holdMs : 0;
    if (holdMs > 0) heldAnswers.push(operation);
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (response) => {
        // A held answer is kept whole until it is due; one passed on is only measured.
        const held: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (holdMs > 0) held.push(chunk);
        });
        response.on('end', () => {
          const sizes = answerBytes.get(operation) ?? [];
          sizes.push(bytes);
          answerBytes.set(operation, sizes);
          if (holdMs === 0) return;
          setTimeout(() => {
            if (answer.destroyed) return;
            answer.writeHead(response.statusCode ?? 502, response.headers);
            answer.end(Buffer.concat(held));
          }, holdMs).unref();
        });
        if (holdMs > 0) return;
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
    answerBytes,
    heldAnswers,
    setFault: (next) => {
      fault = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
