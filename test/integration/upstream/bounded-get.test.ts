/** The bounded GET under the GitHub and Argo CD clients, against a local server that misbehaves on purpose. */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundedGetError, boundedGet } from '../../../src/adapters/http/bounded-get';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const hop = /^\/chain\/(\d+)$/.exec(request.url ?? '');
    if (hop) {
      response.writeHead(302, { location: `/chain/${Number(hop[1]) + 1}` }).end();
      return;
    }
    if (request.url === '/declared-large') {
      // Says how big it is: refused before a byte of it is read.
      response.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      response.write('x');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' }).end('four');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = { headers: {}, timeoutMs: 5000, maxBodyBytes: 1024 };

describe('Function: boundedGet', () => {
  it('should stop after its redirect budget and list the hops', async () => {
    const failed = await boundedGet(`${base}/chain/0`, { ...options, maxRedirects: 2 }).catch(
      (caught: unknown) => caught,
    );
    expect(failed).toBeInstanceOf(BoundedGetError);
    expect(failed).toMatchObject({
      failure: 'too-many-redirects',
      message: `more than 2 redirects: ${base}/chain/0 → ${base}/chain/1 → ${base}/chain/2 → ${base}/chain/3`,
    });
  });

  it('should refuse an answer whose Content-Length is over the cap without reading it', async () => {
    await expect(boundedGet(`${base}/declared-large`, options)).rejects.toMatchObject({
      failure: 'too-large',
      message: `the answer from ${base}/declared-large is larger than 1 KiB; not reading further`,
    });
  });

  it('should read an answer within the cap and say it was not redirected', async () => {
    const answer = await boundedGet(`${base}/small`, { ...options, maxBodyBytes: 4 });
    expect(answer).toMatchObject({ status: 200, text: 'four', url: `${base}/small`, redirected: false });
  });

  it('should name an unreachable server with the cause, not a bare "fetch failed"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));

    await expect(boundedGet(`http://127.0.0.1:${port}/x`, options)).rejects.toMatchObject({
      failure: 'unreachable',
      message: `cannot reach http://127.0.0.1:${port}: fetch failed (connect ECONNREFUSED 127.0.0.1:${port})`,
    });
  });
});
