/**
 * The scheduled re-login check end to end through its real adapters: DynamoDB Local (sign-in log and
 * ledger), the fake Slack Web API, and local stand-ins speaking CloudWatch's and Cognito's JSON protocols.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildReLoginCheckDeps } from '../../functions/relogin-check/deps';
import { readableText } from '../../local/stand-ins/block-kit';
import { captureOutput } from '../../local/stand-ins/emf';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { runReLoginCheck } from '../../src/relogins/relogin-check';
import { fixedClock } from '../../src/shared/clock';
import { createTestTable } from '../support/dynamodb';
import { CognitoCounts, jobEnv, useJobStandIns } from '../support/job-stand-ins';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const HOUR = 3_600_000;

describe('Use case: runReLoginCheck (DynamoDB Local, fake Slack, CloudWatch and Cognito stand-ins)', () => {
  const documentClient = createDocumentClient();
  const standIns = useJobStandIns();
  let tableName: string;
  let cognitoCounts: CognitoCounts;

  beforeAll(() => {
    standIns.cognito.addClient(cognitoFixture('describe-user-pool-client'));
  });
  beforeEach(async () => {
    tableName = await createTestTable('relogin-check');
    standIns.slack.messages.length = 0;
    standIns.cloudwatch.calls.length = 0;
    cognitoCounts = new CognitoCounts(standIns.cloudwatch, { userPoolId: POOL, clientId: CLIENT });
  });

  function env(extra: Record<string, string> = {}): Record<string, string> {
    return jobEnv(standIns, { tableName, userPoolId: POOL, clientId: CLIENT }, extra);
  }

  /** Each user signs in every hour from `from` for `hours` hours: a session start and `hours` re-logins. */
  async function signInHourly(
    users: string[],
    from: number,
    hours: number,
    clientId = CLIENT,
  ): Promise<void> {
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of users) {
      for (let hour = 0; hour <= hours; hour += 1) {
        await log.append({
          at: from + hour * HOUR,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          userPoolId: POOL,
          clientId,
          user: `sub-${user}`,
          username: user,
          email: `${user}@example.com`,
        });
        if (clientId === CLIENT) cognitoCounts.count('SignInSuccesses', from + hour * HOUR);
      }
    }
  }

  async function checkAt(at: number, extraEnv: Record<string, string> = {}) {
    const deps = { ...buildReLoginCheckDeps(env(extraEnv)), clock: fixedClock(new Date(at)) };
    return captureOutput(() => runReLoginCheck(deps));
  }

  const published = (name: string) =>
    standIns.cloudwatch
      .putData()
      .filter((datum) => datum.name === name)
      .map((datum) => datum.value);

  it('should publish the aggregate metrics and post one alert with the advice', async () => {
    // Prepare: three users thrown out every hour for 8 hours, one who signed in once.
    await signInHourly(['ann', 'ben', 'cid'], DAY_START + 9 * HOUR, 8);
    await signInHourly(['dora'], DAY_START + 10 * HOUR, 0);
    const now = DAY_START + 18 * HOUR + 5 * 60_000;

    // Act
    const { result } = await checkAt(now);

    // Assess
    expect(result).toEqual([
      {
        clientId: CLIENT,
        activeUsers: 4,
        heavyUsers: 3,
        advice: ['upgrade-argocd', 'extend-token-validity'],
        alert: 'sent',
        // Everything Cognito counted was recorded: the monitor sees, nothing to say about itself.
        coverage: { percent: 100, findings: [], blind: false, message: null, outcome: 'not-due' },
      },
    ]);
    const published = standIns.cloudwatch.putData();
    expect(new Set(published.map((datum) => datum.namespace))).toEqual(new Set(['Test/Auth']));
    // The self-check's newest settled hour, 16:00-17:00 (Cognito's counts lag 15 min), fully seen: 0
    // under every reason, through the CloudWatch stand-in as PutMetricData carried it.
    const blind = published.filter((datum) => datum.name === 'MonitorBlind');
    expect(blind.map(({ timestamp, dimensions, value }) => [timestamp, dimensions, value])).toEqual(
      ['detached', 'undercounting', 'misclassifying', 'catching-up'].map((Reason) => [
        (DAY_START + 16 * HOUR) / 1000,
        { UserPoolId: POOL, ClientId: CLIENT, Reason },
        0,
      ]),
    );
    const data = published.filter((datum) => datum.name !== 'MonitorBlind');
    expect(
      data.every(
        (datum) =>
          JSON.stringify(datum.dimensions) === JSON.stringify({ UserPoolId: POOL, ClientId: CLIENT }),
      ),
    ).toBe(true);
    const atRun = data.filter((datum) => datum.timestamp === now / 1000);
    expect(Object.fromEntries(atRun.map((datum) => [datum.name, datum.value]))).toEqual({
      ActiveUsers: 4,
      HeavyReLoginUsers: 3,
      ReLoginsPerActiveUser: 6,
      ReLoginIntervalP50: 60,
      ReLoginIntervalP90: 60,
      EstimatedMinutesLost: 12,
      RecordingCoverage: 100,
    });
    // The first run publishes the last completed hour, 17:00-18:00, with that hour's timestamp; its
    // three re-login intervals as one datum of Values and Counts.
    const lastHour = data.filter((datum) => datum.timestamp === (DAY_START + 17 * HOUR) / 1000);
    expect(
      lastHour.map((datum) => [datum.name, datum.value ?? { values: datum.values, counts: datum.counts }]),
    ).toEqual([
      ['Logins', 3],
      ['ReLogins', 3],
      ['TokenRefreshes', 0],
      ['ReLoginInterval', { values: [60], counts: [3] }],
    ]);
    expect(atRun.length + lastHour.length).toBe(data.length);

    expect(standIns.slack.messages).toHaveLength(1);
    const [message] = standIns.slack.messages;
    expect(message?.channel).toBe('C0ALERTS');
    expect(message?.token).toBe('xoxb-local');
    const text = readableText(message?.blocks ?? []);
    expect(text).toContain('Argo CD re-logins: 3 heavy users');
    expect(text).toContain('*24 times*');
    expect(text).toContain('ID 1 h · access 1 h · refresh 30 d');
    expect(text).toContain('Upgrade Argo CD (the real fix)');
    expect(text).toContain('from 1 h (ID) / 1 h (access) to 8 h');
    expect(text).toMatch(/• user-[0-9a-f]{10}: 8 re-logins, median every 1 h/);
    expect(text).not.toMatch(/ann|sub-ann/);
    expect(text).toContain(
      'https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#metricsV2',
    );
    expect(standIns.cognito.calls.map((call) => call.operation)).toContain('DescribeUserPoolClient');
  });

  it("should name the deployed Argo CD and the release to upgrade to from the upstream watcher's report", async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    await new DynamoUpstreamFindingsStore(documentClient, { tableName, retentionDays: 35 }).save({
      deployedVersion: 'v3.3.14',
      checkedAt: DAY_START,
      fixes: [
        {
          id: 'argocd-oidc-refresh',
          title: 'use OIDC refresh tokens to renew expired sessions',
          merged: true,
          fixedIn: ['v3.4.6', 'v3.5.0'],
          fixedInPrerelease: ['v3.5.0-rc3'],
          deployedHasFix: false,
          upgradeTo: 'v3.4.6',
        },
      ],
    });

    // Act
    await checkAt(DAY_START + 18 * HOUR);

    // Assess
    const text = readableText(standIns.slack.messages[0]?.blocks ?? []);
    expect(text).toContain(
      'Argo CD v3.3.14 is deployed and does not renew an expired session: it refreshes only before expiry, with `refreshTokenThreshold` set and a request inside that window, so a session idle past expiry signs in again (the fix, #27777, is not in it). Upgrade to v3.4.6: upgrading is what makes refresh work.',
    );
    expect(text).toContain(
      'Recommended, not required: `refreshTokenThreshold: 15m` inside the `oidc.config` block',
    );
  });

  it('should stay quiet within the cooldown and alert again once it is over', async () => {
    // Prepare
    await signInHourly(['ann', 'ben'], DAY_START + 9 * HOUR, 8);
    await checkAt(DAY_START + 18 * HOUR);

    // Act
    const { result: inCooldown } = await checkAt(DAY_START + 19 * HOUR);
    await signInHourly(['ann', 'ben'], DAY_START + 33 * HOUR, 8);
    const { result: afterCooldown } = await checkAt(DAY_START + 42 * HOUR);

    // Assess
    expect(inCooldown[0]?.alert).toBe('not-due');
    expect(afterCooldown[0]?.alert).toBe('sent');
    expect(standIns.slack.messages).toHaveLength(2);
    expect(published('HeavyReLoginUsers')).toEqual([2, 2, 2]);
  });

  it('should alert early when the heavy users at least double, saying so', async () => {
    // Prepare
    await signInHourly(['ann', 'ben'], DAY_START + 9 * HOUR, 8);
    await checkAt(DAY_START + 18 * HOUR);
    await signInHourly(['cid'], DAY_START + 10 * HOUR, 8);

    // Act: three is not double two; four is.
    const { result: notDouble } = await checkAt(DAY_START + 19 * HOUR);
    await signInHourly(['dora'], DAY_START + 11 * HOUR, 8);
    const { result: doubled } = await checkAt(DAY_START + 20 * HOUR);

    // Assess
    expect(notDouble[0]).toMatchObject({ heavyUsers: 3, alert: 'not-due' });
    expect(doubled[0]).toMatchObject({ heavyUsers: 4, alert: 'sent' });
    expect(standIns.slack.messages).toHaveLength(2);
    // The short follow-up in the thread: what changed, in a few lines.
    const followUp = readableText(standIns.slack.messages[1]?.blocks ?? []);
    expect(followUp).toContain('Argo CD re-logins: worse, 4 heavy users');
    expect(followUp).toContain('• Heavy users: 2 → 4');
    expect(followUp.length).toBeLessThanOrEqual(600);
  });

  it('should retry a failed post on the next run, without losing or doubling it', async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    standIns.slack.answerNext({ kind: 'error', error: 'internal_error' });

    // Act
    const { result: failed, output } = await checkAt(DAY_START + 18 * HOUR);
    const { result: retried } = await checkAt(DAY_START + 19 * HOUR);
    const { result: after } = await checkAt(DAY_START + 20 * HOUR);

    // Assess
    expect([failed[0]?.alert, retried[0]?.alert, after[0]?.alert]).toEqual(['failed', 'sent', 'not-due']);
    expect(standIns.slack.messages).toHaveLength(1);
    expect(published('AlertFailures')).toEqual([1]);
    expect(output.logs).toContainEqual(
      expect.objectContaining({ level: 'ERROR', message: 'could not send the alert; the next run retries' }),
    );
  });

  it('should log a Slack configuration error clearly, count it, and not fail the run', async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    standIns.slack.answerNext({ kind: 'error', error: 'channel_not_found' });

    // Act
    const { result, output } = await checkAt(DAY_START + 18 * HOUR);

    // Assess
    expect(result[0]?.alert).toBe('failed');
    expect(published('AlertFailures')).toEqual([1]);
    expect(published('HeavyReLoginUsers')).toEqual([1]);
    expect(output.logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        slackError: 'channel_not_found',
        message: expect.stringContaining('configuration error'),
      }),
    );
  });

  it('should post once when two runs overlap (EventBridge delivers at least once)', async () => {
    // Prepare
    await signInHourly(['ann', 'ben'], DAY_START + 9 * HOUR, 8);
    standIns.slack.answerNext({ kind: 'slow', delayMs: 400 });

    // Act
    const runs = await Promise.all([checkAt(DAY_START + 18 * HOUR), checkAt(DAY_START + 18 * HOUR)]);

    // Assess
    expect(runs.map(({ result }) => result[0]?.alert).sort()).toEqual(['claimed-elsewhere', 'sent']);
    expect(standIns.slack.messages).toHaveLength(1);
  });

  it("should publish every client's metrics before a rate-limited, slow Slack post", async () => {
    // Prepare: two heavy clients; Slack answers the first post with a 1 s rate limit, the retry slowly.
    // A function cut off (timeout) while it waits must already have published the metrics.
    const OTHER = 'argocdclient0example0000002';
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    await signInHourly(['ben'], DAY_START + 9 * HOUR, 8, OTHER);
    standIns.slack.answerNext(
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'slow', delayMs: 1_000 },
    );
    const earlierAttempts = standIns.slack.attempts();

    // Act
    const run = checkAt(DAY_START + 18 * HOUR, { ARGOCD_CLIENT_IDS: `${CLIENT},${OTHER}` });
    await vi.waitFor(() => expect(standIns.slack.attempts()).toBeGreaterThan(earlierAttempts), {
      timeout: 10_000,
      interval: 5,
    });
    const whileWaiting = published('HeavyReLoginUsers');
    const { result } = await run;

    // Assess: each client's hour, then both clients' report metrics in one request, all received
    // before the first Slack attempt.
    expect(whileWaiting).toEqual([1, 1]);
    const puts = standIns.cloudwatch.calls.filter((call) => call.operation === 'PutMetricData');
    expect(
      puts.map(({ input }) => {
        const data = input.MetricData as { MetricName: string; Dimensions: { Value: string }[] }[];
        return [data[0]?.MetricName, [...new Set(data.map((datum) => datum.Dimensions[1]?.Value))]];
      }),
    ).toEqual([
      ['Logins', [CLIENT]],
      ['Logins', [OTHER]],
      ['ActiveUsers', [CLIENT, OTHER]],
    ]);
    for (const put of puts) {
      expect(put.at).toBeLessThanOrEqual(standIns.slack.attemptTimes[earlierAttempts] as number);
    }
    expect(
      standIns.cloudwatch
        .putData()
        .filter((datum) => datum.name === 'HeavyReLoginUsers')
        .map((datum) => datum.dimensions.ClientId),
    ).toEqual([CLIENT, OTHER]);
    expect(result.map((client) => client.alert)).toEqual(['sent', 'sent']);
    expect(standIns.slack.attempts() - earlierAttempts).toBe(3);
  });

  it('should still alert when CloudWatch refuses the metrics, then fail the run with its error', async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    const deps = {
      ...buildReLoginCheckDeps(env()),
      clock: fixedClock(new Date(DAY_START + 18 * HOUR)),
      metrics: { publish: () => Promise.reject(new Error('Throttling: Rate exceeded')) },
    };

    // Act
    const run = captureOutput(() => runReLoginCheck(deps));

    // Assess
    await expect(run).rejects.toThrow('Throttling: Rate exceeded');
    expect(standIns.slack.messages).toHaveLength(1);
  });

  it('should publish AlertFailures in a second request, after the failed post', async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    standIns.slack.answerNext({ kind: 'error', error: 'internal_error' });

    // Act
    await checkAt(DAY_START + 18 * HOUR);

    // Assess: the hour, then the report's metrics before the post; AlertFailures alone after it.
    const puts = standIns.cloudwatch.calls.filter((call) => call.operation === 'PutMetricData');
    const names = puts.map(({ input }) =>
      (input.MetricData as { MetricName: string }[]).map((datum) => datum.MetricName),
    );
    expect(names).toEqual([
      ['Logins', 'ReLogins', 'TokenRefreshes', 'ReLoginInterval'],
      [
        'ActiveUsers',
        'HeavyReLoginUsers',
        'ReLoginsPerActiveUser',
        'ReLoginIntervalP50',
        'ReLoginIntervalP90',
        'EstimatedMinutesLost',
        // The self-check's share of Cognito's count and its newest settled hour, with the report's metrics.
        'RecordingCoverage',
        ...['MonitorBlind', 'MonitorBlind', 'MonitorBlind', 'MonitorBlind'],
      ],
      ['AlertFailures'],
    ]);
    expect(puts[0]?.at).toBeLessThanOrEqual(standIns.slack.attemptTimes.at(-1) as number);
    expect(puts[1]?.at).toBeLessThanOrEqual(standIns.slack.attemptTimes.at(-1) as number);
    expect(puts[2]?.at).toBeGreaterThanOrEqual(standIns.slack.attemptTimes.at(-1) as number);
  });

  it("should see refresh-token use in Cognito's own metrics and advise checking the threshold", async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
    cognitoCounts.count('TokenRefreshSuccesses', DAY_START + 12 * HOUR, 30);

    // Act
    const { result } = await checkAt(DAY_START + 18 * HOUR, { METRICS_DASHBOARD: 'relogin-dashboard' });

    // Assess
    expect(result[0]).toMatchObject({ advice: ['diagnose-partial-refresh'] });
    expect(readableText(standIns.slack.messages[0]?.blocks ?? [])).toContain(
      '#dashboards/dashboard/relogin-dashboard|Open',
    );
    expect(readableText(standIns.slack.messages[0]?.blocks ?? [])).toContain('Cognito: 30 refreshes');
  });

  it('should write the alert to the log when no Slack token is configured, and post it once a token is', async () => {
    // Prepare
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);

    // Act: a dry run, then (within what would be the cooldown) a run with a token.
    const { result, output } = await checkAt(DAY_START + 18 * HOUR, { SLACK_TOKEN: '' });
    const { result: withToken } = await checkAt(DAY_START + 19 * HOUR);

    // Assess
    expect(result[0]?.alert).toBe('logged');
    expect(output.logs).toContainEqual(
      expect.objectContaining({
        message: 'no Slack token configured: chat message written to the log instead',
        text: expect.stringContaining('Argo CD re-logins: 1 heavy user;'),
      }),
    );
    expect(output.logs).not.toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('alert sent') }),
    );
    expect(published('AlertFailures')).toEqual([]);
    expect(withToken[0]?.alert).toBe('sent');
    expect(standIns.slack.messages).toHaveLength(1);
    expect(standIns.slack.messages[0]?.text).toContain('Argo CD re-logins: 1 heavy user;');
  });

  it('should still report and alert when the app client cannot be described', async () => {
    // Prepare: activity of a client the Cognito stand-in does not know.
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8, 'undescribed-client');

    // Act
    const { result, output } = await checkAt(DAY_START + 18 * HOUR, {
      ARGOCD_CLIENT_IDS: 'undescribed-client',
    });

    // Assess
    expect(result[0]).toMatchObject({ clientId: 'undescribed-client', heavyUsers: 1, alert: 'sent' });
    const text = readableText(standIns.slack.messages[0]?.blocks ?? []);
    expect(text).toContain('*App client token validity*\nunknown');
    expect(text).toContain('(current validity unknown)');
    expect(output.logs).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message: expect.stringContaining('token settings of app client undescribed-client'),
      }),
    );
  });

  it('should check and report the other clients when one client fails, counting the failure', async () => {
    // Prepare: two tracked clients; the first one's ledger entries cannot be read.
    const OTHER = 'argocdclient0example0000002';
    await signInHourly(['ann'], DAY_START + 9 * HOUR, 8, OTHER);
    const deps = {
      ...buildReLoginCheckDeps(env({ ARGOCD_CLIENT_IDS: `${CLIENT},${OTHER}` })),
      clock: fixedClock(new Date(DAY_START + 18 * HOUR)),
    };
    const { ledger } = deps.notify;
    deps.notify = {
      ...deps.notify,
      ledger: {
        read: (key) =>
          key.includes(CLIENT)
            ? Promise.reject(new Error('ProvisionedThroughputExceededException'))
            : ledger.read(key),
        claim: (key, version, lease) => ledger.claim(key, version, lease),
        confirm: (key, owner, state, at) => ledger.confirm(key, owner, state, at),
        release: (key, owner) => ledger.release(key, owner),
      },
    };

    // Act
    const { result, output } = await captureOutput(() => runReLoginCheck(deps));

    // Assess
    expect(result).toEqual([
      { clientId: CLIENT, alert: 'not-checked', error: 'ProvisionedThroughputExceededException' },
      expect.objectContaining({ clientId: OTHER, heavyUsers: 1, alert: 'sent' }),
    ]);
    expect(standIns.slack.messages).toHaveLength(1);
    const data = standIns.cloudwatch.putData();
    expect(
      data.filter((datum) => datum.name === 'CheckFailures').map((datum) => [datum.dimensions, datum.value]),
    ).toEqual([[{ UserPoolId: POOL, ClientId: CLIENT }, 1]]);
    expect(
      data.filter((datum) => datum.name === 'HeavyReLoginUsers').map((datum) => datum.dimensions.ClientId),
    ).toEqual([OTHER]);
    expect(output.logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        clientId: CLIENT,
        message: expect.stringContaining('could not check the app client'),
      }),
    );
  });

  describe('hourly classified metrics', () => {
    const hourly = (name = 'Logins') =>
      standIns.cloudwatch
        .putData()
        .filter((datum) => datum.name === name)
        .map((datum) => [new Date((datum.timestamp ?? 0) * 1000).toISOString().slice(11, 16), datum.value]);

    it('should publish each completed hour once when two runs overlap (EventBridge delivers at least once)', async () => {
      // Prepare
      await signInHourly(['ann', 'ben'], DAY_START + 9 * HOUR, 8);

      // Act
      await Promise.all([checkAt(DAY_START + 18 * HOUR + 60_000), checkAt(DAY_START + 18 * HOUR + 60_000)]);
      await checkAt(DAY_START + 18 * HOUR + 120_000);

      // Assess
      expect(hourly()).toEqual([['17:00', 2]]);
      expect(hourly('ReLogins')).toEqual([['17:00', 2]]);
    });

    it('should publish the hours a failed run missed on the next run, each with its own timestamp', async () => {
      // Prepare: a sign-in every hour from 09:00 to 17:00; the 15:05 run publishes 14:00-15:00.
      await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
      await checkAt(DAY_START + 15 * HOUR + 5 * 60_000);
      const failing = {
        ...buildReLoginCheckDeps(env()),
        clock: fixedClock(new Date(DAY_START + 16 * HOUR + 5 * 60_000)),
        metrics: { publish: () => Promise.reject(new Error('Throttling: Rate exceeded')) },
      };

      // Act: the 16:05 run cannot publish; the 17:05 run is missed altogether; the 18:05 run catches up.
      await expect(captureOutput(() => runReLoginCheck(failing))).rejects.toThrow('Throttling');
      await checkAt(DAY_START + 18 * HOUR + 5 * 60_000);

      // Assess
      expect(hourly()).toEqual([
        ['14:00', 1],
        ['15:00', 1],
        ['16:00', 1],
        ['17:00', 1],
      ]);
      expect(hourly('ReLoginInterval')).toEqual([
        ['14:00', 60],
        ['15:00', 60],
        ['16:00', 60],
        ['17:00', 60],
      ]);
    });

    it('should publish every hour exactly once when CloudWatch refuses a request after accepting one', async () => {
      // Prepare: 500 users re-logging in every hour, so that two hours' intervals one datum each would
      // pass 1,000 data (two requests); the 16:05 run publishes 15:00.
      const users = Array.from({ length: 500 }, (_, index) => `user${index}`);
      const groups = Array.from({ length: 10 }, (_, group) =>
        users.filter((_, index) => index % 10 === group),
      );
      await Promise.all(groups.map((group) => signInHourly(group, DAY_START + 15 * HOUR, 2)));
      await checkAt(DAY_START + 16 * HOUR + 5 * 60_000);

      // Act: at 18:05 CloudWatch accepts the first request and refuses the second; the 19:05 run.
      standIns.cloudwatch.refusePuts({ after: 1, times: 1 });
      await expect(checkAt(DAY_START + 18 * HOUR + 5 * 60_000)).rejects.toThrow('refused by the test');
      await checkAt(DAY_START + 19 * HOUR + 5 * 60_000);

      // Assess: no hour lost, none doubled.
      expect(hourly()).toEqual([
        ['15:00', 500],
        ['16:00', 500],
        ['17:00', 500],
        ['18:00', 0],
      ]);
      expect(hourly('ReLogins')).toEqual([
        ['15:00', 0],
        ['16:00', 500],
        ['17:00', 500],
        ['18:00', 0],
      ]);
      const intervals = standIns.cloudwatch.putData().filter((datum) => datum.name === 'ReLoginInterval');
      expect(intervals.map((datum) => [datum.values, datum.counts])).toEqual([
        [[60], [500]],
        [[60], [500]],
      ]);
    });

    it('should classify a login early in the window from the sign-ins before it', async () => {
      // Prepare: ann signs in 2 h before the 24 h window starts, then 10 min into it.
      const windowStart = DAY_START + 18 * HOUR - 24 * HOUR;
      await signInHourly(['ann'], windowStart - 2 * HOUR, 0);
      await signInHourly(['ann'], windowStart + 10 * 60_000, 0);

      // Act
      const { result } = await checkAt(DAY_START + 18 * HOUR);

      // Assess: a re-login 130 min after the session start, not a session start.
      expect(result).toEqual([expect.objectContaining({ clientId: CLIENT, activeUsers: 1, heavyUsers: 0 })]);
      expect(published('ReLoginsPerActiveUser')).toEqual([1]);
      expect(published('ReLoginIntervalP50')).toEqual([130]);
    });

    it('should check every client with activity when ARGOCD_CLIENT_IDS is empty', async () => {
      // Prepare
      const OTHER = 'argocdclient0example0000002';
      await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
      await signInHourly(['ben'], DAY_START + 10 * HOUR, 1, OTHER);
      await signInHourly(['old'], DAY_START - 30 * HOUR, 1, 'argocdclient0example0000003');

      // Act
      const { result } = await checkAt(DAY_START + 18 * HOUR, { ARGOCD_CLIENT_IDS: '' });

      // Assess
      expect(
        result.map((client) => [client.clientId, 'activeUsers' in client ? client.activeUsers : null]),
      ).toEqual([
        [CLIENT, 1],
        [OTHER, 1],
      ]);
    });

    it('should find the pool by the name the trigger is attached to when USER_POOL_ID is not set', async () => {
      // Prepare
      await signInHourly(['ann'], DAY_START + 9 * HOUR, 8);
      const looked: string[] = [];
      const deps = {
        ...buildReLoginCheckDeps(env({ USER_POOL_ID: '', USER_POOL_NAME: 'argocd-users' })),
        clock: fixedClock(new Date(DAY_START + 18 * HOUR)),
        userPools: {
          idByName: async (name: string) => {
            looked.push(name);
            return POOL;
          },
        },
      };

      // Act
      const { result } = await captureOutput(() => runReLoginCheck(deps));

      // Assess
      expect(looked).toEqual(['argocd-users']);
      expect(result).toEqual([expect.objectContaining({ clientId: CLIENT, activeUsers: 1, heavyUsers: 1 })]);
    });

    it('should count every configured client as failed when the sign-in log cannot be read', async () => {
      // Prepare
      const deps = {
        ...buildReLoginCheckDeps(env()),
        clock: fixedClock(new Date(DAY_START + 18 * HOUR)),
        signIns: {
          list: () => Promise.reject(new Error('ProvisionedThroughputExceededException')),
          // biome-ignore lint/correctness/useYield: refused before the first page, as a throttled Query is
          pages: async function* () {
            throw new Error('ProvisionedThroughputExceededException');
          },
        },
      };

      // Act
      const { result } = await captureOutput(() => runReLoginCheck(deps));

      // Assess
      expect(result).toEqual([
        { clientId: CLIENT, alert: 'not-checked', error: 'ProvisionedThroughputExceededException' },
      ]);
      expect(published('CheckFailures')).toEqual([1]);
      expect(standIns.slack.messages).toEqual([]);
    });
  });

  it('should run from the deployed handler module, wired from process.env on a cold start', async () => {
    // Prepare: AWS_REGION stays the one DynamoDB Local's tables were made in.
    const { AWS_REGION: _region, ...settings } = env();
    for (const [name, value] of Object.entries(settings)) vi.stubEnv(name, value);
    vi.resetModules();

    try {
      // Act: the real clock is now, so the activity has to be recent.
      await signInHourly(['ben'], Date.now() - 8 * HOUR, 7);
      const { handler } = await import('../../functions/relogin-check/handler');
      const { result } = await captureOutput(() => handler({}));

      // Assess
      expect(result).toEqual([expect.objectContaining({ clientId: CLIENT, heavyUsers: 1, alert: 'sent' })]);
      expect(standIns.slack.messages).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
