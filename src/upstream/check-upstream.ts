/** One upstream check: gather what the catalog needs from GitHub, then report on it. */
import type { Clock } from '../shared/clock';
import { type Deadline, NO_DEADLINE } from '../shared/deadline';
import type { FixEntry } from './domain/catalog';
import { buildUpstreamFindings } from './domain/findings';
import type { Knowledge } from './domain/knowledge';
import type { UpstreamFindings } from './domain/upstream-fix-status';
import { gatherUpstreamKnowledge } from './gather-upstream-knowledge';
import type { GitHubApi } from './ports/github';

export type UpstreamCheckOutcome =
  | { kind: 'complete'; findings: UpstreamFindings; knowledge: Knowledge; requests: number }
  | { kind: 'rate-limited'; knowledge: Knowledge; requests: number; resetAt: number | null; reason: string }
  /** The run's deadline came first; what was learnt is kept for the next run. */
  | { kind: 'out-of-time'; knowledge: Knowledge; requests: number; reason: string };

type CheckDeps = { github: GitHubApi; clock: Clock };

/** Without a deadline (the CLI) the check never stops for time. */
export function checkUpstream(
  deps: CheckDeps,
  catalog: readonly FixEntry[],
  stored: Knowledge,
  deployedVersion: string | null,
): Promise<Exclude<UpstreamCheckOutcome, { kind: 'out-of-time' }>>;
export function checkUpstream(
  deps: CheckDeps,
  catalog: readonly FixEntry[],
  stored: Knowledge,
  deployedVersion: string | null,
  deadline: Deadline,
): Promise<UpstreamCheckOutcome>;
export async function checkUpstream(
  deps: CheckDeps,
  catalog: readonly FixEntry[],
  stored: Knowledge,
  deployedVersion: string | null,
  deadline: Deadline = NO_DEADLINE,
): Promise<UpstreamCheckOutcome> {
  const gathered = await gatherUpstreamKnowledge(deps.github, catalog, stored, deadline);
  if (!gathered.complete) {
    const { knowledge, requests, reason } = gathered;
    if (gathered.stoppedBy === 'deadline') return { kind: 'out-of-time', knowledge, requests, reason };
    return { kind: 'rate-limited', knowledge, requests, resetAt: gathered.resetAt, reason };
  }
  const findings = buildUpstreamFindings(
    catalog,
    gathered.knowledge,
    deployedVersion,
    deps.clock.now().getTime(),
  );
  return { kind: 'complete', findings, knowledge: gathered.knowledge, requests: gathered.requests };
}
