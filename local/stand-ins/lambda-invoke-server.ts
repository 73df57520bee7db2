/**
 * A local endpoint speaking the Lambda Invoke API (`POST /2015-03-31/functions/{name}/invocations`),
 * so cognito-local can call the project's real handler the way Cognito calls the deployed function.
 */
import { createServer } from 'node:http';

export type LocalFunction = (event: unknown) => Promise<unknown>;

export interface LambdaInvokeServer {
  url: string;
  invocations: { functionName: string; event: Record<string, unknown> }[];
  close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations/;

export async function startLambdaInvokeServer(
  functions: Record<string, LocalFunction>,
): Promise<LambdaInvokeServer> {
  const invocations: LambdaInvokeServer['invocations'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const functionName = decodeURIComponent(INVOKE_PATH.exec(request.url ?? '')?.[1] ?? '');
      const run = functions[functionName];
      if (run === undefined) {
        response.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' });
        response.end(JSON.stringify({ message: `Function not found: ${functionName}` }));
        return;
      }
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      invocations.push({ functionName, event });
      try {
        const result = await run(event);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(result));
      } catch (error) {
        // How Lambda reports a function error: 200 with X-Amz-Function-Error.
        response.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
        response.end(JSON.stringify({ errorMessage: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    invocations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
