/**
 * The check's replay, exact: start from the newest session checkpoint, read the log from there, replay,
 * and save the states as of CHECKPOINT_LAG_MS ago for the next run. Without a checkpoint (the first run)
 * the states are built from the whole retained log, a day per read (memory: one day of sign-ins and the
 * states), once, saved every week of history so that a first run out of time leaves the next less to
 * do. A checkpoint that cannot be read or saved costs a longer read next time, never a wrong
 * classification.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { DAY_MS, HOUR_MS } from '../shared/durations';
import { errorDetails } from '../shared/telemetry';
import type { SignInLog } from '../sign-ins';
import type { ActivityEvent } from './domain/activity';
import {
  replayFromCheckpoint,
  SESSION_CHECKPOINT_SCHEMA,
  type SessionCheckpoint,
} from './domain/session-checkpoint';
import type { SessionRules } from './domain/session-rules';
import type { SessionCheckpointStore } from './ports/session-checkpoints';

/**
 * How far behind the run the checkpoint is taken: nothing older can still arrive in the log. The
 * recovery writes failed sign-ins up to 25 h late (RECOVERY_LOOKBACK_MS); an hour more for the margin.
 */
export const CHECKPOINT_LAG_MS = 26 * HOUR_MS;

const BOOTSTRAP_SAVE_EVERY_MS = 7 * DAY_MS;

export interface CheckpointedReplayDeps {
  signIns: Pick<SignInLog, 'list'>;
  checkpoints: SessionCheckpointStore;
  logger: Pick<Logger, 'warn'>;
}

/** Every classified sign-in from the checkpoint (at least `from`'s day) to `now`, exactly as a full replay. */
export async function checkpointedReplay(
  deps: CheckpointedReplayDeps,
  {
    userPoolId,
    now,
    rules,
    retentionDays,
  }: { userPoolId: string; now: number; rules: SessionRules; retentionDays: number },
): Promise<ActivityEvent[]> {
  const nextAt = Math.floor((now - CHECKPOINT_LAG_MS) / HOUR_MS) * HOUR_MS;
  let from: SessionCheckpoint | null = null;
  try {
    from = await deps.checkpoints.latest(userPoolId);
  } catch (error) {
    deps.logger.warn('could not read the session checkpoint; replaying the retained log', {
      error: errorDetails(error),
    });
  }
  if (from === null || from.at > nextAt + DAY_MS) {
    from = {
      schema: SESSION_CHECKPOINT_SCHEMA,
      at: Math.floor((now - retentionDays * DAY_MS) / DAY_MS) * DAY_MS,
      states: {},
    };
    const start = from.at;
    for (let day = start; day + DAY_MS <= nextAt; day += DAY_MS) {
      const signIns = await deps.signIns.list(userPoolId, day, day + DAY_MS);
      from = replayFromCheckpoint(from, signIns, rules, day + DAY_MS).next as SessionCheckpoint;
      // Saved every week of history: a first run that runs out of time leaves the next one less to read.
      if ((day + DAY_MS - start) % BOOTSTRAP_SAVE_EVERY_MS === 0) await save(deps, userPoolId, from);
    }
  }
  const signIns = await deps.signIns.list(userPoolId, from.at, now + 1);
  const { events, next } = replayFromCheckpoint(from, signIns, rules, Math.max(nextAt, from.at));
  if (next !== null && next.at > from.at) await save(deps, userPoolId, next);
  return events;
}

async function save(deps: CheckpointedReplayDeps, userPoolId: string, checkpoint: SessionCheckpoint) {
  await deps.checkpoints.save(userPoolId, checkpoint).catch((error: unknown) => {
    deps.logger.warn('could not save the session checkpoint; the next run reads further back', {
      error: errorDetails(error),
    });
  });
}
