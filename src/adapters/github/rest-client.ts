/**
 * GitHub REST client on node's fetch: conditional requests (ETag / 304), `Link` paging, and the
 * rate limit honoured: once `X-RateLimit-Remaining` reaches 0 it refuses further requests until
 * `X-RateLimit-Reset`, so a run stops early instead of collecting 403s.
 */
import type { Clock } from '../../shared/clock';
import { ensureTimeFor, NO_DEADLINE } from '../../shared/deadline';
import type { Comparison, PullRecord } from '../../upstream';
import {
  type Conditional,
  type GitHubApi,
  GitHubError,
  GitHubRateLimitError,
  type ReleasesPage,
  type RequestOptions,
} from '../../upstream';
import { MalformedResponseError, toComparison, toPullRecord, toReleaseRecords } from './records';

const MAX_PER_PAGE = 100;
const HOUR_MS = 3_600_000;

export interface GitHubClientOptions {
  baseUrl: string;
  /** Resolves the token per request (cached by its provider); undefined = unauthenticated (60 requests/h). */
  token: () => Promise<string | undefined>;
  timeoutMs: number;
  clock: Clock;
  /** Page size of list requests; GitHub's maximum unless a test wants several pages. */
  perPage?: number;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

/** `Link: <…?page=2>; rel="next", <…?page=5>; rel="last"` */
export function hasNextLink(link: string | null): boolean {
  return link?.split(',').some((part) => /;\s*rel="?next"?/.test(part)) ?? false;
}

function headerNumber(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  const value = raw === null ? Number.NaN : Number(raw);
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
    // One request is bounded by its timeout: start it only if that much time is left.
    ensureTimeFor(deadline, this.options.timeoutMs, what);
    const answer = await this.send(path, etag, what);
    if (answer.status === 304 && etag !== null) return { notModified: true };
    if (answer.status !== 200) {
      throw new GitHubError(`${what} failed: HTTP ${answer.status}${describeBody(answer.text)}`);
    }
    try {
      return {
        notModified: false,
        value: parse(JSON.parse(answer.text), answer.headers),
        etag: answer.headers.get('etag'),
      };
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof MalformedResponseError) {
        throw new GitHubError(`${what} returned malformed JSON: ${error.message}`);
      }
      throw error;
    }
  }

  private async send(path: string, etag: string | null, what: string): Promise<Answer> {
    const now = this.options.clock.now().getTime();
    if (this.exhaustedUntil !== null && now < this.exhaustedUntil) {
      throw new GitHubRateLimitError(
        this.exhaustedUntil,
        `GitHub rate limit used up until ${new Date(this.exhaustedUntil).toISOString()}; not sending ${what}`,
      );
    }
    const token = await this.options.token();
    const headers: Record<string, string> = {
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'argocd-relogin-monitor',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(etag === null ? {} : { 'if-none-match': etag }),
    };
    let answer: Answer;
    try {
      // Appended, not resolved: a GitHub Enterprise base (`https://host/api/v3`) keeps its path.
      const response = await fetch(`${this.options.baseUrl.replace(/\/+$/, '')}${path}`, {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      answer = { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new GitHubError(`${what} timed out after ${this.options.timeoutMs} ms`);
      }
      throw new GitHubError(`${what} could not reach ${this.options.baseUrl}: ${(error as Error).message}`);
    }
    this.noteRateLimit(answer, now, what);
    return answer;
  }

  private noteRateLimit(answer: Answer, now: number, what: string): void {
    const remaining = headerNumber(answer.headers, 'x-ratelimit-remaining');
    const reset = headerNumber(answer.headers, 'x-ratelimit-reset');
    const retryAfter = headerNumber(answer.headers, 'retry-after');
    const resetAt = reset !== null ? reset * 1000 : retryAfter !== null ? now + retryAfter * 1000 : null;
    if (remaining === 0) this.exhaustedUntil = resetAt ?? now + HOUR_MS;
    const limited =
      answer.status === 429 || (answer.status === 403 && (remaining === 0 || retryAfter !== null));
    if (limited) {
      this.exhaustedUntil = resetAt ?? now + HOUR_MS;
      throw new GitHubRateLimitError(
        resetAt,
        `${what} refused: rate limit exceeded${describeBody(answer.text)}`,
      );
    }
  }
}

function describeBody(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? ` (${message})` : '';
  } catch {
    return '';
  }
}
