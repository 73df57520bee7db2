/**
 * The recovery of sign-ins the trigger could not write: when `RecordFailures` counted any over the
 * lookback, read the trigger's failed-write lines (`UnrecordedSignInSource`) and write each item unless
 * the log holds it already. Idempotent: a line whose write did land (a timeout after DynamoDB took it),
 * a line read again by the next run, or two overlapping runs write each item once and count it once
 * (`RecoveredSignIns`), because the write is conditional on the item's key. It runs inside the hourly
 * check, before the log is read: the hours it publishes then count the recovered sign-ins, and no extra
 * schedule, function or role is needed.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { HOUR_MS } from '../shared/durations';
import { METRICS, metricDatum } from '../shared/metric-catalog';
import type { MetricDatum } from '../shared/ports/metrics-publisher';
import type { RecoveryLog, UnrecordedSignInSource } from './ports/unrecorded-sign-ins';

/**
 * How far back the lines are read: the 24 h the hourly metrics may still catch up on, and an hour for
 * the settle margin and for log delivery. A failure older than that was read by earlier runs.
 */
export const RECOVERY_LOOKBACK_MS = 25 * HOUR_MS;

/**
 * How long the hourly metrics wait for a recovery that could not run (its reads failed): an hour is
 * published once, so one published before the recovery would miss what it writes. Past this the hours
 * go out as they are, so a lasting failure of the recovery does not stop the metrics.
 */
export const RECOVERY_HOLD_MS = 3 * HOUR_MS;

export interface RecoveryDeps {
  unrecorded: UnrecordedSignInSource;
  log: RecoveryLog;
  logger: Pick<Logger, 'info' | 'warn'>;
}

export interface RecoveryOutcome {
  /** Whether the trigger's log was read (only when `RecordFailures` counted some). */
  read: boolean;
  /** Items written now, per app client. */
  recovered: Map<string, number>;
  /** Lines whose item the log already held. */
  alreadyRecorded: number;
  /** Lines that could not be read back, or were of another pool. */
  skipped: number;
}

export async function recoverUnrecordedSignIns(
  deps: RecoveryDeps,
  { userPoolId, recordFailures, now }: { userPoolId: string; recordFailures: number; now: number },
): Promise<RecoveryOutcome> {
  const outcome: RecoveryOutcome = { read: false, recovered: new Map(), alreadyRecorded: 0, skipped: 0 };
  if (recordFailures <= 0) return outcome;
  const { signIns, unreadable } = await deps.unrecorded.read(now - RECOVERY_LOOKBACK_MS, now);
  outcome.read = true;
  outcome.skipped = unreadable;
  for (const signIn of signIns) {
    if (signIn.userPoolId !== userPoolId) {
      outcome.skipped += 1;
      continue;
    }
    if (await deps.log.appendIfAbsent(signIn)) {
      outcome.recovered.set(signIn.clientId, (outcome.recovered.get(signIn.clientId) ?? 0) + 1);
    } else {
      outcome.alreadyRecorded += 1;
    }
  }
  const recovered = [...outcome.recovered.values()].reduce((sum, count) => sum + count, 0);
  deps.logger.info('recovered the sign-ins the trigger could not write', {
    recordFailures,
    recovered,
    alreadyRecorded: outcome.alreadyRecorded,
    skipped: outcome.skipped,
  });
  if (outcome.skipped > 0) {
    deps.logger.warn('some failed-write lines could not be recovered (unreadable or of another pool)', {
      skipped: outcome.skipped,
    });
  }
  return outcome;
}

/** `RecoveredSignIns` per client (only clients with some), for the run's one publish. */
export function recoveryMetrics(outcome: RecoveryOutcome, userPoolId: string, now: number): MetricDatum[] {
  return [...outcome.recovered].map(([clientId, count]) =>
    metricDatum(METRICS.RecoveredSignIns, count, { UserPoolId: userPoolId, ClientId: clientId }, now),
  );
}
