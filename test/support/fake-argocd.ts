/** A local Argo CD API answering `GET /api/version` the way an unauthenticated caller sees it. */
import { createServer } from 'node:http';

export interface FakeArgoCd {
  url: string;
  version: string;
  close(): Promise<void>;
}

export async function startFakeArgoCd(version: string): Promise<FakeArgoCd> {
  const state = { version };
  const server = createServer((request, response) => {
    if (request.url !== '/api/version') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ Version: state.version }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    get version() {
      return state.version;
    },
    set version(next: string) {
      state.version = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
