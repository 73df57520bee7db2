import { describe, expect, it } from 'vitest';
import { replaySignals } from '../../../src/relogins/domain/replay';
import type { AuthSignal } from '../../../src/sign-ins/domain/auth-signal';

const T0 = Date.parse('2026-11-20T08:00:00Z');
const MINUTE = 60_000;

function signal(user: string, kind: AuthSignal['kind'] = 'login', clientId = 'argocd'): AuthSignal {
  return { kind, triggerSource: 'x', userPoolId: 'p', clientId, user, username: user };
}

describe('Function: replaySignals', () => {
  it('should sort by time, keep state per user and client, and drop duplicates', () => {
    const events = replaySignals(
      [
        { at: T0 + 60 * MINUTE, signal: signal('ann') },
        { at: T0, signal: signal('ann') },
        { at: T0 + 100, signal: signal('ann') },
        { at: T0 + 5 * MINUTE, signal: signal('ann', 'login', 'other-client') },
        { at: T0 + 10 * MINUTE, signal: signal('ben') },
      ],
      { dedupeSeconds: 30, sessionHours: 24 },
    );
    expect(events.map((event) => [event.user, event.clientId, event.kind, event.intervalMinutes])).toEqual([
      ['ann', 'argocd', 'session-start', null],
      ['ann', 'other-client', 'session-start', null],
      ['ben', 'argocd', 'session-start', null],
      ['ann', 'argocd', 're-login', 60],
    ]);
  });
});
