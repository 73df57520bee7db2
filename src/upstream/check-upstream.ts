/** One upstream check: gather what the catalog needs from GitHub, then report on it. */
import type { Clock } from '../shared/clock';
import type { FixEntry } from './domain/catalog';
import type { Knowledge } from './domain/knowledge';
import { buildUpstreamReport } from './domain/report';
import type { UpstreamReport } from './domain/upstream-fix-status';
import { gatherUpstreamKnowledge } from './gather-upstream-knowledge';
import type { GitHubApi } from './ports/github';

export type UpstreamCheckOutcome =
  | { kind: 'complete'; report: UpstreamReport; knowledge: Knowledge; requests: number }
  | { kind: 'rate-limited'; knowledge: Knowledge; requests: number; resetAt: number | null; reason: string };

export async function checkUpstream(
  deps: { github: GitHubApi; clock: Clock },
  catalog: readonly FixEntry[],
  stored: Knowledge,
  deployedVersion: string | null,
): Promise<UpstreamCheckOutcome> {
  const gathered = await gatherUpstreamKnowledge(deps.github, catalog, stored);
  if (!gathered.complete) {
    const { knowledge, requests, resetAt, reason } = gathered;
    return { kind: 'rate-limited', knowledge, requests, resetAt, reason };
  }
  const report = buildUpstreamReport(
    catalog,
    gathered.knowledge,
    deployedVersion,
    deps.clock.now().getTime(),
  );
  return { kind: 'complete', report, knowledge: gathered.knowledge, requests: gathered.requests };
}
