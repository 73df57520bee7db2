/**
 * GitHub REST client on node's fetch: conditional requests (ETag / 304), `Link` paging, and the
 * rate limit honoured: once `X-RateLimit-Remaining` reaches 0 it refuses further requests until
 * `X-RateLimit-Reset`, so a run stops early instead of collecting 403s.
 */

import type { Clock } from '../../shared/clock';
import { ensureTimeFor, NO_DEADLINE } from '../../shared/deadline';
import { HOUR_MS } from '../../shared/durations';
import { redact, secrets } from '../../shared/redaction';
import { printable, truncated } from '../../shared/safe-text';
import type { Comparison, PullRecord } from '../../upstream';
import {
  type Conditional,
  type GitHubApi,
  GitHubError,
  GitHubRateLimitError,
  type ReleasesPage,
  type RequestOptions,
} from '../../upstream';
import { type BoundedAnswer, BoundedGetError, boundedGet } from '../http/bounded-get';
import { MalformedResponseError, toComparison, toPullRecord, toReleaseRecords } from './records';

const MAX_PER_PAGE = 100;
/**
 * Far above any answer the watcher asks for (a page of 100 argo-cd releases with their notes is about
 * 1 MB; a compare with its file list a few MB), far below what would exhaust a 256 MB function.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
const MAX_MESSAGE_CHARS = 300;

export interface GitHubClientOptions {
  baseUrl: string;
  /** Resolves the token per request (cached by its provider); undefined = unauthenticated (60 requests/h). */
  token: () => Promise<string | undefined>;
  timeoutMs: number;
  clock: Clock;
  /** Page size of list requests; GitHub's maximum unless a test wants several pages. */
  perPage?: number;
  /** Largest answer read; MAX_BODY_BYTES unless a test wants a small one. */
  maxBodyBytes?: number;
}

/** One request as its error texts see it: when it was sent, what it was, how server text is made safe. */
interface Exchange {
  now: number;
  what: string;
  clean: (text: string) => string;
}

/** `Link: <…?page=2>; rel="next", <…?page=5>; rel="last"` */
export function hasNextLink(link: string | null): boolean {
  return link?.split(',').some((part) => /;\s*rel="?next"?/.test(part)) ?? false;
}

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name)?.trim();
  // Number('') is 0: an empty header must not read as "no requests remaining".
  const value = raw === undefined || raw === '' ? Number.NaN : Number(raw);
  return Number.isFinite(value) ? value : null;
}

export class GitHubRestClient implements GitHubApi {
  private exhaustedUntil: number | null = null;

  constructor(private readonly options: GitHubClientOptions) {}

  async listReleases(
    repo: string,
    page: number,
    etag: string | null,
    options: RequestOptions = {},
  ): Promise<Conditional<ReleasesPage>> {
    return this.get(
      `/repos/${repo}/releases?per_page=${this.options.perPage ?? MAX_PER_PAGE}&page=${page}`,
      etag,
      (json, headers) => ({
        releases: toReleaseRecords(json),
        hasNext: hasNextLink(headers.get('link')),
      }),
      options,
    );
  }

  async getPull(
    repo: string,
    number: number,
    etag: string | null,
    options: RequestOptions = {},
  ): Promise<Conditional<PullRecord>> {
    return this.get(`/repos/${repo}/pulls/${number}`, etag, toPullRecord, options);
  }

  async compare(repo: string, base: string, head: string, options: RequestOptions = {}): Promise<Comparison> {
    // One page, still one request: the status, and the oldest commits `head` has beyond `base`, whose
    // messages may name a backport (`cherry-pick #N`). Later pages are not asked for.
    const path = `/repos/${repo}/compare/${encodeURIComponent(base)}...${encodeURIComponent(head)}?per_page=${MAX_PER_PAGE}`;
    const answer = await this.get(path, null, toComparison, options);
    if (answer.notModified)
      throw new GitHubError(`GitHub GET ${path} answered 304 to an unconditional request`);
    return answer.value;
  }

  private async get<T>(
    path: string,
    etag: string | null,
    parse: (json: unknown, headers: Headers) => T,
    { deadline = NO_DEADLINE }: RequestOptions,
  ): Promise<Conditional<T>> {
    const what = `GitHub GET ${path}`;
    const now = this.options.clock.now().getTime();
    if (this.exhaustedUntil !== null && now < this.exhaustedUntil) {
      throw new GitHubRateLimitError(
        this.exhaustedUntil,
        `GitHub rate limit used up until ${new Date(this.exhaustedUntil).toISOString()}; not sending ${what}`,
      );
    }
    // One request is bounded by its timeout: start it only if that much time is left.
    ensureTimeFor(deadline, this.options.timeoutMs, what);
    // Asked only for a request that will be sent.
    const token = await this.options.token();
    // Every error text below may quote the server (its message, a Location, a value it sent): made
    // printable, and never carrying the token, whatever the server echoed back.
    secrets.add(token);
    const clean = (text: string) => printable(redact(text));
    const answer = await this.send(path, etag, token, { now, what, clean });
    if (answer.status === 304 && etag !== null) return { notModified: true };
    if (answer.status !== 200) {
      throw new GitHubError(clean(`${what} failed: HTTP ${answer.status}${describeBody(answer.text)}`));
    }
    try {
      return {
        notModified: false,
        value: parse(JSON.parse(answer.text), answer.headers),
        etag: answer.headers.get('etag'),
      };
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof MalformedResponseError) {
        throw new GitHubError(clean(`${what} returned malformed JSON: ${error.message}`));
      }
      throw error;
    }
  }

  private async send(
    path: string,
    etag: string | null,
    token: string | undefined,
    exchange: Exchange,
  ): Promise<BoundedAnswer> {
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'argocd-relogin-monitor',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(etag === null ? {} : { 'if-none-match': etag }),
    };
    let answer: BoundedAnswer;
    try {
      // Appended, not resolved: a GitHub Enterprise base (`https://host/api/v3`) keeps its path.
      answer = await boundedGet(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`, {
        headers,
        timeoutMs: this.options.timeoutMs,
        maxBodyBytes: this.options.maxBodyBytes ?? MAX_BODY_BYTES,
        credentialHeaders: ['authorization'],
      });
    } catch (error) {
      if (!(error instanceof BoundedGetError)) throw error;
      throw new GitHubError(exchange.clean(`${exchange.what} ${failureText(error, this.options)}`));
    }
    this.noteRateLimit(answer, exchange);
    return answer;
  }

  private noteRateLimit(answer: BoundedAnswer, { now, what, clean }: Exchange): void {
    const remaining = headerNumber(answer.headers, 'x-ratelimit-remaining');
    const reset = headerNumber(answer.headers, 'x-ratelimit-reset');
    const retryAfter = headerNumber(answer.headers, 'retry-after');
    const resetHeader = answer.headers.get('x-ratelimit-reset');
    const resetFromHeader = reset === null ? null : epochMs(reset * 1000);
    const resetAt = resetFromHeader ?? (retryAfter === null ? null : epochMs(now + retryAfter * 1000));
    // Said, not thrown: a reset no clock can show (`1e300`) must not become "Invalid time value".
    const unusableReset =
      resetHeader !== null && resetFromHeader === null
        ? `; its X-RateLimit-Reset "${truncated(resetHeader, 40)}" is not a time`
        : '';
    if (remaining === 0) this.exhaustedUntil = resetAt ?? now + HOUR_MS;
    const limited =
      answer.status === 429 || (answer.status === 403 && (remaining === 0 || retryAfter !== null));
    if (limited) {
      this.exhaustedUntil = resetAt ?? now + HOUR_MS;
      throw new GitHubRateLimitError(
        resetAt,
        clean(`${what} refused: rate limit exceeded${describeBody(answer.text)}${unusableReset}`),
      );
    }
  }
}

/** What went wrong on the way, after "GitHub GET /path". */
function failureText(error: BoundedGetError, options: GitHubClientOptions): string {
  return error.failure === 'timeout' ? `timed out after ${options.timeoutMs} ms` : `failed: ${error.message}`;
}

/** Epoch milliseconds a `Date` can hold (±8.64e15), else null. */
function epochMs(value: number | null): number | null {
  return value !== null && Number.isFinite(value) && Math.abs(value) <= 8.64e15 ? value : null;
}

/**
 * GitHub's own error text (`{"message": …}`), redacted and then cut short (a cut first could leave part
 * of an echoed token standing): an error page must not flood the log.
 */
function describeBody(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? ` (${truncated(redact(message), MAX_MESSAGE_CHARS)})` : '';
  } catch {
    return '';
  }
}
