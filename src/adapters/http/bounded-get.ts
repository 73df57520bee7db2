/**
 * One HTTP GET with every bound an outside server could otherwise break: a deadline over the whole
 * exchange, redirects followed by hand (a loop is named as one, and credentials are not carried to
 * another origin), and a body read as a stream up to a size cap, never buffered whole past it.
 */
import { byteSize } from '../../shared/wording';

export interface BoundedGetOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  /** Default 5: GitHub moves a renamed repository with one, a proxy's login page adds one or two. */
  maxRedirects?: number;
  /** Header names (lower case) not sent once a redirect leaves the first URL's origin. */
  credentialHeaders?: readonly string[];
}

export interface BoundedAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** Where the answer came from, after redirects. */
  url: string;
  redirected: boolean;
}

export type BoundedGetFailure =
  | 'timeout'
  | 'unreachable'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'too-large';

/** The exchange failed before a whole answer arrived; the message says how, in the caller's terms. */
export class BoundedGetError extends Error {
  constructor(
    readonly failure: BoundedGetFailure,
    message: string,
  ) {
    super(message);
    this.name = 'BoundedGetError';
  }
}

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A URL fit to print: without the user:password part. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** The body of `response` as text, read as a stream and abandoned past `maxBytes` (BoundedGetError 'too-large'). */
export async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
  const tooLarge = () =>
    new BoundedGetError(
      'too-large',
      `the answer from ${displayUrl(url)} is larger than ${byteSize(maxBytes)}; not reading further`,
    );
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** `fetch failed` alone says nothing: add the cause (`connect ECONNREFUSED 127.0.0.1:9`). */
function reachFailure(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  const cause = (error as { cause?: { message?: unknown } }).cause?.message;
  return typeof cause === 'string' && cause !== '' && cause !== message ? `${message} (${cause})` : message;
}

function redirectTarget(response: Response, from: string): string | null {
  const location = response.headers.get('location');
  if (!REDIRECT_STATUSES.has(response.status) || location === null) return null;
  try {
    return new URL(location, from).toString();
  } catch {
    return null;
  }
}

export async function boundedGet(url: string, options: BoundedGetOptions): Promise<BoundedAnswer> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const first = new URL(url);
  // Normalized, so a Location naming the same URL in another spelling is recognised as a loop.
  const visited = [first.toString()];
  let current = first.toString();
  try {
    for (;;) {
      const sameOrigin = new URL(current).origin === first.origin;
      const headers = Object.fromEntries(
        Object.entries(options.headers).filter(
          ([name]) => sameOrigin || !options.credentialHeaders?.includes(name.toLowerCase()),
        ),
      );
      const response = await fetch(current, { headers, signal, redirect: 'manual' });
      const next = redirectTarget(response, current);
      if (next === null) {
        const text = await readCapped(response, options.maxBodyBytes, current);
        return {
          status: response.status,
          headers: response.headers,
          text,
          url: current,
          redirected: visited.length > 1,
        };
      }
      await response.body?.cancel();
      const hops = [...visited, next].map(displayUrl).join(' → ');
      if (visited.includes(next)) {
        throw new BoundedGetError('redirect-loop', `redirect loop: ${hops}`);
      }
      if (visited.length > maxRedirects) {
        throw new BoundedGetError('too-many-redirects', `more than ${maxRedirects} redirects: ${hops}`);
      }
      visited.push(next);
      current = next;
    }
  } catch (error) {
    if (error instanceof BoundedGetError) throw error;
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new BoundedGetError('timeout', `no whole answer within ${options.timeoutMs} ms`);
    }
    throw new BoundedGetError(
      'unreachable',
      `cannot reach ${new URL(current).origin}: ${reachFailure(error)}`,
    );
  }
}
