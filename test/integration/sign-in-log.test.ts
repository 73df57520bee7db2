import { BatchWriteCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog, QUERY_PAGE_ITEMS } from '../../src/adapters/dynamodb/sign-in-log';
import { encodeSignIn } from '../../src/adapters/dynamodb/table-layout';
import { replaySignIns } from '../../src/relogins';
import type { LoggedSignIn } from '../../src/sign-ins';
import { createTestTable } from '../support/dynamodb';

const rules = { dedupeSeconds: 30, sessionHours: 24 };
const T0 = Date.parse('2026-11-02T08:00:00Z');
const MINUTE = 60_000;

function login(at: number, user = 'user-1'): LoggedSignIn {
  return {
    at,
    kind: 'login',
    triggerSource: 'TokenGeneration_HostedAuth',
    userPoolId: 'pool-1',
    clientId: 'argocd',
    user,
    username: user,
    email: `${user}@example.com`,
  };
}

describe('Class: DynamoSignInLog (DynamoDB Local)', () => {
  const client = createDocumentClient();
  let tableName: string;
  let log: DynamoSignInLog;

  beforeEach(async () => {
    tableName = await createTestTable('sign-in-log');
    log = new DynamoSignInLog(client, { tableName, retentionDays: 35 });
  });

  it('should log sign-ins the replay turns into a session start, a re-login with its interval and a refresh', async () => {
    // Act
    await log.append(login(T0));
    await log.append(login(T0 + 60 * MINUTE));
    await log.append({
      ...login(T0 + 90 * MINUTE),
      kind: 'refresh',
      triggerSource: 'TokenGeneration_RefreshTokens',
    });

    // Assess
    const signIns = await log.list('pool-1', T0, T0 + 2 * 60 * MINUTE);
    const events = replaySignIns(signIns, rules);
    expect(events.map((event) => [event.kind, event.intervalMinutes])).toEqual([
      ['session-start', null],
      ['re-login', 60],
      ['refresh', null],
    ]);
    expect(events[0]?.email).toBe('user-1@example.com');
  });

  it('should count 200 concurrent distinct sign-ins of one user exactly 200 times', async () => {
    // Prepare: times 31 s apart, so none is a duplicate of another.
    const times = Array.from({ length: 200 }, (_, index) => T0 + index * 31_000);

    // Act
    await Promise.all(times.map((at) => log.append(login(at))));

    // Assess
    const signIns = await log.list('pool-1', T0, T0 + 200 * 31_000);
    expect(signIns).toHaveLength(200);
    const events = replaySignIns(signIns, rules);
    expect(events).toHaveLength(200);
    expect(new Set(events.map((event) => event.at)).size).toBe(200);
    expect(events.at(-1)?.at).toBe(times.at(-1));
  });

  it('should count 50 concurrent copies of one sign-in once', async () => {
    // Act: identical copies land on one key.
    await Promise.all(Array.from({ length: 50 }, () => log.append(login(T0))));

    // Assess
    const signIns = await log.list('pool-1', T0, T0 + 1);
    expect(signIns).toHaveLength(1);
    expect(replaySignIns(signIns, rules).map((event) => event.kind)).toEqual(['session-start']);
  });

  it('should set a TTL of RETENTION_DAYS on every item it writes', async () => {
    // Act
    await log.append(login(T0, 'user-1'));
    await log.append(login(T0 + MINUTE, 'user-2'));

    // Assess
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName }));
    expect(Items).toHaveLength(2);
    for (const item of Items) {
      expect(item.expiresAt).toBe(Math.floor((item.at as number) / 1000) + 35 * 86_400);
    }
  });

  it('should read a window [from, to) across two days and leave out what lies outside it', async () => {
    // Prepare
    const midnight = Date.parse('2026-11-03T00:00:00Z');
    for (const [user, at] of [
      ['early', midnight - 25 * 60 * MINUTE],
      ['at-start', midnight - 60 * MINUTE],
      ['yesterday', midnight - 30 * MINUTE],
      ['today', midnight + 30 * MINUTE],
      ['at-end', midnight + 60 * MINUTE],
      ['later', midnight + 120 * MINUTE],
    ] as const) {
      await log.append(login(at, user));
    }
    await log.append({ ...login(midnight, 'other-pool'), userPoolId: 'pool-2' });

    // Act
    const signIns = await log.list('pool-1', midnight - 60 * MINUTE, midnight + 60 * MINUTE);

    // Assess
    expect(signIns.map((signIn) => signIn.user)).toEqual(['at-start', 'yesterday', 'today']);
  });

  it(`should read a day of more than ${QUERY_PAGE_ITEMS} sign-ins page by page, each once, oldest first`, async () => {
    // Prepare: two pages and one sign-in more, of two clients, written 25 at a time.
    const count = 2 * QUERY_PAGE_ITEMS + 1;
    const items = Array.from({ length: count }, (_, index) =>
      encodeSignIn({ ...login(T0 + index * 1000, `user-${index}`), clientId: `client-${index % 2}` }, 35),
    );
    for (let start = 0; start < count; start += 250) {
      await Promise.all(
        Array.from({ length: 10 }, (_, batch) => items.slice(start + batch * 25, start + (batch + 1) * 25))
          .filter((batch) => batch.length > 0)
          .map((batch) =>
            client.send(
              new BatchWriteCommand({
                RequestItems: { [tableName]: batch.map((Item) => ({ PutRequest: { Item } })) },
              }),
            ),
          ),
      );
    }

    // Act
    const signIns = await log.list('pool-1', T0, T0 + count * 1000);

    // Assess
    expect(signIns).toHaveLength(count);
    expect(signIns.map((signIn) => signIn.user)).toEqual(items.map((item) => item.user));
    expect(signIns.filter((signIn) => signIn.clientId === 'client-1')).toHaveLength(QUERY_PAGE_ITEMS);
    expect(signIns[count - 1]).toEqual({
      ...login(T0 + (count - 1) * 1000, `user-${count - 1}`),
      clientId: 'client-0',
    });
  });

  it('should keep sub "x#y" on client "c" and sub "y" on client "c#x" as two sign-ins of two users', async () => {
    // Act
    await log.append({ ...login(T0, 'x#y'), clientId: 'c' });
    await log.append({ ...login(T0, 'y'), clientId: 'c#x' });

    // Assess
    const signIns = await log.list('pool-1', T0, T0 + 1);
    expect(signIns.map((signIn) => [signIn.clientId, signIn.user])).toEqual(
      expect.arrayContaining([
        ['c', 'x#y'],
        ['c#x', 'y'],
      ]),
    );
    expect(signIns).toHaveLength(2);
  });

  it('should refuse a bad item with an error naming its key', async () => {
    // Prepare: an item whose time is not a number.
    const item = { ...encodeSignIn(login(T0), 35), at: String(T0) };
    await client.send(new PutCommand({ TableName: tableName, Item: item }));

    // Act / Assess
    await expect(log.list('pool-1', T0, T0 + 1)).rejects.toThrow(
      `bad item ${item.pk} / ${item.sk}: at must be a number, got "${T0}"`,
    );
  });
});
