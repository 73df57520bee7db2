import { describe, expect, it } from 'vitest';
import {
  applySignal,
  EMPTY_SESSION_STATE,
  type SessionRules,
  type UserSessionState,
} from '../../../src/relogins/domain/session-rules';

const rules: SessionRules = { dedupeSeconds: 30, sessionHours: 24 };
const T0 = Date.parse('2026-11-16T08:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function run(steps: [kind: 'login' | 'refresh', at: number][]) {
  let state: UserSessionState = EMPTY_SESSION_STATE;
  return steps.map(([kind, at]) => {
    const { outcome, next } = applySignal(state, kind, at, rules);
    state = next;
    return outcome;
  });
}

describe('Function: applySignal', () => {
  it('should start a session with the first login seen', () => {
    expect(run([['login', T0]])).toEqual([{ kind: 'session-start' }]);
  });

  it('should count every later login within the session as a re-login with its interval', () => {
    expect(
      run([
        ['login', T0],
        ['login', T0 + 61 * MINUTE],
        ['login', T0 + 125 * MINUTE],
      ]),
    ).toEqual([
      { kind: 'session-start' },
      { kind: 're-login', intervalMinutes: 61 },
      { kind: 're-login', intervalMinutes: 64 },
    ]);
  });

  it('should start a new session at ARGOCD_SESSION_HOURS after the session start, not after the last login', () => {
    const outcomes = run([
      ['login', T0],
      ['login', T0 + 23 * HOUR],
      ['login', T0 + 24 * HOUR - 1],
      ['login', T0 + 24 * HOUR + 31_000],
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'session-start',
      're-login',
      're-login',
      'session-start',
    ]);
  });

  it('should treat a login at most DEDUPE_SECONDS after the previous one as the same sign-in', () => {
    const outcomes = run([
      ['login', T0],
      ['login', T0 + 200],
      ['login', T0 + 30_000],
      ['login', T0 + 30_001 + 30_000],
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'session-start',
      'duplicate',
      'duplicate',
      're-login',
    ]);
  });

  it('should dedupe refreshes apart from logins', () => {
    const outcomes = run([
      ['login', T0],
      ['refresh', T0 + 1_000],
      ['refresh', T0 + 20_000],
      ['refresh', T0 + 55 * MINUTE],
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'session-start',
      'refresh',
      'duplicate',
      'refresh',
    ]);
  });

  it('should not let refreshes move the session or the last login', () => {
    const outcomes = run([
      ['login', T0],
      ['refresh', T0 + 50 * MINUTE],
      ['login', T0 + 120 * MINUTE],
    ]);
    expect(outcomes[2]).toEqual({ kind: 're-login', intervalMinutes: 120 });
  });

  it('should count an out-of-order login but leave the last login and session start where they are', () => {
    const first = applySignal(EMPTY_SESSION_STATE, 'login', T0 + 2 * HOUR, rules);
    const late = applySignal(first.next, 'login', T0 + HOUR, rules);
    expect(late.outcome).toEqual({ kind: 'session-start' });
    expect(late.next).toEqual({
      lastLoginAt: T0 + 2 * HOUR,
      lastRefreshAt: null,
      sessionStartedAt: T0 + 2 * HOUR,
    });

    const inside = applySignal(
      { lastLoginAt: T0 + 3 * HOUR, lastRefreshAt: null, sessionStartedAt: T0 },
      'login',
      T0 + 2 * HOUR,
      rules,
    );
    expect(inside.outcome).toEqual({ kind: 're-login', intervalMinutes: null });
    expect(inside.next.lastLoginAt).toBe(T0 + 3 * HOUR);
  });
});
