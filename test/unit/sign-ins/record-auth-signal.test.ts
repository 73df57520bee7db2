/**
 * recordAuthSignal over the in-memory activity store: optimistic concurrency, lost races and giving up.
 * The retry pause uses `node:timers/promises`, which Vitest's fake timers do not reach, so these tests
 * set a zero back-off ceiling instead of waiting for real.
 */
import { describe, expect, it } from 'vitest';
import type { AuthSignal } from '../../../src/sign-ins/domain/auth-signal';
import { StaleStateError } from '../../../src/sign-ins/ports/activity-store';
import { ContentionError, recordAuthSignal } from '../../../src/sign-ins/record-auth-signal';
import { FakeActivityStore } from '../../support/fakes/activity-store';

const rules = { dedupeSeconds: 30, sessionHours: 24 };
const AT = Date.parse('2026-11-24T09:00:00Z');
const MINUTE = 60_000;
const noBackOff = { baseBackoffMs: 0, maxBackoffMs: 0 };

function signal(kind: AuthSignal['kind'] = 'login'): AuthSignal {
  return {
    kind,
    triggerSource: kind === 'login' ? 'TokenGeneration_HostedAuth' : 'TokenGeneration_RefreshTokens',
    userPoolId: 'ap-northeast-1_EXAMPLE',
    clientId: 'argocdclient0example0000001',
    user: 'sub-ann',
    username: 'ann',
    email: 'ann@example.com',
  };
}

describe('Use case: recordAuthSignal (in-memory activity store)', () => {
  it('should start a session, then count a later sign-in within it as a re-login with its interval', async () => {
    // Prepare
    const store = new FakeActivityStore();

    // Act
    const first = await recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 1 });
    const second = await recordAuthSignal({ store, rules }, signal(), AT + 60 * MINUTE, { maxAttempts: 1 });

    // Assess
    expect([first.outcome, second.outcome]).toEqual([
      { kind: 'session-start' },
      { kind: 're-login', intervalMinutes: 60 },
    ]);
    expect(store.events.map((event) => [event.kind, event.at, event.intervalMinutes])).toEqual([
      ['session-start', AT, null],
      ['re-login', AT + 60 * MINUTE, 60],
    ]);
  });

  it('should commit nothing for a duplicate (the second trigger of one sign-in)', async () => {
    // Prepare
    const store = new FakeActivityStore();
    await recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 1 });

    // Act
    const duplicate = await recordAuthSignal({ store, rules }, signal(), AT + 1_000, { maxAttempts: 1 });

    // Assess
    expect(duplicate).toEqual({ outcome: { kind: 'duplicate' }, event: null, attempts: 1 });
    expect(store.argsOf('commit')).toHaveLength(1);
    expect(store.events).toHaveLength(1);
  });

  it('should see a concurrent copy of the same sign-in that committed first and become a duplicate', async () => {
    // Prepare: the other copy commits between this one's read and its commit.
    const store = new FakeActivityStore();
    store.script.beforeNext('commit', () =>
      recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 1 }),
    );

    // Act
    const result = await recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 3, ...noBackOff });

    // Assess
    expect(result).toMatchObject({ outcome: { kind: 'duplicate' }, attempts: 2 });
    expect(store.events.map((event) => event.kind)).toEqual(['session-start']);
  });

  it('should still count a distinct sign-in that lost a race, deciding again on the fresh state', async () => {
    // Prepare: a refresh of the same user commits between this login's read and its commit.
    const store = new FakeActivityStore();
    store.script.beforeNext('commit', () =>
      recordAuthSignal({ store, rules }, signal('refresh'), AT, { maxAttempts: 1 }),
    );

    // Act
    const result = await recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 3, ...noBackOff });

    // Assess
    expect(result).toMatchObject({ outcome: { kind: 'session-start' }, attempts: 2 });
    expect(store.events.map((event) => event.kind)).toEqual(['refresh', 'session-start']);
    expect(store.argsOf('readUserState')).toHaveLength(3);
  });

  it('should give up with ContentionError after maxAttempts lost races', async () => {
    // Prepare
    const store = new FakeActivityStore();
    store.script.failNext('commit', new StaleStateError(), 3);

    // Act
    const recording = recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 3, ...noBackOff });

    // Assess
    await expect(recording).rejects.toBeInstanceOf(ContentionError);
    expect(store.argsOf('commit')).toHaveLength(3);
    expect(store.events).toEqual([]);
  });

  it('should not retry a failure other than a lost race', async () => {
    // Prepare
    const store = new FakeActivityStore();
    store.script.failNext('commit', new Error('ProvisionedThroughputExceededException'));

    // Act
    const recording = recordAuthSignal({ store, rules }, signal(), AT, { maxAttempts: 3, ...noBackOff });

    // Assess
    await expect(recording).rejects.toThrow('ProvisionedThroughputExceededException');
    expect(store.argsOf('commit')).toHaveLength(1);
  });

  it('should pass its abort signal to the store, so an abort ends a call that never answers', async () => {
    // Prepare
    const store = new FakeActivityStore();
    store.script.hangNext('readUserState');
    const controller = new AbortController();

    // Act
    const recording = recordAuthSignal({ store, rules }, signal(), AT, {
      maxAttempts: 3,
      abortSignal: controller.signal,
    });
    controller.abort(new Error('budget used up'));

    // Assess
    await expect(recording).rejects.toThrow('budget used up');
    expect(store.events).toEqual([]);
  });
});
