/**
 * Stored state across layouts: the items an earlier layout wrote (test/fixtures/stored-state/, captured
 * from DynamoDB Local, never edited) are loaded into a fresh table, and today's code reads them through
 * its real adapters and use cases without re-posting or forgetting anything; a newer layout's item is
 * refused rather than misread.
 */
import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildReLoginCheckDeps } from '../../functions/relogin-check/deps';
import { captureOutput } from '../../local/stand-ins/emf';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { DynamoUpstreamKnowledgeStore } from '../../src/adapters/dynamodb/upstream-knowledge-store';
import { runReLoginCheck } from '../../src/relogins/relogin-check';
import { fixedClock } from '../../src/shared/clock';
import { nextFixAnnouncement } from '../../src/upstream/domain/fix-announcement';
import { createTestTable } from '../support/dynamodb';
import { jobEnv, useJobStandIns } from '../support/job-stand-ins';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => DAY_START + hours * HOUR;
const LAYOUTS = ['layout-0'];

function fixtureItems(layout: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(`test/fixtures/stored-state/${layout}.json`, 'utf8'));
}

describe.each(LAYOUTS)('Stored state: the items of %s, read by today’s code', (layout) => {
  const documentClient = createDocumentClient();
  const standIns = useJobStandIns();
  let tableName: string;

  beforeEach(async () => {
    tableName = await createTestTable('stored-state');
    for (const item of fixtureItems(layout)) {
      await documentClient.send(new PutCommand({ TableName: tableName, Item: item }));
    }
    standIns.slack.messages.length = 0;
    const fixture = cognitoFixture('describe-user-pool-client');
    standIns.cognito.addClient({
      UserPoolClient: { ...(fixture.UserPoolClient as object), IdTokenValidity: 8, AccessTokenValidity: 8 },
    });
  });

  it('should read back every sign-in as it was written', async () => {
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    const signIns = await log.list(POOL, DAY_START, DAY_START + 24 * HOUR);
    const stored = fixtureItems(layout).filter((item) => String(item.pk).startsWith('SIGNIN#'));
    expect(signIns).toHaveLength(stored.length);
    expect(signIns.map(({ at: time, kind, user }) => `${time} ${kind} ${user}`).sort()).toEqual(
      stored.map((item) => `${item.at} ${item.kind} ${item.user}`).sort(),
    );
  });

  it('should neither re-post the open alert nor re-publish the hours already published', async () => {
    // The two heavy users go on re-logging in an hour later: still the same episode.
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of ['ann', 'ben']) {
      await log.append({
        at: at(18) + 60_000,
        kind: 'login',
        triggerSource: 'TokenGeneration_HostedAuth',
        userPoolId: POOL,
        clientId: CLIENT,
        user: `sub-${user}`,
      });
    }
    const putsBefore = standIns.cloudwatch.putData().length;
    const env = jobEnv(standIns, { tableName, userPoolId: POOL, clientId: CLIENT });
    const deps = { ...buildReLoginCheckDeps(env), clock: fixedClock(new Date(at(19) + 5 * 60_000)) };

    const { result } = await captureOutput(() => runReLoginCheck(deps));

    expect(result[0]).toMatchObject({ clientId: CLIENT, heavyUsers: 2, alert: 'not-due' });
    expect(standIns.slack.messages).toEqual([]);
    const hours = standIns.cloudwatch
      .putData()
      .slice(putsBefore)
      .filter((datum) => datum.name === 'Logins')
      .map((datum) => new Date((datum.timestamp ?? 0) * 1000).toISOString());
    // The ledger says "published through 17:00" (the run at 18:00 sharp found 17:00-18:00 not yet
    // settled): the two hours after it, none before.
    expect(hours).toEqual(['2026-11-24T17:00:00.000Z', '2026-11-24T18:00:00.000Z']);
    // The stop-gap's first sighting is remembered, not restarted.
    const ledger = new DynamoNotificationLedger(documentClient, tableName);
    const { state } = await ledger.read<{ stopGap: { firstSeenAt: number } }>(
      `relogin-alert#heavy-relogins#${POOL}#${CLIENT}`,
    );
    expect(state?.stopGap.firstSeenAt).toBe(at(18));
  });

  it('should keep the upstream knowledge, report and announcement: nothing announced twice', async () => {
    const knowledge = await new DynamoUpstreamKnowledgeStore(documentClient, tableName).load();
    expect(Object.keys(knowledge.repos)).toEqual(['argoproj/argo-cd']);
    const report = await new DynamoUpstreamFindingsStore(documentClient, {
      tableName,
      retentionDays: 35,
    }).latest(at(19));
    const fix = report?.fixes[0];
    expect(fix?.fixedIn).toEqual(['v3.4.6', 'v3.5.0']);
    const ledger = new DynamoNotificationLedger(documentClient, tableName);
    const announced = await ledger.read<Parameters<typeof nextFixAnnouncement>[0]>(
      'upstream-fix#refresh-expired-sessions',
    );
    expect(announced.state?.threadTs).toBe('1796395445.000002');
    // The same answer again: the watcher's decision is "nothing new".
    expect(nextFixAnnouncement(announced.state, fix as never, 'v3.3.14')).toBeNull();
    const sent = await ledger.read<{ sentAt: number }>('report#C0ALERTS#weekly#2026-11-16T00:00:00.000Z');
    expect(sent.state).toEqual({ sentAt: at(18) });
  });
});

describe('Stored state: an item of a newer layout', () => {
  it('should be refused with its key, not misread', async () => {
    const tableName = await createTestTable('stored-state-newer');
    const documentClient = createDocumentClient();
    const [signIn] = fixtureItems('layout-0').filter((item) => String(item.pk).startsWith('SIGNIN#'));
    await documentClient.send(new PutCommand({ TableName: tableName, Item: { ...signIn, schema: 99 } }));
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    await expect(log.list(POOL, DAY_START, DAY_START + 24 * HOUR)).rejects.toThrow(
      /written by a newer layout \(schema 99\)/,
    );
  });
});
