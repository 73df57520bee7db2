/**
 * In-memory GitHubApi over repositories the test describes: releases (newest first, paged by
 * `perPage`), pulls, and compare answers. Conditional reads keep the port's contract: an answer carries
 * an ETag of its content, and the same ETag back gets `notModified` while the content is unchanged.
 * A rate limit of `remaining` requests, once used up, makes every call throw GitHubRateLimitError.
 */
import { createHash } from 'node:crypto';
import type { Comparison, PullRecord, ReleaseRecord } from '../../../src/upstream/domain/github-records';
import {
  type Conditional,
  type GitHubApi,
  GitHubError,
  GitHubRateLimitError,
  type ReleasesPage,
} from '../../../src/upstream/ports/github';
import { FakePort, type Timeline } from './script';

export interface FakeRepo {
  /** Newest first, as GitHub lists them. */
  releases: ReleaseRecord[];
  pulls: PullRecord[];
  /** Keyed `<base>...<head>`; a pair not listed is a 404. */
  comparisons: Record<string, Comparison>;
}

type Operation = 'listReleases' | 'getPull' | 'compare';

export class FakeGitHubApi extends FakePort<Operation> implements GitHubApi {
  readonly repos = new Map<string, FakeRepo>();
  /** Requests left before the rate limit is used up. */
  remaining = Number.POSITIVE_INFINITY;
  /** Epoch ms the rate limit resets at, as a used-up limit reports it. */
  resetAt: number | null = null;

  constructor(private readonly options: { perPage?: number; timeline?: Timeline } = {}) {
    super('github', options.timeline);
  }

  addRepo(name: string, repo: FakeRepo): this {
    this.repos.set(name, repo);
    return this;
  }

  async listReleases(repo: string, page: number, etag: string | null): Promise<Conditional<ReleasesPage>> {
    await this.request('listReleases', [repo, page, etag]);
    const perPage = this.options.perPage ?? 100;
    const { releases } = this.repo(repo);
    const value = {
      releases: structuredClone(releases.slice((page - 1) * perPage, page * perPage)),
      hasNext: releases.length > page * perPage,
    };
    return conditional(value, etag);
  }

  async getPull(repo: string, number: number, etag: string | null): Promise<Conditional<PullRecord>> {
    await this.request('getPull', [repo, number, etag]);
    const found = this.repo(repo).pulls.find((pull) => pull.number === number);
    if (found === undefined)
      throw new GitHubError(`GitHub GET /repos/${repo}/pulls/${number} failed: HTTP 404`);
    return conditional(structuredClone(found), etag);
  }

  async compare(repo: string, base: string, head: string): Promise<Comparison> {
    await this.request('compare', [repo, base, head]);
    const found = this.repo(repo).comparisons[`${base}...${head}`];
    if (found === undefined) {
      throw new GitHubError(`GitHub GET /repos/${repo}/compare/${base}...${head} failed: HTTP 404`);
    }
    return structuredClone(found);
  }

  private async request(operation: Operation, args: readonly unknown[]): Promise<void> {
    await this.enter(operation, args);
    if (this.remaining <= 0) {
      throw new GitHubRateLimitError(this.resetAt, `GitHub rate limit used up; not sending ${operation}`);
    }
    this.remaining -= 1;
  }

  private repo(name: string): FakeRepo {
    const found = this.repos.get(name);
    if (found === undefined) throw new GitHubError(`GitHub GET /repos/${name} failed: HTTP 404`);
    return found;
  }
}

function conditional<T>(value: T, etag: string | null): Conditional<T> {
  const current = `"${createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32)}"`;
  return etag === current ? { notModified: true } : { notModified: false, value, etag: current };
}
