/**
 * The whole loop of one heavy re-login episode in Slack, through the real re-login check and its
 * adapters (DynamoDB Local ledger and activity, the fake Slack Web API recording threads, CloudWatch and
 * Cognito stand-ins), on a fixed clock: alert, worsening, stop-gap applied, Argo CD fixed, recovery,
 * weekly stop-gap reminder, stop-gap undone, a new episode.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildReLoginCheckDeps } from '../../functions/relogin-check/deps';
import { readableText } from '../../local/stand-ins/block-kit';
import { captureOutput } from '../../local/stand-ins/emf';
import type { PostedToSlack } from '../../local/stand-ins/fake-slack';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { runReLoginCheck } from '../../src/relogins/relogin-check';
import { fixedClock } from '../../src/shared/clock';
import { createTestTable } from '../support/dynamodb';
import { CognitoCounts, jobEnv, useJobStandIns } from '../support/job-stand-ins';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => DAY_START + hours * HOUR;

describe('Use case: runReLoginCheck, one episode from alert to recovery and reminder (threads recorded)', () => {
  const documentClient = createDocumentClient();
  const standIns = useJobStandIns();
  let tableName: string;
  let cognitoCounts: CognitoCounts;

  /** The Argo CD app client as Cognito describes it, with the ID and access token validity in hours. */
  function setValidity(hours: number) {
    const fixture = cognitoFixture('describe-user-pool-client');
    const client = fixture.UserPoolClient as Record<string, unknown>;
    standIns.cognito.addClient({
      UserPoolClient: { ...client, IdTokenValidity: hours, AccessTokenValidity: hours },
    });
  }

  beforeEach(async () => {
    tableName = await createTestTable('relogin-episode');
    standIns.slack.messages.length = 0;
    setValidity(1);
    cognitoCounts = new CognitoCounts(standIns.cloudwatch, { userPoolId: POOL, clientId: CLIENT });
  });

  function env(extra: Record<string, string> = {}): Record<string, string> {
    return jobEnv(standIns, { tableName, userPoolId: POOL, clientId: CLIENT }, extra);
  }

  /** Each user signs in (kind 'login') or refreshes ('refresh') every hour from hour `from` to `to`. */
  async function hourly(users: string[], kind: 'login' | 'refresh', from: number, to: number): Promise<void> {
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of users) {
      for (let hour = from; hour <= to; hour += 1) {
        await log.append({
          at: at(hour),
          kind,
          triggerSource: kind === 'login' ? 'TokenGeneration_HostedAuth' : 'TokenGeneration_RefreshTokens',
          userPoolId: POOL,
          clientId: CLIENT,
          user: `sub-${user}`,
          username: user,
          email: `${user}@example.com`,
        });
        cognitoCounts.count(kind === 'login' ? 'SignInSuccesses' : 'TokenRefreshSuccesses', at(hour));
      }
    }
  }

  async function checkAt(hours: number, extraEnv: Record<string, string> = {}) {
    const deps = { ...buildReLoginCheckDeps(env(extraEnv)), clock: fixedClock(new Date(at(hours))) };
    const { result } = await captureOutput(() => runReLoginCheck(deps));
    return result[0]?.alert;
  }

  const text = (message: PostedToSlack | undefined) => readableText(message?.blocks ?? []);

  /** Alert (2 heavy), worsening (4), the stop-gap (8 h tokens) seen, then Argo CD refreshing from hour 33 on. */
  async function alertWorsenApplyStopGapAndFix() {
    await hourly(['ann', 'ben'], 'login', 9, 17);
    expect(await checkAt(18)).toBe('sent');
    await hourly(['cid', 'dora'], 'login', 11, 19);
    expect(await checkAt(20)).toBe('sent');
    setValidity(8);
    // Still heavy: only the facts are recorded (the last heavy sighting, the stop-gap first seen).
    expect(await checkAt(22)).toBe('not-due');
    expect(await checkAt(30)).toBe('not-due');
    // Argo CD upgraded: one sign-in each, then refreshes; Cognito counts them too.
    await hourly(['ann', 'ben', 'cid', 'dora'], 'login', 33, 33);
    await hourly(['ann', 'ben', 'cid', 'dora'], 'refresh', 34, 41);
    // Nobody heavy, but not yet for a full 24 h window since the last heavy sighting (hour 30).
    expect(await checkAt(42)).toBe('not-due');
  }

  it('should thread the follow-ups, post one recovery with before/after figures, then a weekly reminder, and start a new thread for a new episode', async () => {
    // Act 1: the alert and the worsening.
    await alertWorsenApplyStopGapAndFix();
    const [alert, worse] = standIns.slack.messages;

    // Assess 1: the first alert opens the thread; the worsening replies in it and shows in the channel.
    expect(standIns.slack.messages).toHaveLength(2);
    expect(alert).toMatchObject({ threadTs: undefined, broadcast: false });
    expect(text(alert)).toContain('Argo CD re-logins: 2 heavy users');
    expect(worse).toMatchObject({ threadTs: alert?.ts, broadcast: true });
    expect(text(worse)).toContain('Argo CD re-logins: worse, 4 heavy users');
    expect(text(worse)).toContain('• Heavy users: 2 → 4');
    // What changed, not the whole alert again: no advice text unless it changed.
    expect(text(worse)).toContain('Advice unchanged');
    expect(text(worse).length).toBeLessThanOrEqual(600);

    // Act 2: a full window without a heavy user since hour 30.
    expect(await checkAt(54)).toBe('sent');
    expect(await checkAt(55)).toBe('not-due');
    const recovery = standIns.slack.messages[2];

    // Assess 2: one recovery, in the alert's thread, with before/after figures and the stop-gap's age.
    expect(standIns.slack.messages).toHaveLength(3);
    expect(recovery).toMatchObject({ threadTs: alert?.ts, broadcast: true });
    const recovered = text(recovery);
    expect(recovered).toContain('Argo CD re-logins: recovered');
    expect(recovered).toContain('since the check at 2026-11-25 06:00 UTC, a full 24 h window');
    expect(recovered).toContain('*Re-logins per active user (24 h)*\n8 → 0.5');
    expect(recovered).toContain('*Heavy users*\n4 → 0');
    expect(recovered).toContain('*Refreshes seen by the trigger*\n0 → 32');
    expect(recovered).toContain('*Refreshes seen by Cognito*\n0 → 32');
    expect(recovered).toContain('Argo CD now renews sessions with refresh tokens.');
    expect(recovered).toContain(
      'the stretched token validity (ID 8 h / access 8 h) has been in place for at least 1 day 8 h (first seen by this check 2026-11-24 22:00 UTC)',
    );
    expect(recovered).toContain('Security debt');

    // Act 3: a week on, still refreshing and still stretched.
    await hourly(['ann', 'ben'], 'refresh', 200, 210);
    expect(await checkAt(211)).toBe('not-due');
    expect(await checkAt(222)).toBe('sent');
    expect(await checkAt(223)).toBe('not-due');
    const reminder = standIns.slack.messages[3];

    // Assess 3: the weekly reminder, in the same thread, shown in the channel, with how long.
    expect(standIns.slack.messages).toHaveLength(4);
    expect(reminder).toMatchObject({ threadTs: alert?.ts, broadcast: true });
    expect(text(reminder)).toContain('Argo CD stop-gap still in place');
    expect(text(reminder)).toContain(
      'has been in place for at least 8 days 8 h (first seen by this check 2026-11-24 22:00 UTC)',
    );
    expect(text(reminder)).toContain('in the last 24 h, 22 refreshes seen by the trigger');

    // Act 4: the stop-gap undone; later users are heavy again (say, a Redis flush loses the cached tokens).
    setValidity(1);
    expect(await checkAt(224)).toBe('not-due');
    await hourly(['ann', 'ben'], 'login', 230, 238);
    expect(await checkAt(239)).toBe('sent');

    // Assess 4: a new episode, a new thread; no reminder for an undone stop-gap.
    expect(standIns.slack.messages).toHaveLength(5);
    expect(standIns.slack.messages[4]).toMatchObject({ threadTs: undefined, broadcast: false });
    expect(text(standIns.slack.messages[4])).toContain('Argo CD re-logins: 2 heavy users');
  });

  it('should post the recovery exactly once when runs overlap, and not lose it when Slack fails first', async () => {
    // Prepare
    await alertWorsenApplyStopGapAndFix();
    const alertTs = standIns.slack.messages[0]?.ts;
    standIns.slack.answerNext({ kind: 'error', error: 'internal_error' });

    // Act: the recovery fails once; then two overlapping runs (EventBridge delivers at least once).
    expect(await checkAt(54)).toBe('failed');
    standIns.slack.answerNext({ kind: 'slow', delayMs: 400 });
    const overlapping = await Promise.all([checkAt(55), checkAt(55)]);
    const after = await checkAt(56);

    // Assess
    expect(overlapping.sort()).toEqual(['claimed-elsewhere', 'sent']);
    expect(after).toBe('not-due');
    const recoveries = standIns.slack.messages.filter((message) =>
      message.text.startsWith('Argo CD re-logins recovered'),
    );
    expect(recoveries).toHaveLength(1);
    expect(recoveries[0]?.threadTs).toBe(alertTs);
  });

  it('should post no weekly reminder with STOP_GAP_REMINDER=off, and still say to undo it in the recovery', async () => {
    // Prepare
    const off = { STOP_GAP_REMINDER: 'off' };
    await alertWorsenApplyStopGapAndFix();
    await hourly(['ann'], 'refresh', 200, 210);

    // Act
    expect(await checkAt(54, off)).toBe('sent');
    expect(await checkAt(222, off)).toBe('not-due');

    // Assess
    expect(standIns.slack.messages.map((message) => message.text.split(':')[0])).toEqual([
      'Argo CD re-logins',
      'Argo CD re-logins',
      'Argo CD re-logins recovered',
    ]);
    expect(text(standIns.slack.messages[2])).toContain('Undo the stop-gap');
  });
});
