/**
 * The replay's answer to what used to be write races on the per-user state: copies of one sign-in
 * logged at the same millisecond count once, and a login and a refresh of the same user at the same
 * millisecond both count, whatever order the log holds them in.
 */
import { describe, expect, it } from 'vitest';
import { replaySignIns } from '../../../src/relogins/domain/replay';
import type { LoggedSignIn } from '../../../src/sign-ins';

const AT = Date.parse('2026-11-24T09:00:00Z');
const MINUTE = 60_000;
const rules = { dedupeSeconds: 30, sessionHours: 24 };

function signIn(kind: LoggedSignIn['kind'], at = AT): LoggedSignIn {
  return {
    at,
    kind,
    triggerSource: kind === 'login' ? 'TokenGeneration_HostedAuth' : 'TokenGeneration_RefreshTokens',
    userPoolId: 'ap-northeast-1_EXAMPLE',
    clientId: 'argocdclient0example0000001',
    user: 'sub-ann',
    username: 'ann',
    email: 'ann@example.com',
  };
}

const summary = (events: ReturnType<typeof replaySignIns>) =>
  events.map((event) => [event.kind, event.at, event.intervalMinutes]);

describe('Function: replaySignIns (sign-ins at the same moment)', () => {
  it('should count copies of one sign-in at the same millisecond once, then a later login as a re-login', () => {
    const events = replaySignIns(
      [signIn('login'), signIn('login'), signIn('login'), signIn('login', AT + 60 * MINUTE)],
      rules,
    );
    expect(summary(events)).toEqual([
      ['session-start', AT, null],
      ['re-login', AT + 60 * MINUTE, 60],
    ]);
  });

  it('should count a login and a refresh of the same user at the same millisecond both, in either order', () => {
    for (const log of [
      [signIn('refresh'), signIn('login')],
      [signIn('login'), signIn('refresh')],
    ]) {
      expect(summary(replaySignIns(log, rules))).toEqual([
        ['session-start', AT, null],
        ['refresh', AT, null],
      ]);
    }
  });

  it('should keep the user attributes the log kept on the counted event', () => {
    const [event] = replaySignIns([signIn('login'), signIn('login')], rules);
    expect(event).toEqual({
      at: AT,
      kind: 'session-start',
      userPoolId: 'ap-northeast-1_EXAMPLE',
      clientId: 'argocdclient0example0000001',
      user: 'sub-ann',
      username: 'ann',
      email: 'ann@example.com',
      intervalMinutes: null,
    });
  });
});
