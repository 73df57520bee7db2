/**
 * Which releases of one minor line contain a fix. A line's releases are one branch in semver order,
 * so containment is monotone: once a release contains a commit, every later release of the line does.
 * That lets the watcher find the first containing release with a handful of compare requests
 * (first, last, then bisection) instead of one per release.
 */
import type { FixEntry } from './catalog';
import type { CompareStatus } from './github-records';
import { ancestryKey, type PullFact, type ReleaseFact, type RepoKnowledge } from './knowledge';
import { compareVersions, minorLine } from './version';

/** `first` indexes the line's releases; `ask` is the one compare needed before the answer is known. */
export type LineVerdict =
  | { kind: 'known'; first: number | null }
  | { kind: 'ask'; mergeCommitSha: string; tag: string };

export interface LineReleases {
  line: string;
  /** Ascending semver. */
  releases: ReleaseFact[];
}

export function groupByLine(releases: readonly ReleaseFact[]): LineReleases[] {
  const lines = new Map<string, ReleaseFact[]>();
  for (const release of releases) {
    const line = minorLine(release.tag);
    lines.set(line, [...(lines.get(line) ?? []), release]);
  }
  return [...lines.entries()]
    .map(([line, members]) => ({ line, releases: members.sort((a, b) => compareVersions(a.tag, b.tag)) }))
    .sort((a, b) => compareVersions(`${a.line}.0`, `${b.line}.0`));
}

function containsCommit(status: CompareStatus): boolean {
  return status === 'ahead' || status === 'identical';
}

/** A backport merged into `release-X.Y` can only be in line X.Y; a master merge can be in any line. */
function mayBeInLine(pull: PullFact, line: string): boolean {
  const branchLine = /^release-(\d+\.\d+)$/.exec(pull.baseRef)?.[1];
  return branchLine === undefined || branchLine === line;
}

type SearchStep = { kind: 'known'; first: number | null } | { kind: 'ask'; index: number };

/** First index in `candidates` (monotone: false…false true…true) whose commit status contains the fix. */
function firstContaining(
  candidates: readonly number[],
  statusOf: (index: number) => CompareStatus | undefined,
): SearchStep {
  const probe = (position: number): boolean | SearchStep => {
    const index = candidates[position] as number;
    const status = statusOf(index);
    return status === undefined ? { kind: 'ask', index } : containsCommit(status);
  };
  if (candidates.length === 0) return { kind: 'known', first: null };
  const lowest = probe(0);
  if (typeof lowest !== 'boolean') return lowest;
  if (lowest) return { kind: 'known', first: candidates[0] as number };
  let low = 0;
  let high = candidates.length - 1;
  if (high === low) return { kind: 'known', first: null };
  const highest = probe(high);
  if (typeof highest !== 'boolean') return highest;
  if (!highest) return { kind: 'known', first: null };
  // Invariant: candidates[low] lacks the commit, candidates[high] has it.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const verdict = probe(middle);
    if (typeof verdict !== 'boolean') return verdict;
    if (verdict) high = middle;
    else low = middle;
  }
  return { kind: 'known', first: candidates[high] as number };
}

export function mergedPulls(entry: FixEntry, knowledge: RepoKnowledge): PullFact[] {
  return entry.pulls.flatMap((number) => {
    const pull = knowledge.pulls[number];
    return pull?.merged && pull.mergedAt !== null && pull.mergeCommitSha !== null ? [pull] : [];
  });
}

export function searchLine(
  entry: FixEntry,
  knowledge: RepoKnowledge,
  { line, releases }: LineReleases,
): LineVerdict {
  // Release notes naming a backport (`cherry-pick #N`) are free evidence, and so are the commit messages
  // an earlier compare listed for a release: use them first, so compares are only spent on releases
  // older than the first one they already prove.
  const listed = new Set(entry.pulls);
  const names = (numbers: readonly number[]) => numbers.some((number) => listed.has(number));
  const byNotes = releases.findIndex(
    (release) => names(release.cherryPicks) || names(knowledge.commitCherryPicks?.[release.tag] ?? []),
  );
  let bound = byNotes === -1 ? releases.length : byNotes;

  for (const pull of mergedPulls(entry, knowledge)) {
    if (!mayBeInLine(pull, line)) continue;
    const sha = pull.mergeCommitSha as string;
    const mergedAt = pull.mergedAt as number;
    // A release published before the merge cannot contain it.
    const candidates = releases.flatMap((release, index) =>
      index < bound && release.publishedAt >= mergedAt ? [index] : [],
    );
    const step = firstContaining(candidates, (index) => {
      const tag = (releases[index] as ReleaseFact).tag;
      return knowledge.ancestry[ancestryKey(sha, tag)];
    });
    if (step.kind === 'ask') {
      return { kind: 'ask', mergeCommitSha: sha, tag: (releases[step.index] as ReleaseFact).tag };
    }
    if (step.first !== null) bound = step.first;
  }
  return { kind: 'known', first: bound < releases.length ? bound : null };
}
