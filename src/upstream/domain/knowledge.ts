/**
 * What the watcher has learnt about the upstream repositories. It is persisted between runs, so a
 * run stopped by the rate limit continues where it stopped; immutable facts (merged PRs, ancestry of a
 * commit and a tag) are never asked again, changing ones (release lists, open PRs) are re-asked once per
 * run with their ETag.
 */
import type { CompareStatus, PullRecord, ReleaseRecord } from './github-records';
import { isTagVersion } from './version';

export interface PullFact extends PullRecord {
  etag: string | null;
}

/** A published (non-draft) release, reduced to what the watcher needs. */
export interface ReleaseFact {
  tag: string;
  prerelease: boolean;
  publishedAt: number;
  /** PR numbers the notes name as `cherry-pick #N`: backports a catalog entry may not list. */
  cherryPicks: number[];
}

export interface ReleasePage {
  page: number;
  etag: string | null;
  hasNext: boolean;
  releases: ReleaseFact[];
}

export interface RepoKnowledge {
  pulls: Record<string, PullFact>;
  /** Pages of the releases list, newest first, as GitHub pages it. */
  releasePages: ReleasePage[];
  /** Compare status keyed by `{mergeCommitSha}...{tag}`. */
  ancestry: Record<string, CompareStatus>;
  /**
   * PR numbers named `cherry-pick #N` by the commits a compare listed for a tag (commits the tag has
   * beyond a merge commit), keyed by tag: backports the release notes may not name. Absent in
   * knowledge stored before it existed.
   */
  commitCherryPicks?: Record<string, number[]>;
}

export interface Knowledge {
  repos: Record<string, RepoKnowledge>;
}

export function emptyKnowledge(): Knowledge {
  return { repos: {} };
}

export function repoKnowledge(knowledge: Knowledge, repo: string): RepoKnowledge {
  return knowledge.repos[repo] ?? { pulls: {}, releasePages: [], ancestry: {} };
}

export function ancestryKey(mergeCommitSha: string, tag: string): string {
  return `${mergeCommitSha}...${tag}`;
}

const CHERRY_PICK = /cherry-pick #(\d+)/gi;

function cherryPicksIn(notes: string): number[] {
  const numbers = new Set<number>();
  for (const match of notes.matchAll(CHERRY_PICK)) numbers.add(Number(match[1]));
  return [...numbers].sort((a, b) => a - b);
}

/** Drafts are not releases yet, and tags that are not semantic versions cannot be ordered: both dropped. */
export function toReleaseFacts(records: readonly ReleaseRecord[]): ReleaseFact[] {
  return records.flatMap((record) =>
    record.draft || record.publishedAt === null || !isTagVersion(record.tagName)
      ? []
      : [
          {
            tag: record.tagName,
            prerelease: record.prerelease,
            publishedAt: record.publishedAt,
            cherryPicks: cherryPicksIn(record.body),
          },
        ],
  );
}

function withRepo(knowledge: Knowledge, repo: string, update: (current: RepoKnowledge) => RepoKnowledge) {
  return { repos: { ...knowledge.repos, [repo]: update(repoKnowledge(knowledge, repo)) } };
}

export function learnPull(
  knowledge: Knowledge,
  repo: string,
  pull: PullRecord,
  etag: string | null,
): Knowledge {
  return withRepo(knowledge, repo, (current) => ({
    ...current,
    pulls: { ...current.pulls, [pull.number]: { ...pull, etag } },
  }));
}

/** Stores one page; a page that says it is the last drops any stored pages after it. */
export function learnReleasePage(
  knowledge: Knowledge,
  repo: string,
  page: Omit<ReleasePage, 'releases'> & { releases: ReleaseFact[] },
): Knowledge {
  return withRepo(knowledge, repo, (current) => {
    const others = current.releasePages.filter(
      (stored) => stored.page < page.page || (page.hasNext && stored.page > page.page),
    );
    return { ...current, releasePages: [...others, page].sort((a, b) => a.page - b.page) };
  });
}

export function learnAncestry(
  knowledge: Knowledge,
  repo: string,
  mergeCommitSha: string,
  tag: string,
  status: CompareStatus,
  commitMessages: readonly string[] = [],
): Knowledge {
  return withRepo(knowledge, repo, (current) => {
    const picked = cherryPicksIn(commitMessages.join('\n'));
    const known = current.commitCherryPicks?.[tag] ?? [];
    const merged = [...new Set([...known, ...picked])].sort((a, b) => a - b);
    return {
      ...current,
      ancestry: { ...current.ancestry, [ancestryKey(mergeCommitSha, tag)]: status },
      ...(merged.length === 0 ? {} : { commitCherryPicks: { ...current.commitCherryPicks, [tag]: merged } }),
    };
  });
}
