/**
 * The replay from a checkpoint: the per-user session states as of a moment, so a run reads the log
 * only from that moment on and still classifies every sign-in exactly as a replay of the whole log
 * would. Sessions chain (a login 23 h after a session start is a re-login, the next one 2 h later
 * starts a new session), so no fixed look-back is exact; the states are. Pure.
 *
 * A state is kept only while it can still change an outcome: a session younger than `sessionHours`
 * (it decides re-login or session start, and the interval), or a login or refresh within
 * `dedupeSeconds` (it decides duplicates). Every other user replays as if first seen, with the same
 * outcomes: test/unit/relogins/exact-replay.test.ts proves it over weeks of generated history.
 */
import type { LoggedSignIn } from '../../sign-ins';
import { type ActivityEvent, activityFor } from './activity';
import { applySignal, EMPTY_SESSION_STATE, type SessionRules, type UserSessionState } from './session-rules';

/** Bumped when the layout changes; the reader refuses another one (the run then replays from scratch). */
export const SESSION_CHECKPOINT_SCHEMA = 1;

export interface SessionCheckpoint {
  schema: typeof SESSION_CHECKPOINT_SCHEMA;
  /** Epoch ms: the states hold every sign-in with `at` before this, none after. */
  at: number;
  /** Per user and client (`userStateKey`), only the states that can still change an outcome. */
  states: Record<string, UserSessionState>;
}

/** Time order, with a fixed order for equal times, so any shuffle of a log replays the same way. */
export function chronological(a: LoggedSignIn, b: LoggedSignIn): number {
  return (
    a.at - b.at ||
    (a.triggerSource < b.triggerSource ? -1 : a.triggerSource > b.triggerSource ? 1 : 0) ||
    (a.user < b.user ? -1 : a.user > b.user ? 1 : 0)
  );
}

/** The key of one user's state on one client of one pool; NUL cannot occur in Cognito ids. */
export function userStateKey(signIn: Pick<LoggedSignIn, 'userPoolId' | 'clientId' | 'user'>): string {
  return `${signIn.userPoolId}\u0000${signIn.clientId}\u0000${signIn.user}`;
}

function sameUserState(a: LoggedSignIn, b: LoggedSignIn): boolean {
  return a.user === b.user && a.clientId === b.clientId && a.userPoolId === b.userPoolId;
}

function stillMatters(state: UserSessionState, at: number, rules: SessionRules): boolean {
  const dedupeMs = rules.dedupeSeconds * 1000;
  return (
    (state.sessionStartedAt !== null && at - state.sessionStartedAt < rules.sessionHours * 3_600_000) ||
    (state.lastLoginAt !== null && at - state.lastLoginAt <= dedupeMs) ||
    (state.lastRefreshAt !== null && at - state.lastRefreshAt <= dedupeMs)
  );
}

/**
 * The replay's running state: each sign-in applied in time order, the states as of any moment since the
 * last one applied. `replayFromCheckpoint` feeds it a whole read; the check's long first read feeds it a
 * page at a time (`checkpointed-replay.ts`), so only one page and the states are held.
 */
export class SessionReplay {
  private readonly states: Map<string, UserSessionState>;
  // Runs of one user's sign-ins (all of them when `analyze` replays user by user) share one key.
  private keyOf: LoggedSignIn | undefined;
  private key = '';

  constructor(
    private readonly from: SessionCheckpoint | null,
    private readonly rules: SessionRules,
  ) {
    this.states = new Map(Object.entries(from?.states ?? {}));
  }

  /**
   * Applies the next sign-in (none of those applied before may come after it in `chronological`
   * order, for the same user); a sign-in the checkpoint already holds is passed over.
   * @returns its counted activity, or null (a duplicate, or passed over).
   */
  apply(signIn: LoggedSignIn): ActivityEvent | null {
    if (this.from !== null && signIn.at < this.from.at) return null;
    if (this.keyOf === undefined || !sameUserState(this.keyOf, signIn)) this.key = userStateKey(signIn);
    this.keyOf = signIn;
    const { key } = this;
    const { outcome, next } = applySignal(
      this.states.get(key) ?? EMPTY_SESSION_STATE,
      signIn.kind,
      signIn.at,
      this.rules,
    );
    this.states.set(key, next);
    return activityFor(signIn, outcome);
  }

  /** The states as of `at`: every sign-in applied is before it, and none after it is applied yet. */
  checkpoint(at: number): SessionCheckpoint {
    const kept: Record<string, UserSessionState> = {};
    for (const [key, state] of this.states) if (stillMatters(state, at, this.rules)) kept[key] = state;
    return { schema: SESSION_CHECKPOINT_SCHEMA, at, states: kept };
  }
}

/**
 * Replays `signIns` (those with `at >= from.at` when starting from a checkpoint; any order) from the
 * checkpoint's states, or from nothing. With `nextAt`, also returns the states as of `nextAt` (which
 * must not be before `from.at`), for the next run.
 */
export function replayFromCheckpoint(
  from: SessionCheckpoint | null,
  signIns: readonly LoggedSignIn[],
  rules: SessionRules,
  nextAt?: number,
): { events: ActivityEvent[]; next: SessionCheckpoint | null } {
  const replay = new SessionReplay(from, rules);
  const events: ActivityEvent[] = [];
  let next: SessionCheckpoint | null = null;
  for (const signIn of [...signIns].sort(chronological)) {
    if (nextAt !== undefined && next === null && signIn.at >= nextAt) next = replay.checkpoint(nextAt);
    const event = replay.apply(signIn);
    if (event !== null) events.push(event);
  }
  if (nextAt !== undefined && next === null) next = replay.checkpoint(nextAt);
  return { events, next };
}
