/**
 * The self-check's part of the hourly run, in three steps the re-login check calls:
 * 1. `gatherCoverageInputs`, before the sign-in log is read: ONE GetMetricData for every client
 *    (Cognito's counts and our RecordFailures, hourly), ONE DescribeUserPool (when our function's ARN
 *    is configured), and the recovery of failed writes when RecordFailures counted some, so the log
 *    read after it holds them;
 * 2. `assessCoverage`, per client, after the replay: recorded vs Cognito over the settled window;
 * 3. `notifyBlindIfDue`, per client: one `monitor-blind` alert per episode, one `monitor-restored` reply.
 * A failed read weakens the check (logged) but never stops the run.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type NotificationLedger,
  type NotifyingJobDeps,
  type NotifyOutcome,
  notifyAndReport,
} from '../notifications';
import type { Deadline } from '../shared/deadline';
import { HOUR_MS } from '../shared/durations';
import { METRICS, metricDatum } from '../shared/metric-catalog';
import type { MetricDatum } from '../shared/ports/metrics-publisher';
import { readOrNull } from '../shared/telemetry';
import { type Attachment, checkAttachment, type ExpectedAttachment } from './domain/attachment';
import {
  type BlindEpisodeState,
  type BlindSpan,
  type BlindStep,
  blindEpisodeKey,
  blindSpansIn,
  nextBlindStep,
  readBlindEpisodeState,
  withBlindThread,
} from './domain/blind-episode';
import { type BlindPresentation, blindMessage } from './domain/blind-messages';
import {
  type CoveragePolicy,
  type HourCounts,
  type SelfCheckResult,
  selfCheck,
  selfCheckWindow,
} from './domain/self-check';
import type { ClientCounters, HourlySeries, UsageCounters, UserPoolTriggers } from './ports/usage-counters';
import {
  RECOVERY_LOOKBACK_MS,
  type RecoveryDeps,
  type RecoveryOutcome,
  recoverUnrecordedSignIns,
} from './recover-sign-ins';

export interface CoverageSettings {
  /** Our function and attach mode; null when AUTH_EVENT_FUNCTION_ARN is not set (no slot check). */
  expected: ExpectedAttachment | null;
  policy: CoveragePolicy;
}

export interface CoverageDeps {
  counters: UsageCounters;
  triggers: UserPoolTriggers;
  /** Null when the trigger's log group is unknown (AUTH_EVENT_FUNCTION_ARN not set): nothing is recovered. */
  recovery: Omit<RecoveryDeps, 'logger'> | null;
  logger: Pick<Logger, 'info' | 'warn'>;
}

export interface CoverageInputs {
  /** Null when the counters could not be read: no comparison this run. */
  counters: Map<string, ClientCounters> | null;
  /** Null when not configured or unreadable. */
  attachment: Attachment | null;
  recovery: RecoveryOutcome | null;
  /** RecordFailures counted failed writes but the recovery could not run: they wait for a later run. */
  recoveryPending: boolean;
  window: { from: number; to: number };
}

/** A side view the self-check can do without. */
function optional<T>(
  logger: CoverageDeps['logger'],
  what: string,
  read: () => Promise<T>,
): Promise<T | null> {
  return readOrNull(logger, what, 'the self-check', read);
}

function total(series: HourlySeries, from: number, to: number): number {
  let sum = 0;
  for (const [hour, value] of series) if (hour + HOUR_MS > from && hour < to) sum += value;
  return sum;
}

export async function gatherCoverageInputs(
  deps: CoverageDeps,
  settings: CoverageSettings,
  query: {
    userPoolId: string;
    clientIds: readonly string[];
    namespace: string;
    now: number;
    readFrom: number;
  },
): Promise<CoverageInputs> {
  const { userPoolId, clientIds, namespace, now } = query;
  const window = selfCheckWindow(now, settings.policy.windowHours);
  const from =
    Math.floor(Math.min(query.readFrom, window.from, now - RECOVERY_LOOKBACK_MS) / HOUR_MS) * HOUR_MS;
  const to = Math.ceil((now + 1) / HOUR_MS) * HOUR_MS;
  const { expected } = settings;
  const [counters, slots] = await Promise.all([
    clientIds.length === 0
      ? null
      : optional(deps.logger, "Cognito's and the trigger's counters", () =>
          deps.counters.read({ userPoolId, clientIds, namespace, from, to }),
        ),
    expected === null
      ? null
      : optional(deps.logger, "the pool's trigger configuration", () => deps.triggers.slots(userPoolId)),
  ]);
  const attachment = expected === null || slots === null ? null : checkAttachment(slots, expected);
  const recordFailures =
    counters === null
      ? 0
      : [...counters.values()].reduce(
          (sum, client) => sum + total(client.recordFailures, now - RECOVERY_LOOKBACK_MS, now),
          0,
        );
  const { recovery } = deps;
  const recovered =
    recovery === null || recordFailures === 0
      ? null
      : await optional(deps.logger, "the trigger's failed-write lines", () =>
          recoverUnrecordedSignIns({ ...recovery, logger: deps.logger }, { userPoolId, recordFailures, now }),
        );
  return {
    counters,
    attachment,
    recovery: recovered,
    recoveryPending: recovery !== null && recordFailures > 0 && recovered === null,
    window,
  };
}

/** Cognito's counts over the report window, from the same read (hour-granular: the hours it overlaps). */
export function cognitoUsageBetween(
  counters: ClientCounters,
  from: number,
  to: number,
): { signInSuccesses: number; tokenRefreshSuccesses: number } {
  return {
    signInSuccesses: total(counters.signInSuccesses, from, to),
    tokenRefreshSuccesses: total(counters.tokenRefreshSuccesses, from, to),
  };
}

export interface ClientCoverage {
  check: SelfCheckResult;
  windowEnd: number;
  lastActiveHour: number | null;
}

/** One client's recorded activity (the replay's events) against Cognito's counters over the window. */
export function assessCoverage(
  events: readonly { at: number; kind: string }[],
  counters: ClientCounters,
  inputs: Pick<CoverageInputs, 'attachment' | 'window'>,
  policy: CoveragePolicy,
): ClientCoverage {
  const { from, to } = inputs.window;
  const hours: HourCounts[] = [];
  for (let hour = from; hour < to; hour += HOUR_MS) {
    hours.push({
      hour,
      recorded: { signIns: 0, refreshes: 0 },
      cognito: {
        signIns: counters.signInSuccesses.get(hour) ?? 0,
        refreshes: counters.tokenRefreshSuccesses.get(hour) ?? 0,
      },
    });
  }
  for (const event of events) {
    if (event.at < from || event.at >= to) continue;
    const { recorded } = hours[Math.floor((event.at - from) / HOUR_MS)] as HourCounts;
    if (event.kind === 'refresh') recorded.refreshes += 1;
    else recorded.signIns += 1;
  }
  const active = hours.filter((hour) => hour.cognito.signIns + hour.cognito.refreshes > 0);
  return {
    check: selfCheck(hours, inputs.attachment, policy),
    windowEnd: to,
    lastActiveHour: active.at(-1)?.hour ?? null,
  };
}

/**
 * Why the monitor could not see an hour: the self-check's three findings, or `catching-up` (the check
 * had not yet replayed the history it needs to classify the hour: `checkpointed-replay.ts`).
 */
export const BLIND_REASONS = ['detached', 'undercounting', 'misclassifying', 'catching-up'] as const;
export type BlindReason = (typeof BLIND_REASONS)[number];

/**
 * `MonitorBlind` of one client's hour (stamped with its start): 1 under `reason`, 0 under each other
 * reason in `judged` (the ones this run could tell), so a seen hour reads 0 rather than missing.
 */
export function monitorBlindData(
  hour: number,
  reason: BlindReason | null,
  judged: readonly BlindReason[],
  dimensions: Readonly<Record<string, string>>,
): MetricDatum[] {
  return judged.map((candidate) =>
    metricDatum(
      METRICS.MonitorBlind,
      candidate === reason ? 1 : 0,
      { ...dimensions, Reason: candidate },
      hour,
    ),
  );
}

/** What kept the monitor from seeing the last hour of the self-check's window, or null when it saw it. */
function lastHourBlindReason(coverage: ClientCoverage): BlindReason | null {
  if (coverage.check.findings.some((finding) => finding.cause === 'detached')) return 'detached';
  const lastHour = coverage.windowEnd - HOUR_MS;
  return coverage.check.blindHourCauses.find(({ hour }) => hour === lastHour)?.cause ?? null;
}

/**
 * `RecordingCoverage`, when Cognito counted anything; and `MonitorBlind` of the window's last hour (the
 * one that settled since the previous hourly run), each reason judged: the check had caught up.
 */
export function coverageMetrics(
  coverage: ClientCoverage,
  dimensions: Readonly<Record<string, string>>,
  now: number,
): MetricDatum[] {
  const percent = coverage.check.coveragePercent;
  return [
    ...(percent === null ? [] : [metricDatum(METRICS.RecordingCoverage, percent, dimensions, now)]),
    ...monitorBlindData(
      coverage.windowEnd - HOUR_MS,
      lastHourBlindReason(coverage),
      BLIND_REASONS,
      dimensions,
    ),
  ];
}

export interface BlindOutcome {
  outcome: Exclude<NotifyOutcome, 'recorded'>;
  kind: 'monitor-blind' | 'monitor-restored' | null;
  /** Whether the monitor is blind for this client after this run: its re-login messages wait. */
  blind: boolean;
  /** The cause while blind. */
  cause: string | null;
}

export async function notifyBlindIfDue(
  deps: NotifyingJobDeps,
  coverage: ClientCoverage,
  { now, deadline, presentation }: { now: number; deadline?: Deadline; presentation: BlindPresentation },
): Promise<BlindOutcome> {
  let step: BlindStep | null = null;
  let before: BlindEpisodeState | null = null;
  const outcome = await notifyAndReport<BlindEpisodeState>(
    deps,
    {
      key: blindEpisodeKey(presentation.userPoolId, presentation.clientId),
      decide: (recorded) => {
        before = readBlindEpisodeState(recorded);
        step = nextBlindStep(before, { at: now, ...coverage });
        return step?.state ?? null;
      },
      message: () => {
        const decided = step as BlindStep | null;
        if (decided === null) return null;
        const body = { ...blindMessage(decided.message, presentation), kind: decided.message.kind };
        const threadTs = (before as BlindEpisodeState | null)?.open?.threadTs ?? null;
        return decided.message.kind === 'monitor-restored' && threadTs !== null
          ? { ...body, thread: { parentTs: threadTs, broadcast: true } }
          : body;
      },
      posted: (next, posted) => withBlindThread(next, posted.ts),
    },
    { what: 'the monitor-blind alert', context: { clientId: presentation.clientId }, deadline },
  );
  const decided = step as BlindStep | null;
  // What this run decided holds even when Slack failed: a blind client stays blind until it sees again.
  const state = decided?.state ?? (before as BlindEpisodeState | null);
  const open = state?.open ?? null;
  return {
    outcome: outcome === 'recorded' ? 'not-due' : outcome,
    kind: decided?.message.kind ?? null,
    blind: open !== null,
    cause: open?.finding.cause ?? null,
  };
}

/** The client's blind spans within [from, to) as the self-check recorded them, for the periodic report. */
export async function blindSpansBetween(
  ledger: Pick<NotificationLedger, 'read'>,
  scope: { userPoolId: string; clientId: string },
  from: number,
  to: number,
): Promise<BlindSpan[]> {
  const { state } = await ledger.read<unknown>(blindEpisodeKey(scope.userPoolId, scope.clientId));
  return state === null ? [] : blindSpansIn(readBlindEpisodeState(state), from, to);
}
