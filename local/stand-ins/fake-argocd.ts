/**
 * A local Argo CD API answering `GET /api/version` (and `GET /api/v1/settings`, the public part of the
 * SSO set-up, when given an `oidcConfig`) the way an unauthenticated caller sees it, or the
 * way a broken or hostile deployment does (`answer`): a proxy's HTML login page, a redirect loop, an
 * endless body.
 */
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { streamEndlessly } from './faulty-endpoints';

export type ArgoCdAnswer = 'version' | 'login-page' | 'redirect-loop' | 'endless-body';

export interface FakeArgoCd {
  url: string;
  version: string;
  answer: ArgoCdAnswer;
  close(): Promise<void>;
}

/** `oidcConfig` of /api/v1/settings as Argo CD returns it: name, issuer, clientID, cliClientID, scopes; never the secret. */
export type ArgoCdOidcConfig = Record<string, unknown>;

export async function startFakeArgoCd(version: string, oidcConfig?: ArgoCdOidcConfig): Promise<FakeArgoCd> {
  const state: { version: string; answer: ArgoCdAnswer } = { version, answer: 'version' };
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    if (state.answer === 'redirect-loop' && request.url?.startsWith('/api/version')) {
      const next = request.url === '/api/version' ? '/api/version?hop=1' : '/api/version';
      response.writeHead(307, { location: next }).end();
      return;
    }
    if (request.url === '/api/v1/settings' && oidcConfig !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ url: 'https://argocd.example.com', oidcConfig }));
      return;
    }
    if (request.url !== '/api/version') {
      response.writeHead(404).end();
      return;
    }
    if (state.answer === 'login-page') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(
        '<!DOCTYPE html>\n<html><title>Sign in</title><body>\u001b[2J please log in</body></html>',
      );
      return;
    }
    if (state.answer === 'endless-body') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"Version": "v3.4.6", "padding": "');
      streamEndlessly(response, ' ');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ Version: state.version }));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
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
    get answer() {
      return state.answer;
    },
    set answer(next: ArgoCdAnswer) {
      state.answer = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
