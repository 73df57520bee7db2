/**
 * Decides the next GitHub request from what is known so far, or that nothing more is needed. Pure and
 * re-entrant: the caller asks, records the answer in the knowledge, and calls again, so a run can stop
 * at any request (rate limit) and the next run continues from the stored knowledge.
 */
import type { FixEntry } from './catalog';
import { groupByLine, mergedPulls, searchLine } from './containment';
import { type Knowledge, type ReleaseFact, type RepoKnowledge, repoKnowledge } from './knowledge';

export type Question =
  | { kind: 'pull'; repo: string; number: number; etag: string | null }
  | { kind: 'releases'; repo: string; page: number; etag: string | null }
  | { kind: 'compare'; repo: string; base: string; head: string };

/** Keys of the changing facts already refreshed in this run. */
export type Refreshed = ReadonlySet<string>;

function releasesKey(repo: string, page: number): string {
  return `releases ${repo} page ${page}`;
}

export function refreshKey(question: Question): string {
  switch (question.kind) {
    case 'pull':
      return `pull ${question.repo}#${question.number}`;
    case 'releases':
      return releasesKey(question.repo, question.page);
    case 'compare':
      return `compare ${question.repo} ${question.base}...${question.head}`;
  }
}

function catalogRepos(catalog: readonly FixEntry[]): string[] {
  return [...new Set(catalog.map((entry) => entry.repo))];
}

function earliestMerge(entries: readonly FixEntry[], knowledge: RepoKnowledge): number | null {
  const times = entries.flatMap((entry) =>
    mergedPulls(entry, knowledge).map((pull) => pull.mergedAt as number),
  );
  return times.length === 0 ? null : Math.min(...times);
}

export type ReleasesView = { kind: 'releases'; releases: ReleaseFact[] } | { kind: 'ask'; page: number };

/**
 * The releases that matter: pages newest first, until GitHub says there are no more or a page reaches
 * releases published before the earliest merge (older ones cannot contain any fix).
 */
export function releasesView(
  repo: string,
  knowledge: RepoKnowledge,
  mergedSince: number,
  refreshed: Refreshed | 'all',
): ReleasesView {
  const byTag = new Map<string, ReleaseFact>();
  for (let page = 1; ; page += 1) {
    const stored = knowledge.releasePages.find((candidate) => candidate.page === page);
    const fresh = refreshed === 'all' || refreshed.has(releasesKey(repo, page));
    if (stored === undefined || !fresh) return { kind: 'ask', page };
    for (const release of stored.releases) byTag.set(release.tag, release);
    const oldest = Math.min(...stored.releases.map((release) => release.publishedAt));
    if (!stored.hasNext || oldest < mergedSince) break;
  }
  return { kind: 'releases', releases: [...byTag.values()] };
}

function nextForRepo(repo: string, entries: readonly FixEntry[], knowledge: Knowledge, refreshed: Refreshed) {
  const known = repoKnowledge(knowledge, repo);
  for (const number of new Set(entries.flatMap((entry) => entry.pulls))) {
    const pull = known.pulls[number];
    // A merged PR never changes; an open one may be merged since the last run.
    const question: Question = { kind: 'pull', repo, number, etag: pull?.etag ?? null };
    if (pull === undefined || (!pull.merged && !refreshed.has(refreshKey(question)))) return question;
  }
  const mergedSince = earliestMerge(entries, known);
  if (mergedSince === null) return null;
  const view = releasesView(repo, known, mergedSince, refreshed);
  if (view.kind === 'ask') {
    const stored = known.releasePages.find((candidate) => candidate.page === view.page);
    return { kind: 'releases', repo, page: view.page, etag: stored?.etag ?? null } satisfies Question;
  }
  const lines = groupByLine(view.releases);
  for (const entry of entries) {
    for (const line of lines) {
      const verdict = searchLine(entry, known, line);
      if (verdict.kind === 'ask') {
        return { kind: 'compare', repo, base: verdict.mergeCommitSha, head: verdict.tag } satisfies Question;
      }
    }
  }
  return null;
}

export function nextQuestion(
  catalog: readonly FixEntry[],
  knowledge: Knowledge,
  refreshed: Refreshed,
): Question | null {
  for (const repo of catalogRepos(catalog)) {
    const question = nextForRepo(
      repo,
      catalog.filter((entry) => entry.repo === repo),
      knowledge,
      refreshed,
    );
    if (question !== null) return question;
  }
  return null;
}
