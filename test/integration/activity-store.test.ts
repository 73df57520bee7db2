import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoActivityStore } from '../../src/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import type { AuthSignal } from '../../src/sign-ins/domain/auth-signal';
import { recordAuthSignal } from '../../src/sign-ins/record-auth-signal';
import { createTestTable } from '../support/dynamodb';

const rules = { dedupeSeconds: 30, sessionHours: 24 };
const T0 = Date.parse('2026-11-02T08:00:00Z');
const MINUTE = 60_000;

function login(user = 'user-1'): AuthSignal {
  return {
    kind: 'login',
    triggerSource: 'TokenGeneration_HostedAuth',
    userPoolId: 'pool-1',
    clientId: 'argocd',
    user,
    username: user,
    email: `${user}@example.com`,
  };
}

describe('Class: DynamoActivityStore (DynamoDB Local)', () => {
  const client = createDocumentClient();
  let tableName: string;
  let store: DynamoActivityStore;

  beforeEach(async () => {
    tableName = await createTestTable('activity');
    store = new DynamoActivityStore(client, { tableName, retentionDays: 35 });
  });

  const record = (signal: AuthSignal, at: number) =>
    recordAuthSignal({ store, rules }, signal, at, { maxAttempts: 1_000, maxBackoffMs: 2_000 });

  it('should keep session state and log re-logins with their interval', async () => {
    // Act
    await record(login(), T0);
    await record(login(), T0 + 60 * MINUTE);
    await record({ ...login(), kind: 'refresh' }, T0 + 90 * MINUTE);

    // Assess
    const events = await store.listActivity(
      { userPoolId: 'pool-1', clientId: 'argocd' },
      T0 - 1,
      T0 + 2 * 60 * MINUTE,
    );
    expect(events.map((event) => [event.kind, event.intervalMinutes])).toEqual([
      ['session-start', null],
      ['re-login', 60],
      ['refresh', null],
    ]);
    expect(events[0]?.email).toBe('user-1@example.com');
    const stored = await store.readUserState({ userPoolId: 'pool-1', clientId: 'argocd', user: 'user-1' });
    expect(stored).toEqual({
      version: 3,
      state: { lastLoginAt: T0 + 60 * MINUTE, lastRefreshAt: T0 + 90 * MINUTE, sessionStartedAt: T0 },
    });
  });

  it('should count 200 concurrent distinct sign-ins of one user exactly 200 times', {
    timeout: 120_000,
  }, async () => {
    // Prepare: times 31 s apart, so none is a duplicate of another.
    const times = Array.from({ length: 200 }, (_, index) => T0 + index * 31_000);

    // Act
    const results = await Promise.all(times.map((at) => record(login(), at)));

    // Assess
    expect(results.filter((result) => result.event !== null)).toHaveLength(200);
    const events = await store.listActivity(
      { userPoolId: 'pool-1', clientId: 'argocd' },
      T0 - 1,
      T0 + 200 * 31_000,
    );
    expect(events).toHaveLength(200);
    expect(new Set(events.map((event) => event.at)).size).toBe(200);
    const stored = await store.readUserState({ userPoolId: 'pool-1', clientId: 'argocd', user: 'user-1' });
    expect(stored.version).toBe(200);
    expect(stored.state.lastLoginAt).toBe(times.at(-1));
  });

  it('should count 50 concurrent copies of one sign-in once', async () => {
    // Act
    const results = await Promise.all(Array.from({ length: 50 }, () => record(login(), T0)));

    // Assess
    expect(results.filter((result) => result.outcome.kind === 'session-start')).toHaveLength(1);
    expect(results.filter((result) => result.outcome.kind === 'duplicate')).toHaveLength(49);
    const events = await store.listActivity({ userPoolId: 'pool-1', clientId: 'argocd' }, T0 - 1, T0 + 1);
    expect(events).toHaveLength(1);
  });

  it('should set a TTL of RETENTION_DAYS on every item it writes', async () => {
    // Act
    await record(login('user-1'), T0);
    await record(login('user-2'), T0 + MINUTE);

    // Assess
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName }));
    expect(Items).toHaveLength(4);
    for (const item of Items) {
      expect(item.expiresAt).toBe(
        Math.floor(
          item.pk.startsWith('USER#') ? (item.lastLoginAt as number) / 1000 : (item.at as number) / 1000,
        ) +
          35 * 86_400,
      );
    }
  });

  it('should read a window across two days and leave out what lies outside it', async () => {
    // Prepare
    const midnight = Date.parse('2026-11-03T00:00:00Z');
    for (const [user, at] of [
      ['early', midnight - 25 * 60 * MINUTE],
      ['yesterday', midnight - 30 * MINUTE],
      ['today', midnight + 30 * MINUTE],
      ['later', midnight + 120 * MINUTE],
    ] as const) {
      await record(login(user), at);
    }

    // Act
    const events = await store.listActivity(
      { userPoolId: 'pool-1', clientId: 'argocd' },
      midnight - 60 * MINUTE,
      midnight + 60 * MINUTE,
    );

    // Assess
    expect(events.map((event) => event.user)).toEqual(['yesterday', 'today']);
  });
});
