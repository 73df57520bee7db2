import { describe, expect, it } from 'vitest';
import { replaySignIns } from '../../../src/relogins/domain/replay';
import type { LoggedSignIn } from '../../../src/sign-ins';

const T0 = Date.parse('2026-11-20T08:00:00Z');
const MINUTE = 60_000;
const rules = { dedupeSeconds: 30, sessionHours: 24 };

function signIn(
  at: number,
  user: string,
  kind: LoggedSignIn['kind'] = 'login',
  clientId = 'argocd',
  triggerSource = kind === 'refresh' ? 'TokenGeneration_RefreshTokens' : 'TokenGeneration_HostedAuth',
): LoggedSignIn {
  return { at, kind, triggerSource, userPoolId: 'p', clientId, user, username: user };
}

/** A fixed permutation, so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed;
  for (let index = result.length - 1; index > 0; index -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = state % (index + 1);
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

const summary = (events: ReturnType<typeof replaySignIns>) =>
  events.map((event) => [event.user, event.clientId, event.kind, event.at, event.intervalMinutes]);

describe('Function: replaySignIns', () => {
  it('should sort by time, keep state per user and client, and drop duplicates', () => {
    const events = replaySignIns(
      [
        signIn(T0 + 60 * MINUTE, 'ann'),
        signIn(T0, 'ann'),
        signIn(T0 + 100, 'ann'),
        signIn(T0 + 5 * MINUTE, 'ann', 'login', 'other-client'),
        signIn(T0 + 10 * MINUTE, 'ben'),
      ],
      rules,
    );
    expect(events.map((event) => [event.user, event.clientId, event.kind, event.intervalMinutes])).toEqual([
      ['ann', 'argocd', 'session-start', null],
      ['ann', 'other-client', 'session-start', null],
      ['ben', 'argocd', 'session-start', null],
      ['ann', 'argocd', 're-login', 60],
    ]);
  });

  it('should count a sign-in seen by both triggers, and Cognito retries of either, once', () => {
    // Prepare: one sign-in at 09:00 through both triggers, each retried a few seconds later; one refresh retried.
    const log = [
      signIn(T0, 'ann', 'login', 'argocd', 'PostAuthentication_Authentication'),
      signIn(T0 + 300, 'ann', 'login', 'argocd', 'TokenGeneration_HostedAuth'),
      signIn(T0 + 4_000, 'ann', 'login', 'argocd', 'TokenGeneration_HostedAuth'),
      signIn(T0 + 5_000, 'ann', 'login', 'argocd', 'PostAuthentication_Authentication'),
      signIn(T0 + 30 * MINUTE, 'ann', 'refresh'),
      signIn(T0 + 30 * MINUTE + 2_000, 'ann', 'refresh'),
      signIn(T0 + 65 * MINUTE, 'ann'),
    ];

    // Act
    const events = replaySignIns(log, rules);

    // Assess
    expect(summary(events)).toEqual([
      ['ann', 'argocd', 'session-start', T0, null],
      ['ann', 'argocd', 'refresh', T0 + 30 * MINUTE, null],
      ['ann', 'argocd', 're-login', T0 + 65 * MINUTE, 65],
    ]);
  });

  it('should derive the same activity from any order of the same log', () => {
    // Prepare: three users over two days, both triggers, retries, refreshes, a new session after 24 h.
    const log: LoggedSignIn[] = [];
    for (const user of ['ann', 'ben', 'cid']) {
      for (let hour = 0; hour < 30; hour += 1) {
        const at = T0 + hour * 60 * MINUTE + user.length * 1_000;
        log.push(signIn(at, user, 'login', 'argocd', 'PostAuthentication_Authentication'));
        log.push(signIn(at + 250, user, 'login', 'argocd', 'TokenGeneration_HostedAuth'));
        if (hour % 3 === 0)
          log.push(signIn(at + 3_000, user, 'login', 'argocd', 'TokenGeneration_HostedAuth'));
        log.push(signIn(at + 20 * MINUTE, user, 'refresh'));
      }
    }
    const inOrder = summary(replaySignIns(log, rules));

    // Act / Assess
    for (const seed of [1, 2, 3, 42, 2026]) {
      expect(summary(replaySignIns(shuffled(log, seed), rules))).toEqual(inOrder);
    }
    const kinds = inOrder.map(([, , kind]) => kind);
    expect(kinds.filter((kind) => kind === 'session-start')).toHaveLength(6);
    expect(kinds.filter((kind) => kind === 're-login')).toHaveLength(3 * 28);
    expect(kinds.filter((kind) => kind === 'refresh')).toHaveLength(3 * 30);
  });
});
