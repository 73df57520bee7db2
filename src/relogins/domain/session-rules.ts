/**
 * The per-user state machine: dedupe, sessions and re-logins. Pure; its one caller is the replay
 * (`replay.ts`), which the scheduled check and `analyze` share.
 */
import type { SignalKind } from '../../sign-ins';

export interface SessionRules {
  /** A second signal of the same kind within this many seconds is the same event (retries, two triggers). */
  dedupeSeconds: number;
  /** Argo CD's `users.session.duration`: a login this long after the session start starts a new one. */
  sessionHours: number;
}

export const DEFAULT_SESSION_RULES: SessionRules = { dedupeSeconds: 30, sessionHours: 24 };

/** Epoch milliseconds; `null` when never seen. */
export interface UserSessionState {
  lastLoginAt: number | null;
  lastRefreshAt: number | null;
  sessionStartedAt: number | null;
}

export const EMPTY_SESSION_STATE: UserSessionState = {
  lastLoginAt: null,
  lastRefreshAt: null,
  sessionStartedAt: null,
};

export type ActivityKind = 'session-start' | 're-login' | 'refresh';

export type SignalOutcome =
  | { kind: 'duplicate' }
  | { kind: 'session-start' }
  /** `intervalMinutes` is null only for a login that arrived after a later one (out of order). */
  | { kind: 're-login'; intervalMinutes: number | null }
  | { kind: 'refresh' };

export interface Transition {
  outcome: SignalOutcome;
  next: UserSessionState;
}

const MS_PER_MINUTE = 60_000;

function isDuplicate(previous: number | null, at: number, rules: SessionRules): boolean {
  return previous !== null && Math.abs(at - previous) <= rules.dedupeSeconds * 1000;
}

function latest(previous: number | null, at: number): number {
  return previous === null ? at : Math.max(previous, at);
}

/** The next states are spelled out: `{ ...state, field }` is built by the runtime, several times slower. */
export function applySignal(
  state: UserSessionState,
  kind: SignalKind,
  at: number,
  rules: SessionRules,
): Transition {
  if (kind === 'refresh') {
    if (isDuplicate(state.lastRefreshAt, at, rules)) return { outcome: { kind: 'duplicate' }, next: state };
    return {
      outcome: { kind: 'refresh' },
      next: {
        lastLoginAt: state.lastLoginAt,
        lastRefreshAt: latest(state.lastRefreshAt, at),
        sessionStartedAt: state.sessionStartedAt,
      },
    };
  }
  if (isDuplicate(state.lastLoginAt, at, rules)) return { outcome: { kind: 'duplicate' }, next: state };

  const sessionMs = rules.sessionHours * 3_600_000;
  const lastLoginAt = latest(state.lastLoginAt, at);
  const { sessionStartedAt } = state;
  const startsSession =
    sessionStartedAt === null || at - sessionStartedAt >= sessionMs || at < sessionStartedAt;
  if (startsSession) {
    // An out-of-order login older than the current session start cannot move the session back.
    const started = sessionStartedAt !== null && at < sessionStartedAt ? sessionStartedAt : at;
    return {
      outcome: { kind: 'session-start' },
      next: { lastLoginAt, lastRefreshAt: state.lastRefreshAt, sessionStartedAt: started },
    };
  }
  const inOrder = state.lastLoginAt !== null && at > state.lastLoginAt;
  const intervalMinutes =
    inOrder && state.lastLoginAt !== null ? (at - state.lastLoginAt) / MS_PER_MINUTE : null;
  return {
    outcome: { kind: 're-login', intervalMinutes },
    next: { lastLoginAt, lastRefreshAt: state.lastRefreshAt, sessionStartedAt },
  };
}
