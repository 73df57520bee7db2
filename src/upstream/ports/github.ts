/**
 * The four GitHub REST endpoints the upstream watcher uses. One real implementation:
 * `src/adapters/github/`.
 */
import type { Deadline } from '../../shared/deadline';
import type { Comparison, PullRecord, ReleaseRecord } from '../domain/github-records';

/** An answer to a conditional request: `notModified` when the stored ETag still matches. */
export type Conditional<T> = { notModified: true } | { notModified: false; value: T; etag: string | null };

export interface ReleasesPage {
  releases: ReleaseRecord[];
  /** GitHub's `Link` header names a next page. */
  hasNext: boolean;
}

export interface RequestOptions {
  /** A request that could outlast it is not sent: DeadlineExceededError (`src/shared/deadline.ts`). */
  deadline?: Deadline;
}

export interface GitHubApi {
  /** `GET /repos/{repo}/releases?per_page=&page=` (newest first). */
  listReleases(
    repo: string,
    page: number,
    etag: string | null,
    options?: RequestOptions,
  ): Promise<Conditional<ReleasesPage>>;
  /** `GET /repos/{repo}/pulls/{number}`. */
  getPull(
    repo: string,
    number: number,
    etag: string | null,
    options?: RequestOptions,
  ): Promise<Conditional<PullRecord>>;
  /** `GET /repos/{repo}/compare/{base}...{head}`: the status and the first page of commit messages. */
  compare(repo: string, base: string, head: string, options?: RequestOptions): Promise<Comparison>;
}

/** GitHub failed us (5xx, timeout, malformed answer, unexpected status): nothing it said may be trusted. */
export class GitHubError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitHubError';
  }
}

/** The rate limit is used up: stop asking until `resetAt` (epoch ms, null when GitHub did not say). */
export class GitHubRateLimitError extends Error {
  constructor(
    readonly resetAt: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'GitHubRateLimitError';
  }
}
