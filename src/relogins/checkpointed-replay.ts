/**
 * The check's replay, exact: start from the newest session checkpoint, stream the log from there a
 * Query page at a time through the replay (memory: one page, the per-user states and the events the
 * run reports), and save the states as of CHECKPOINT_LAG_MS ago for the next run.
 *
 * Without a checkpoint (the first run after a deploy) the states are built from the whole retained log,
 * which at 10,000 users and 30 days is 2.4 million sign-ins: more than one run can replay inside its
 * timeout. So a run spends at most its catch-up budget on the history before the checkpoint's moment;
 * when the budget runs out it saves the states as of the last whole hour it replayed and says it is
 * still catching up (`caughtUp: false`): nothing after that hour is classified, and the caller reports
 * nothing for it rather than figures that could be wrong. The next hourly run goes on from there.
 * docs/architecture.md ("The first run after a deploy") says why no shorter history can do.
 *
 * A checkpoint that cannot be read or saved costs a longer read next time, never a wrong classification.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Stopwatch } from '../shared/clock';
import { DAY_MS, HOUR_MS } from '../shared/durations';
import { errorDetails } from '../shared/telemetry';
import type { LoggedSignIn, SignInLog } from '../sign-ins';
import type { ActivityEvent } from './domain/activity';
import {
  chronological,
  SESSION_CHECKPOINT_SCHEMA,
  type SessionCheckpoint,
  SessionReplay,
} from './domain/session-checkpoint';
import type { SessionRules } from './domain/session-rules';
import type { SessionCheckpointStore } from './ports/session-checkpoints';

/**
 * How far behind the run the checkpoint is taken: nothing older can still arrive in the log. The
 * recovery writes failed sign-ins up to 25 h late (RECOVERY_LOOKBACK_MS); an hour more for the margin.
 */
export const CHECKPOINT_LAG_MS = 26 * HOUR_MS;

/**
 * The most one run spends replaying history older than its checkpoint's moment: with the last 26 h and
 * the rest of the run (about 10 s at 10,000 users) it stays well inside the function's 180 s timeout.
 */
export const CATCH_UP_BUDGET_MS = 90_000;

/** A long catch-up also saves every week of history it replayed: a run that dies loses at most a week. */
const SAVE_EVERY_MS = 7 * DAY_MS;

export interface CheckpointedReplayDeps {
  signIns: Pick<SignInLog, 'pages'>;
  checkpoints: SessionCheckpointStore;
  logger: Pick<Logger, 'warn'>;
}

export type ReplayOutcome =
  /** Every classified sign-in from `oldest` to `now`, exactly as a replay of the whole log. */
  | { caughtUp: true; events: ActivityEvent[] }
  /** The states reach `replayedThrough` (saved): nothing since is classified yet; the next run goes on. */
  | { caughtUp: false; replayedThrough: number; checkpointAt: number };

/** The catch-up budget of one run: `budgetMs`, never more than half of what the run has left. */
export function catchUpBudget(stopwatch: Stopwatch, budgetMs: number, runRemainingMs: number) {
  const started = stopwatch.elapsedMs();
  const limit = Math.min(budgetMs, runRemainingMs / 2);
  return { spent: () => stopwatch.elapsedMs() - started >= limit };
}

export async function checkpointedReplay(
  deps: CheckpointedReplayDeps,
  {
    userPoolId,
    now,
    oldest = Number.NEGATIVE_INFINITY,
    rules,
    retentionDays,
    budget = { spent: () => false },
  }: {
    userPoolId: string;
    now: number;
    /** Events before this are not returned (their sign-ins are still replayed). */
    oldest?: number;
    rules: SessionRules;
    retentionDays: number;
    /** Checked at each whole hour of the history before the checkpoint's moment. */
    budget?: { spent(): boolean };
  },
): Promise<ReplayOutcome> {
  const checkpointAt = Math.floor((now - CHECKPOINT_LAG_MS) / HOUR_MS) * HOUR_MS;
  let from: SessionCheckpoint | null = null;
  try {
    from = await deps.checkpoints.latest(userPoolId);
  } catch (error) {
    deps.logger.warn('could not read the session checkpoint; replaying the retained log', {
      error: errorDetails(error),
    });
  }
  if (from === null || from.at > checkpointAt + DAY_MS) {
    from = {
      schema: SESSION_CHECKPOINT_SCHEMA,
      at: Math.floor((now - retentionDays * DAY_MS) / DAY_MS) * DAY_MS,
      states: {},
    };
  }
  const start = from;
  const replay = new SessionReplay(start, rules);
  const events: ActivityEvent[] = [];
  let savedAt = start.at;
  let next: SessionCheckpoint | null = null;
  // The next whole hour not yet passed: every sign-in applied so far is before it.
  let nextHour = Math.floor(start.at / HOUR_MS) * HOUR_MS + HOUR_MS;
  /**
   * At each whole hour passed before the checkpoint's moment (every sign-in applied is before it, none
   * after it yet): false when the budget is spent (the states saved as of that hour), else true, with
   * the states saved once a week of history has passed since the last save.
   */
  const atHour = async (reached: number): Promise<boolean> => {
    if (budget.spent()) {
      await save(deps, userPoolId, replay.checkpoint(reached));
      deps.logger.warn(
        'catching up on the sign-in history: out of time for this run; nothing after the hour replayed is classified yet, the next run goes on',
        {
          replayedThrough: new Date(reached).toISOString(),
          historyLeftHours: Math.round((checkpointAt - reached) / HOUR_MS),
        },
      );
      return false;
    }
    if (reached - savedAt >= SAVE_EVERY_MS) {
      await save(deps, userPoolId, replay.checkpoint(reached));
      savedAt = reached;
    }
    return true;
  };
  // Each sign-in is applied synchronously: only an hour passed may wait (on a save).
  for await (const batch of wholeMilliseconds(deps.signIns.pages(userPoolId, start.at, now + 1))) {
    for (const signIn of batch.sort(chronological)) {
      if (signIn.at >= nextHour) {
        const reached = Math.floor(signIn.at / HOUR_MS) * HOUR_MS;
        nextHour = reached + HOUR_MS;
        if (reached < checkpointAt && !(await atHour(reached))) {
          return { caughtUp: false, replayedThrough: reached, checkpointAt };
        }
      }
      if (next === null && checkpointAt > start.at && signIn.at >= checkpointAt) {
        next = replay.checkpoint(checkpointAt);
      }
      const event = replay.apply(signIn);
      if (event !== null && event.at >= oldest) events.push(event);
    }
  }
  if (next === null && checkpointAt > start.at) next = replay.checkpoint(checkpointAt);
  if (next !== null) await save(deps, userPoolId, next);
  return { caughtUp: true, events };
}

/**
 * The pages regrouped so that the sign-ins of one millisecond are never split between two: each group
 * sorted alone then replays in the very order of one sort of the whole read (`replayFromCheckpoint`).
 */
async function* wholeMilliseconds(pages: AsyncIterable<LoggedSignIn[]>): AsyncGenerator<LoggedSignIn[]> {
  let carried: LoggedSignIn[] = [];
  for await (const page of pages) {
    const batch = carried.length === 0 ? page : [...carried, ...page];
    const lastAt = batch.at(-1)?.at;
    let cut = batch.length;
    while (cut > 0 && batch[cut - 1]?.at === lastAt) cut -= 1;
    carried = batch.slice(cut);
    if (cut > 0) yield batch.slice(0, cut);
  }
  if (carried.length > 0) yield carried;
}

async function save(deps: CheckpointedReplayDeps, userPoolId: string, checkpoint: SessionCheckpoint) {
  await deps.checkpoints.save(userPoolId, checkpoint).catch((error: unknown) => {
    deps.logger.warn('could not save the session checkpoint; the next run reads further back', {
      error: errorDetails(error),
    });
  });
}
