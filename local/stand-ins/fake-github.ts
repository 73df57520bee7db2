/**
 * A local GitHub REST API serving the shared argo-cd fixtures over HTTP, for the project's real client:
 * the four endpoints the watcher may use, `per_page`/`page` paging with a `Link` header, ETags and 304,
 * rate-limit headers with a 403 once used up, and injectable faults (5xx, malformed JSON, no answer, a
 * redirect loop, an endless body, an error text that echoes the caller's Authorization header).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { streamEndlessly } from './faulty-endpoints';
import { SHARED_FIXTURES } from './fixtures';

export const FIXTURE_REPO = 'argoproj/argo-cd';

export interface GitHubFixtures {
  releases: Record<string, unknown>[];
  tags: Record<string, unknown>[];
  pulls: Record<string, Record<string, unknown>>;
  compare: Record<string, Record<string, unknown>>;
}

export function loadArgoCdFixtures(): GitHubFixtures {
  const read = (name: string) => JSON.parse(readFileSync(`${SHARED_FIXTURES}argo-cd/${name}.json`, 'utf8'));
  return { releases: read('releases'), tags: read('tags'), pulls: read('pulls'), compare: read('compare') };
}

export interface RecordedRequest {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  ifNoneMatch: string | undefined;
  status: number;
}

/**
 * - `redirect-loop`: 302 to the same path with `?fake-loop=1`, which redirects back.
 * - `endless-body`: 200 and a body streamed in 64 KiB chunks until the client hangs up.
 * - `echo-authorization`: 401 whose message quotes the Authorization header, and the bare token too.
 */
export type Fault =
  | 'server-error'
  | 'malformed'
  | 'silent'
  | 'redirect-loop'
  | 'endless-body'
  | 'echo-authorization';

export interface FakeGitHub {
  url: string;
  /** Mutable: tests add releases or merge PRs between runs. */
  data: GitHubFixtures;
  requests: RecordedRequest[];
  /** Requests that counted against the rate limit. */
  billed(): number;
  /** The next `times` requests whose path contains `pathPart` fail with `fault`. */
  inject(fault: Fault, pathPart?: string, times?: number): void;
  /** A new rate-limit window: `limit` requests until the next reset. */
  resetRateLimit(limit?: number): void;
  close(): Promise<void>;
}

interface Injection {
  fault: Fault;
  pathPart: string;
  times: number;
}

const RESET_AT_SECONDS = 4_102_444_800; // 2100-01-01: the window never ends by itself

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
}

function pageLinks(base: string, perPage: number, page: number, total: number): string | undefined {
  const last = Math.max(1, Math.ceil(total / perPage));
  const link = (target: number, rel: string) => `<${base}?per_page=${perPage}&page=${target}>; rel="${rel}"`;
  const links = [
    ...(page > 1 ? [link(page - 1, 'prev'), link(1, 'first')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
  ];
  return links.length === 0 ? undefined : links.join(', ');
}

export interface FakeGitHubOptions {
  /** Requests allowed in the current window (GitHub: 60 an hour without a token). */
  rateLimit?: number;
  data?: GitHubFixtures;
  /** Where the API lives, e.g. "/api/v3" as on GitHub Enterprise; default the root. */
  basePath?: string;
  /** The X-RateLimit-Reset header sent, verbatim (default 2100-01-01 in epoch seconds). */
  rateLimitReset?: string;
}

const LOOP_PARAM = 'fake-loop';

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const data = options.data ?? loadArgoCdFixtures();
  const requests: RecordedRequest[] = [];
  const injections: Injection[] = [];
  const sockets = new Set<Socket>();
  let limit = options.rateLimit ?? 60;
  let used = 0;
  let billed = 0;
  let origin = '';

  const basePath = options.basePath ?? '';

  function route(path: string, query: URLSearchParams): { status: number; body: unknown; link?: string } {
    if (path === `${basePath}/rate_limit`) {
      return { status: 200, body: { resources: { core: { limit, remaining: Math.max(0, limit - used) } } } };
    }
    const prefix = `${basePath}/repos/${FIXTURE_REPO}/`;
    if (!path.startsWith(prefix)) return { status: 404, body: { message: 'Not Found' } };
    const rest = path.slice(prefix.length);
    if (rest === 'releases' || rest === 'tags') {
      const items = data[rest];
      const perPage = Math.min(Number(query.get('per_page') ?? 30), 100);
      const page = Number(query.get('page') ?? 1);
      const link = pageLinks(`${origin}${path}`, perPage, page, items.length);
      return {
        status: 200,
        body: items.slice((page - 1) * perPage, page * perPage),
        ...(link ? { link } : {}),
      };
    }
    const pull = /^pulls\/(\d+)$/.exec(rest);
    if (pull) {
      const found = data.pulls[pull[1] as string];
      return found ? { status: 200, body: found } : { status: 404, body: { message: 'Not Found' } };
    }
    const compare = /^compare\/(.+)$/.exec(rest);
    if (compare) {
      const found = data.compare[decodeURIComponent(compare[1] as string)];
      return found ? { status: 200, body: found } : { status: 404, body: { message: 'Not Found' } };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }

  function takeInjection(path: string): Fault | undefined {
    const injection = injections.find((candidate) => path.includes(candidate.pathPart));
    if (injection === undefined) return undefined;
    injection.times -= 1;
    if (injection.times <= 0) injections.splice(injections.indexOf(injection), 1);
    return injection.fault;
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const parsed = new URL(request.url ?? '/', 'http://fake');
    const authorization = request.headers.authorization;
    const ifNoneMatch = request.headers['if-none-match'];
    const record = (status: number) =>
      requests.push({
        path: parsed.pathname,
        query: parsed.searchParams,
        authorization,
        ifNoneMatch,
        status,
      });
    const rateHeaders = () => ({
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': options.rateLimitReset ?? String(RESET_AT_SECONDS),
      'x-ratelimit-used': String(used),
    });

    // The second hop of a redirect loop sends the client back where it started.
    if (parsed.searchParams.has(LOOP_PARAM)) {
      record(302);
      const back = new URLSearchParams(parsed.searchParams);
      back.delete(LOOP_PARAM);
      response.writeHead(302, { location: `${parsed.pathname}${back.size === 0 ? '' : `?${back}`}` });
      response.end();
      return;
    }
    if (used >= limit) {
      record(403);
      response.writeHead(403, { 'content-type': 'application/json', ...rateHeaders() });
      response.end(JSON.stringify({ message: 'API rate limit exceeded for 127.0.0.1.' }));
      return;
    }
    const fault = takeInjection(parsed.pathname);
    if (fault === 'silent') {
      record(0);
      return;
    }
    used += 1;
    billed += 1;
    if (fault === 'server-error') {
      record(502);
      response.writeHead(502, { 'content-type': 'application/json', ...rateHeaders() });
      response.end(JSON.stringify({ message: 'Server Error' }));
      return;
    }
    if (fault === 'redirect-loop') {
      record(302);
      const next = new URLSearchParams(parsed.searchParams);
      next.set(LOOP_PARAM, '1');
      response.writeHead(302, { location: `${parsed.pathname}?${next}`, ...rateHeaders() });
      response.end();
      return;
    }
    if (fault === 'endless-body') {
      record(200);
      response.writeHead(200, { 'content-type': 'application/json', ...rateHeaders() });
      streamEndlessly(response);
      return;
    }
    if (fault === 'echo-authorization') {
      record(401);
      const token = authorization?.replace(/^Bearer /, '') ?? '';
      response.writeHead(401, { 'content-type': 'application/json', ...rateHeaders() });
      response.end(
        JSON.stringify({
          message: `Bad credentials: got Authorization: ${authorization}; token=${token}; again ${encodeURIComponent(token)}`,
          documentation_url: 'https://docs.github.com/rest',
        }),
      );
      return;
    }
    const { status, body, link } = route(parsed.pathname, parsed.searchParams);
    const text = fault === 'malformed' ? '{"tag_name": "v3.4' : JSON.stringify(body);
    const etag = etagOf(text);
    if (status === 200 && ifNoneMatch === etag) {
      // GitHub does not bill a 304 to an authorized request.
      if (authorization !== undefined) {
        used -= 1;
        billed -= 1;
      }
      record(304);
      response.writeHead(304, { etag, ...rateHeaders() });
      response.end();
      return;
    }
    record(status);
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...(status === 200 ? { etag } : {}),
      ...(link ? { link } : {}),
      ...rateHeaders(),
    });
    response.end(text);
  }

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: `${origin}${basePath}`,
    data,
    requests,
    billed: () => billed,
    inject(fault, pathPart = '/', times = 1) {
      injections.push({ fault, pathPart, times });
    },
    resetRateLimit(next = 60) {
      limit = next;
      used = 0;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
