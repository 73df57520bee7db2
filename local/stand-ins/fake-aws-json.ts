/**
 * A local HTTP server speaking the AWS JSON protocols (1.0 and 1.1) as the real SDK clients send them:
 * `POST /` with `X-Amz-Target: <prefix>.<Operation>`, a JSON body (gzip-encoded when large), a JSON
 * answer or a `{"__type", "message"}` error. The stand-ins for CloudWatch, Cognito and SSM build on it.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

export interface AwsJsonCall {
  operation: string;
  input: Record<string, unknown>;
  /** Whether the SDK sent the body gzip-encoded. */
  gzipped: boolean;
  /** Epoch ms the request was received, to compare with other stand-ins' times. */
  at: number;
}

export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'AwsJsonError';
  }
}

export type AwsJsonOperation = (input: Record<string, unknown>) => unknown;

export interface AwsJsonServer {
  url: string;
  calls: AwsJsonCall[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<{ text: string; gzipped: boolean }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const gzipped = request.headers['content-encoding'] === 'gzip';
  const body = gzipped ? await promisify(gunzip)(raw) : raw;
  return { text: body.toString('utf8'), gzipped };
}

export async function startAwsJsonServer(
  protocol: {
    targetPrefix: string;
    contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1';
  },
  operations: Readonly<Record<string, AwsJsonOperation>>,
): Promise<AwsJsonServer> {
  const calls: AwsJsonCall[] = [];
  const server = createServer(async (request, response) => {
    const at = Date.now();
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': protocol.contentType });
      response.end(JSON.stringify(body));
    };
    try {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (
        request.headers['content-type'] !== protocol.contentType ||
        !target.startsWith(`${protocol.targetPrefix}.`)
      ) {
        throw new AwsJsonError('UnknownOperationException', `unexpected request ${target}`);
      }
      const operation = target.slice(protocol.targetPrefix.length + 1);
      const { text, gzipped } = await readBody(request);
      const input = JSON.parse(text === '' ? '{}' : text) as Record<string, unknown>;
      calls.push({ operation, input, gzipped, at });
      const handle = operations[operation];
      if (handle === undefined)
        throw new AwsJsonError('UnknownOperationException', `${operation} is not served`);
      reply(200, handle(input) ?? {});
    } catch (error) {
      const failure =
        error instanceof AwsJsonError ? error : new AwsJsonError('InternalFailure', String(error), 500);
      reply(failure.status, { __type: failure.type, message: failure.message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => {
      server.closeAllConnections();
      return promisify(server.close.bind(server))();
    },
  };
}
