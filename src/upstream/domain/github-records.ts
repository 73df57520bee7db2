/** What the watcher reads from GitHub, already validated and reduced to the fields it uses. */

export interface ReleaseRecord {
  tagName: string;
  draft: boolean;
  prerelease: boolean;
  /** Epoch ms; null for drafts. */
  publishedAt: number | null;
  /** Release notes (Markdown); empty when none. */
  body: string;
}

export interface PullRecord {
  number: number;
  merged: boolean;
  /** Epoch ms; null while not merged. */
  mergedAt: number | null;
  mergeCommitSha: string | null;
  /** Branch the PR was merged into, e.g. "master" or "release-3.4". */
  baseRef: string;
}

/** GitHub's compare status of `head` relative to `base`. */
export type CompareStatus = 'ahead' | 'behind' | 'identical' | 'diverged';

export const COMPARE_STATUSES: readonly CompareStatus[] = ['ahead', 'behind', 'identical', 'diverged'];

/** A compare answer: the status, and the messages of the commits it listed (those `head` has beyond `base`). */
export interface Comparison {
  status: CompareStatus;
  /** As many as the one page GitHub answered with; empty when it listed none. */
  commitMessages: string[];
}
