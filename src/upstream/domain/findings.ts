/**
 * Turns complete knowledge into the report: per fix, the first release of each minor line that has it,
 * whether the deployed version has it, and the smallest upgrade that does.
 */

import type { FixEntry } from './catalog';
import { groupByLine, mergedPulls, searchLine } from './containment';
import { type Knowledge, type ReleaseFact, repoKnowledge } from './knowledge';
import { releasesView } from './planner';
import type { FixStatus, UpstreamFindings } from './upstream-fix-status';
import { compareVersions, minorLine } from './version';

interface LineFix {
  line: string;
  /** First containing release, GA or prerelease. */
  first: ReleaseFact;
  /** First GA release containing the fix; null while the line only has prereleases. */
  firstGa: ReleaseFact | null;
}

function fixedLines(entry: FixEntry, knowledge: Knowledge): { merged: boolean; lines: LineFix[] } {
  const known = repoKnowledge(knowledge, entry.repo);
  const merged = mergedPulls(entry, known);
  if (merged.length === 0) return { merged: false, lines: [] };
  const since = Math.min(...merged.map((pull) => pull.mergedAt as number));
  const view = releasesView(entry.repo, known, since, 'all');
  if (view.kind === 'ask')
    throw new Error(`release list of ${entry.repo} incomplete: page ${view.page} missing`);
  const lines = groupByLine(view.releases).flatMap((line) => {
    const verdict = searchLine(entry, known, line);
    if (verdict.kind === 'ask') {
      throw new Error(`ancestry of ${verdict.mergeCommitSha} in ${verdict.tag} unknown`);
    }
    if (verdict.first === null) return [];
    const containing = line.releases.slice(verdict.first);
    const first = containing[0] as ReleaseFact;
    return [{ line: line.line, first, firstGa: containing.find((release) => !release.prerelease) ?? null }];
  });
  return { merged: true, lines };
}

function deployedHasFix(lines: readonly LineFix[], deployed: string): boolean {
  const line = lines.find((candidate) => candidate.line === minorLine(deployed));
  return line !== undefined && compareVersions(deployed, line.first.tag) >= 0;
}

function fixStatus(entry: FixEntry, knowledge: Knowledge, deployedVersion: string | null): FixStatus {
  const { merged, lines } = fixedLines(entry, knowledge);
  const fixedIn = lines.flatMap((line) => (line.firstGa === null ? [] : [line.firstGa.tag]));
  const fixedInPrerelease = lines.flatMap((line) => (line.first.prerelease ? [line.first.tag] : []));
  const hasFix = deployedVersion === null ? null : deployedHasFix(lines, deployedVersion);
  // fixedIn is ascending with one release per line, so the first one above the deployed version is a
  // fixed patch of the same line if there is one, else the first fixed release of the next line.
  const upgradeTo =
    hasFix === false
      ? (fixedIn.find((tag) => compareVersions(tag, deployedVersion as string) > 0) ?? null)
      : null;
  return {
    id: entry.id,
    title: entry.title,
    merged,
    fixedIn,
    fixedInPrerelease,
    deployedHasFix: hasFix,
    upgradeTo,
    ...(entry.advice === undefined ? {} : { advice: entry.advice }),
  };
}

export function buildUpstreamFindings(
  catalog: readonly FixEntry[],
  knowledge: Knowledge,
  deployedVersion: string | null,
  checkedAt: number,
): UpstreamFindings {
  return {
    deployedVersion,
    checkedAt,
    fixes: catalog.map((entry) => fixStatus(entry, knowledge, deployedVersion)),
  };
}
