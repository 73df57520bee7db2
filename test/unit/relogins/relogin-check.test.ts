/**
 * The scheduled re-login check over in-memory fakes of every port: what it publishes, posts, records
 * and logs, and in which order. The same use case against DynamoDB Local and the protocol stand-ins:
 * test/integration/relogin-check.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readableText } from '../../../local/stand-ins/block-kit';
import { readReLoginCheckSettings } from '../../../src/relogins/config';
import { oldestHourDue, SETTLE_MS } from '../../../src/relogins/domain/hourly-metrics';
import { hourlyMetricsKey } from '../../../src/relogins/publish-hourly-metrics';
import { type ReLoginCheckDeps, runReLoginCheck } from '../../../src/relogins/relogin-check';
import { fixedClock } from '../../../src/shared/clock';
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import { FakeChatPoster } from '../../support/fakes/chat-poster';
import { FakeCognitoUsageReader } from '../../support/fakes/cognito-usage-reader';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeMetricsPublisher } from '../../support/fakes/metrics-publisher';
import { FakeNotificationLedger } from '../../support/fakes/notification-ledger';
import { Timeline } from '../../support/fakes/script';
import { FakeSessionCheckpointStore } from '../../support/fakes/session-checkpoint-store';
import { FakeSignInLog } from '../../support/fakes/sign-in-log';
import { FakeUpstreamFindingsStore } from '../../support/fakes/upstream-findings-store';
import { FakeUserPoolClientReader } from '../../support/fakes/user-pool-client-reader';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const OTHER = 'argocdclient0example0000002';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const HOUR = 3_600_000;
const ONE_HOUR_TOKENS = { idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenMinutes: 30 * 24 * 60 };

const UPSTREAM_REPORT: UpstreamFindings = {
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
};

/** Every port faked, sharing one timeline; `check(at)` runs the use case at that time. */
function setUp(env: Record<string, string> = {}, options: { dryRun?: boolean } = {}) {
  const timeline = new Timeline();
  const fakes = {
    signIns: new FakeSignInLog(timeline),
    ledger: new FakeNotificationLedger(timeline),
    chat: new FakeChatPoster({ channel: 'C0ALERTS', dryRun: options.dryRun, timeline }),
    metrics: new FakeMetricsPublisher(timeline),
    cognitoUsage: new FakeCognitoUsageReader(timeline),
    userPoolClients: new FakeUserPoolClientReader(timeline)
      .add(POOL, CLIENT, ONE_HOUR_TOKENS)
      .add(POOL, OTHER, ONE_HOUR_TOKENS),
    upstream: new FakeUpstreamFindingsStore({ timeline }),
    logger: new RecordingLogger(),
  };
  const settings = readReLoginCheckSettings({
    USER_POOL_ID: POOL,
    ARGOCD_CLIENT_IDS: CLIENT,
    AWS_REGION: 'ap-northeast-1',
    REPORT_HASH_KEY: 'test-key',
    METRICS_NAMESPACE: 'Test/Auth',
    ...env,
  });
  const deps = (at: number): ReLoginCheckDeps => ({
    ...fakes,
    notify: { ledger: fakes.ledger, chat: fakes.chat },
    clock: fixedClock(new Date(at)),
    settings,
  });
  return { ...fakes, timeline, deps, check: (at: number) => runReLoginCheck(deps(at)) };
}

/**
 * Each user signs in every hour from `from` for `hours` hours, logged as the trigger logs it: the
 * replay makes it a session start and `hours` re-logins.
 */
async function signInHourly(
  log: FakeSignInLog,
  users: string[],
  from: number,
  hours: number,
  clientId = CLIENT,
): Promise<void> {
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
    }
  }
}

describe('Use case: runReLoginCheck (in-memory fakes)', () => {
  it('should say it is still catching up, publish no figures and post nothing until it has the history, then publish the hours it held back', async () => {
    // Prepare: ten days of three users re-logging in every hour of the working day, checked hourly
    // (without checkpoints) up to the deploy, so the hourly figures are published through 09:00.
    const fakes = setUp();
    for (let day = -10; day <= 0; day += 1) {
      await signInHourly(fakes.signIns, ['ann', 'ben', 'cid'], DAY_START + day * 24 * HOUR + 8 * HOUR, 9);
    }
    await runReLoginCheck(fakes.deps(DAY_START + 10 * HOUR + 5 * 60_000));
    const before = fakes.metrics.requests.length;
    fakes.chat.delivered.length = 0;
    // The deploy: checkpoints, none yet; each run may replay 30 s of history (a second per hour passed).
    let elapsed = 0;
    const checkpoints = new FakeSessionCheckpointStore();
    const deployed = (at: number): ReLoginCheckDeps => ({
      ...fakes.deps(at),
      replay: {
        checkpoints,
        retentionDays: 30,
        catchUpBudgetMs: 30_000,
        stopwatch: {
          elapsedMs: () => {
            elapsed += 1_000;
            return elapsed;
          },
        },
      },
    });

    // Act: hourly runs from 11:05 until one has caught up.
    const runs: { at: number; result: Awaited<ReturnType<typeof runReLoginCheck>> }[] = [];
    for (let at = DAY_START + 11 * HOUR + 5 * 60_000; runs.length < 20; at += HOUR) {
      const result = await runReLoginCheck(deployed(at));
      runs.push({ at, result });
      if (result[0]?.alert !== 'catching-up') break;
    }

    // Assess: the first runs say so, each further on; they publish only the hour they could not see.
    const catchingUp = runs.slice(0, -1);
    expect(catchingUp.length).toBeGreaterThanOrEqual(2);
    const reached = catchingUp.map(({ result }) => {
      const [entry] = result;
      expect(entry).toMatchObject({ clientId: CLIENT, alert: 'catching-up' });
      return entry?.alert === 'catching-up' ? entry.replayedThrough : 0;
    });
    expect(new Set(reached).size).toBe(reached.length);
    const whileCatchingUp = fakes.metrics.requests.slice(before, before + catchingUp.length);
    expect(whileCatchingUp).toEqual(
      catchingUp.map(({ at }) => ({
        namespace: 'Test/Auth',
        data: [
          {
            name: 'MonitorBlind',
            value: 1,
            unit: 'None',
            dimensions: { UserPoolId: POOL, ClientId: CLIENT, Reason: 'catching-up' },
            timestamp: Math.floor(at / HOUR) * HOUR - HOUR,
          },
        ],
      })),
    );
    expect(fakes.chat.delivered).toEqual([]);
    expect(fakes.logger.messages('WARN').filter((line) => line.startsWith('catching up'))).toHaveLength(
      catchingUp.length,
    );
    // The run that caught up publishes every hour held back since 10:00, each once, classified.
    const last = runs.at(-1);
    expect(last?.result[0]).toMatchObject({ clientId: CLIENT, heavyUsers: 3 });
    const hours = fakes.metrics
      .data()
      .filter((datum) => datum.name === 'ReLogins')
      .map((datum) => datum.timestamp);
    const settled = Math.floor(((last?.at ?? 0) - SETTLE_MS) / HOUR) * HOUR;
    const expectedHours = [];
    for (let hour = DAY_START + 9 * HOUR; hour < settled; hour += HOUR) expectedHours.push(hour);
    expect(hours).toEqual(expectedHours);
    expect(checkpoints.saved.length).toBeGreaterThan(catchingUp.length);
  });

  it('should publish the aggregate metrics, then post one alert with the advice', async () => {
    // Prepare: three users thrown out every hour for 8 hours, one who signed in once.
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann', 'ben', 'cid'], DAY_START + 9 * HOUR, 8);
    await signInHourly(fakes.signIns, ['dora'], DAY_START + 10 * HOUR, 0);
    const now = DAY_START + 18 * HOUR + 5 * 60_000;

    // Act
    const result = await fakes.check(now);

    // Assess
    expect(result).toEqual([
      {
        clientId: CLIENT,
        activeUsers: 4,
        heavyUsers: 3,
        advice: ['upgrade-argocd', 'extend-token-validity'],
        alert: 'sent',
      },
    ]);
    const dimensions = { UserPoolId: POOL, ClientId: CLIENT };
    // The first run also publishes the last completed hour, 17:00-18:00, stamped with that hour, in a
    // request of its own; then the report's metrics.
    const lastHour = DAY_START + 17 * HOUR;
    expect(fakes.metrics.requests).toEqual([
      {
        namespace: 'Test/Auth',
        data: [
          { name: 'Logins', value: 3, unit: 'Count', dimensions, timestamp: lastHour },
          { name: 'ReLogins', value: 3, unit: 'Count', dimensions, timestamp: lastHour },
          { name: 'TokenRefreshes', value: 0, unit: 'Count', dimensions, timestamp: lastHour },
          { name: 'ReLoginInterval', value: 60, count: 3, unit: 'None', dimensions, timestamp: lastHour },
        ],
      },
      {
        namespace: 'Test/Auth',
        data: [
          { name: 'ActiveUsers', value: 4, unit: 'Count', dimensions, timestamp: now },
          { name: 'HeavyReLoginUsers', value: 3, unit: 'Count', dimensions, timestamp: now },
          { name: 'ReLoginsPerActiveUser', value: 6, unit: 'None', dimensions, timestamp: now },
          { name: 'ReLoginIntervalP50', value: 60, unit: 'None', dimensions, timestamp: now },
          { name: 'ReLoginIntervalP90', value: 60, unit: 'None', dimensions, timestamp: now },
          { name: 'EstimatedMinutesLost', value: 12, unit: 'None', dimensions, timestamp: now },
        ],
      },
    ]);
    expect(fakes.timeline.first('metrics.publish')).toBeLessThan(fakes.timeline.first('chat.post'));
    expect(fakes.chat.delivered).toHaveLength(1);
    const text = readableText(fakes.chat.delivered[0]?.blocks ?? []);
    expect(text).toContain('Argo CD re-logins: 3 heavy users');
    expect(text).toContain('ID 1 h · access 1 h · refresh 30 d');
    expect(text).toContain('Upgrade Argo CD (the real fix)');
    expect(text).toMatch(/• user-[0-9a-f]{10}: 8 re-logins, median every 1 h/);
    expect(text).not.toMatch(/ann|sub-ann/);
    expect(fakes.ledger.entry(`relogin-alert#heavy-relogins#${POOL}#${CLIENT}`)).toMatchObject({
      // The episode opened by this alert, its thread the alert's own message.
      state: { episode: { lastAlert: { heavyUsers: 3 }, threadTs: '1700000000.000001' } },
      version: 1,
    });
    expect(fakes.logger.messages('INFO')).toEqual(['heavy re-login alert sent']);
  });

  it("should report the last 24 h of activity, replayed from a session before it, and Cognito's counts for the same span", async () => {
    // Prepare: one sign-in exactly at the window's start (outside it), one just after (inside).
    const fakes = setUp();
    const now = DAY_START + 30 * HOUR;
    await signInHourly(fakes.signIns, ['ann'], now - 24 * HOUR, 0);
    await signInHourly(fakes.signIns, ['ben'], now - 24 * HOUR + 1, 0);

    // Act
    const [result] = await fakes.check(now);

    // Assess
    const scope = { userPoolId: POOL, clientId: CLIENT };
    // One read of the pool's log, `to` exclusive: from ARGOCD_SESSION_HOURS before the window or the
    // oldest hour the run may still publish, whichever is earlier. At 06:00 the hour before has not
    // settled yet, so the 24 hours it may catch up on start an hour before the window.
    expect(oldestHourDue(now)).toBe(now - 25 * HOUR);
    expect(fakes.signIns.argsOf('list')).toEqual([[POOL, now - 49 * HOUR, now + 1, {}]]);
    expect(fakes.cognitoUsage.argsOf('read')).toEqual([[scope, now - 24 * HOUR, now]]);
    expect(fakes.userPoolClients.argsOf('description')).toEqual([[POOL, CLIENT]]);
    expect(fakes.upstream.argsOf('latest')).toEqual([[now]]);
    expect(result).toMatchObject({ activeUsers: 1, heavyUsers: 0, alert: 'not-due' });
    expect(fakes.chat.calls).toEqual([]);
  });

  it('should classify a login early in the window from the sign-ins logged before it', async () => {
    // Prepare: ann signs in 2 h before the 24 h window starts, then 10 min into it.
    const fakes = setUp();
    const now = DAY_START + 18 * HOUR;
    const windowStart = now - 24 * HOUR;
    await signInHourly(fakes.signIns, ['ann'], windowStart - 2 * HOUR, 0);
    await signInHourly(fakes.signIns, ['ann'], windowStart + 10 * 60_000, 0);

    // Act
    const result = await fakes.check(now);

    // Assess: a re-login 130 min after the session start, not a session start.
    expect(result).toEqual([expect.objectContaining({ clientId: CLIENT, activeUsers: 1, heavyUsers: 0 })]);
    expect(fakes.metrics.values('ReLoginsPerActiveUser')).toEqual([1]);
    expect(fakes.metrics.values('ReLoginIntervalP50')).toEqual([130]);
  });

  it('should check every client with activity in the window when ARGOCD_CLIENT_IDS is empty', async () => {
    // Prepare: a third client was active only before the window.
    const fakes = setUp({ ARGOCD_CLIENT_IDS: '' });
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    await signInHourly(fakes.signIns, ['ben'], DAY_START + 10 * HOUR, 1, OTHER);
    await signInHourly(fakes.signIns, ['old'], DAY_START - 30 * HOUR, 1, 'argocdclient0example0000003');

    // Act
    const result = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(
      result.map((client) => [client.clientId, 'activeUsers' in client ? client.activeUsers : null]),
    ).toEqual([
      [CLIENT, 1],
      [OTHER, 1],
    ]);
  });

  it('should stay quiet within the cooldown and alert again once it is over', async () => {
    // Prepare
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann', 'ben'], DAY_START + 9 * HOUR, 8);
    await fakes.check(DAY_START + 18 * HOUR);

    // Act
    const [inCooldown] = await fakes.check(DAY_START + 19 * HOUR);
    await signInHourly(fakes.signIns, ['ann', 'ben'], DAY_START + 33 * HOUR, 8);
    const [afterCooldown] = await fakes.check(DAY_START + 42 * HOUR);

    // Assess
    expect(inCooldown?.alert).toBe('not-due');
    expect(afterCooldown?.alert).toBe('sent');
    expect(fakes.chat.delivered).toHaveLength(2);
    expect(fakes.metrics.values('HeavyReLoginUsers')).toEqual([2, 2, 2]);
  });

  it('should alert early when the heavy users at least double, saying so', async () => {
    // Prepare
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann', 'ben'], DAY_START + 9 * HOUR, 8);
    await fakes.check(DAY_START + 18 * HOUR);
    await signInHourly(fakes.signIns, ['cid'], DAY_START + 10 * HOUR, 8);

    // Act: three is not double two; four is.
    const [notDouble] = await fakes.check(DAY_START + 19 * HOUR);
    await signInHourly(fakes.signIns, ['dora'], DAY_START + 11 * HOUR, 8);
    const [doubled] = await fakes.check(DAY_START + 20 * HOUR);

    // Assess
    expect(notDouble).toMatchObject({ heavyUsers: 3, alert: 'not-due' });
    expect(doubled).toMatchObject({ heavyUsers: 4, alert: 'sent' });
    // A short follow-up in the thread: what changed, not the whole alert again.
    const followUp = readableText(fakes.chat.delivered[1]?.blocks ?? []);
    expect(followUp).toContain('Argo CD re-logins: worse, 4 heavy users');
    expect(followUp).toContain('• Heavy users: 2 → 4');
    expect(followUp).toContain('Advice unchanged');
    expect(followUp.length).toBeLessThanOrEqual(600);
  });

  it('should count a failed post in a second, small publish after it, and post on the next run', async () => {
    // Prepare
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    fakes.chat.script.failNext('post', new Error('internal_error'));

    // Act
    const [failed] = await fakes.check(DAY_START + 18 * HOUR);
    const [retried] = await fakes.check(DAY_START + 19 * HOUR);
    const [after] = await fakes.check(DAY_START + 20 * HOUR);

    // Assess
    expect([failed?.alert, retried?.alert, after?.alert]).toEqual(['failed', 'sent', 'not-due']);
    expect(fakes.chat.delivered).toHaveLength(1);
    // The 16:00 hour, the report's metrics, then the failure alone.
    expect(
      fakes.metrics.requests.slice(0, 3).map((request) => request.data.map((datum) => datum.name)),
    ).toEqual([
      ['Logins', 'ReLogins', 'TokenRefreshes', 'ReLoginInterval'],
      [
        'ActiveUsers',
        'HeavyReLoginUsers',
        'ReLoginsPerActiveUser',
        'ReLoginIntervalP50',
        'ReLoginIntervalP90',
        'EstimatedMinutesLost',
      ],
      ['AlertFailures'],
    ]);
    expect(fakes.metrics.requests[2]).toEqual({
      namespace: 'Test/Auth',
      data: [
        {
          name: 'AlertFailures',
          value: 1,
          unit: 'Count',
          dimensions: { UserPoolId: POOL, ClientId: CLIENT },
          timestamp: DAY_START + 18 * HOUR,
        },
      ],
    });
    const firstPost = fakes.timeline.first('chat.post');
    const publishes = fakes.timeline.entries.flatMap((entry, index) =>
      entry === 'metrics.publish' ? [index] : [],
    );
    // The first run's three publishes: two before its post, the failure's after it.
    expect(publishes[1]).toBeLessThan(firstPost);
    expect(firstPost).toBeLessThan(publishes[2] as number);
    expect(fakes.logger.messages('ERROR')).toEqual(['could not send the alert; the next run retries']);
  });

  it("should publish every client's hour, then every client's report metrics in one request, before the first post", async () => {
    // Prepare
    const fakes = setUp({ ARGOCD_CLIENT_IDS: `${CLIENT},${OTHER}` });
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    await signInHourly(fakes.signIns, ['ben'], DAY_START + 9 * HOUR, 8, OTHER);

    // Act
    const result = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(result.map((client) => client.alert)).toEqual(['sent', 'sent']);
    expect(
      fakes.timeline.entries.filter((entry) => entry.startsWith('metrics') || entry.startsWith('chat')),
    ).toEqual([
      'metrics.publish',
      'metrics.publish',
      'metrics.publish',
      // Each alert, then its three documents (argocd-cm, Terraform, CLI JSON) uploaded into its thread.
      ...['chat.post', 'chat.upload', 'chat.upload', 'chat.upload'],
      ...['chat.post', 'chat.upload', 'chat.upload', 'chat.upload'],
    ]);
    expect(
      fakes.metrics.requests.map(({ data }) => [
        data[0]?.name,
        [...new Set(data.map((datum) => datum.dimensions.ClientId))],
      ]),
    ).toEqual([
      ['Logins', [CLIENT]],
      ['Logins', [OTHER]],
      ['ActiveUsers', [CLIENT, OTHER]],
    ]);
    expect(
      fakes.metrics
        .data()
        .filter((datum) => datum.name === 'HeavyReLoginUsers')
        .map((datum) => datum.dimensions.ClientId),
    ).toEqual([CLIENT, OTHER]);
  });

  it('should publish only the hours settled before the log was read, however long the read takes', async () => {
    // Prepare: the run starts half a second before the 17:00 hour settles; the log query ends after.
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    const started = DAY_START + 18 * HOUR + SETTLE_MS - 500;
    const deps = fakes.deps(started);
    const clock = deps.clock as ReturnType<typeof fixedClock>;
    fakes.signIns.script.beforeNext('list', () => clock.set(new Date(started + 1_000)));

    // Act
    await runReLoginCheck(deps);

    // Assess: the 17:00 hour, not settled when the log was read, waits for the next run.
    const hours = fakes.metrics
      .data()
      .filter((datum) => datum.name === 'Logins')
      .map((datum) => new Date(datum.timestamp).toISOString());
    expect(hours).toEqual([new Date(DAY_START + 16 * HOUR).toISOString()]);
    expect(fakes.ledger.entry(`hourly-metrics#${JSON.stringify([POOL, CLIENT])}`)?.state).toEqual({
      publishedThrough: DAY_START + 17 * HOUR,
    });
  });

  it('should still alert when the metrics are refused, then fail the run with that error', async () => {
    // Prepare
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    fakes.metrics.script.failNext('publish', new Error('Throttling: Rate exceeded'));

    // Act
    const run = fakes.check(DAY_START + 18 * HOUR);

    // Assess
    await expect(run).rejects.toThrow('Throttling: Rate exceeded');
    expect(fakes.chat.delivered).toHaveLength(1);
  });

  it('should check and report the other clients when one client fails, counting the failure', async () => {
    // Prepare: the first client's first ledger entry (its hourly metrics) cannot be read.
    const fakes = setUp({ ARGOCD_CLIENT_IDS: `${CLIENT},${OTHER}` });
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8, OTHER);
    fakes.ledger.script.failNext('read', new Error('ProvisionedThroughputExceededException'));

    // Act
    const result = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(result).toEqual([
      { clientId: CLIENT, alert: 'not-checked', error: 'ProvisionedThroughputExceededException' },
      expect.objectContaining({ clientId: OTHER, heavyUsers: 1, alert: 'sent' }),
    ]);
    expect(
      fakes.metrics
        .data()
        .filter((datum) => datum.name === 'CheckFailures')
        .map((datum) => [datum.dimensions, datum.value]),
    ).toEqual([[{ UserPoolId: POOL, ClientId: CLIENT }, 1]]);
    expect(fakes.metrics.data().filter((datum) => datum.dimensions.ClientId === CLIENT)).toHaveLength(1);
    expect(fakes.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        clientId: CLIENT,
        message: 'could not check the app client; the other clients go on, the next run retries',
      }),
    );
    expect(fakes.ledger.argsOf('read')[0]).toEqual([hourlyMetricsKey(POOL, CLIENT)]);
  });

  it('should count every configured client as failed when the sign-in log cannot be read, posting nothing', async () => {
    // Prepare
    const fakes = setUp({ ARGOCD_CLIENT_IDS: `${CLIENT},${OTHER}` });
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    fakes.signIns.script.failNext('list', new Error('ProvisionedThroughputExceededException'));

    // Act
    const result = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(result).toEqual([
      { clientId: CLIENT, alert: 'not-checked', error: 'ProvisionedThroughputExceededException' },
      { clientId: OTHER, alert: 'not-checked', error: 'ProvisionedThroughputExceededException' },
    ]);
    expect(fakes.metrics.data().map((datum) => [datum.name, datum.dimensions.ClientId, datum.value])).toEqual(
      [
        ['CheckFailures', CLIENT, 1],
        ['CheckFailures', OTHER, 1],
      ],
    );
    expect(fakes.chat.calls).toEqual([]);
  });

  it('should still report and alert without the token settings, saying they are unknown', async () => {
    // Prepare: a client the reader does not know.
    const fakes = setUp({ ARGOCD_CLIENT_IDS: 'undescribed-client' });
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8, 'undescribed-client');

    // Act
    const [result] = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(result).toMatchObject({ clientId: 'undescribed-client', heavyUsers: 1, alert: 'sent' });
    const text = readableText(fakes.chat.delivered[0]?.blocks ?? []);
    expect(text).toContain('*App client token validity*\nunknown');
    expect(fakes.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message:
          'could not read the token settings of app client undescribed-client; the report goes on without it',
      }),
    );
  });

  it("should go on without Cognito's counts or the upstream report when they cannot be read", async () => {
    // Prepare
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    fakes.cognitoUsage.script.failNext('read', new Error('AccessDenied'));
    fakes.upstream.script.failNext('latest', new Error('ResourceNotFoundException'));

    // Act
    const [result] = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(result).toMatchObject({ heavyUsers: 1, alert: 'sent' });
    expect(fakes.logger.messages('WARN')).toEqual([
      'could not read the upstream report; the report goes on without it',
      `could not read Cognito's metrics for app client ${CLIENT}; the report goes on without it`,
    ]);
  });

  it("should see refresh-token use in Cognito's own counts and advise checking the threshold", async () => {
    // Prepare
    const fakes = setUp({ METRICS_DASHBOARD: 'relogin-dashboard' });
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    fakes.cognitoUsage.set(
      { userPoolId: POOL, clientId: CLIENT },
      { signInSuccesses: 9, tokenRefreshSuccesses: 30 },
    );

    // Act
    const [result] = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(result).toMatchObject({ advice: ['diagnose-partial-refresh'] });
    const text = readableText(fakes.chat.delivered[0]?.blocks ?? []);
    expect(text).toContain('Cognito: 30 refreshes');
    expect(text).toContain('#dashboards/dashboard/relogin-dashboard|Open');
  });

  it("should name the deployed Argo CD and the release to upgrade to from the upstream watcher's report", async () => {
    // Prepare
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann'], DAY_START + 9 * HOUR, 8);
    await fakes.upstream.save(UPSTREAM_REPORT);

    // Act
    await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    expect(readableText(fakes.chat.delivered[0]?.blocks ?? [])).toContain(
      'Argo CD v3.3.14 is deployed and does not renew an expired session: it refreshes only before expiry, with `refreshTokenThreshold` set and a request inside that window, so a session idle past expiry signs in again (the fix, #27777, is not in it). Upgrade to v3.4.6: upgrading is what makes refresh work.',
    );
  });

  it('should write the alert to the log only in a dry run, count no failure, and post it once a chat is there', async () => {
    // Prepare
    const dry = setUp({}, { dryRun: true });
    await signInHourly(dry.signIns, ['ann'], DAY_START + 9 * HOUR, 8);

    // Act: a dry run, then (within what would be the cooldown) a run that can post.
    const [logged] = await dry.check(DAY_START + 18 * HOUR);
    const chat = new FakeChatPoster();
    const [sent] = await runReLoginCheck({
      ...dry.deps(DAY_START + 19 * HOUR),
      notify: { ledger: dry.ledger, chat },
    });

    // Assess
    expect(logged?.alert).toBe('logged');
    expect(dry.chat.logged.map((message) => message.text)).toEqual([
      expect.stringContaining('Argo CD re-logins: 1 heavy user;'),
    ]);
    expect(dry.logger.messages('INFO')).toEqual([
      'heavy re-login alert written to the log only (no Slack token); not recorded as sent',
      'heavy re-login alert sent',
    ]);
    expect(dry.metrics.values('AlertFailures')).toEqual([]);
    expect(sent?.alert).toBe('sent');
    expect(chat.texts()).toEqual([expect.stringContaining('Argo CD re-logins: 1 heavy user;')]);
  });

  it('should post once when two runs overlap (EventBridge delivers at least once)', async () => {
    // Prepare: the second run starts while the first one is posting.
    const fakes = setUp();
    await signInHourly(fakes.signIns, ['ann', 'ben'], DAY_START + 9 * HOUR, 8);
    let overlapping: ReturnType<typeof fakes.check> | undefined;
    fakes.chat.script.beforeNext('post', () => {
      overlapping = fakes.check(DAY_START + 18 * HOUR);
      return overlapping;
    });

    // Act
    const [first] = await fakes.check(DAY_START + 18 * HOUR);

    // Assess
    const [second] = (await overlapping) ?? [];
    expect([first?.alert, second?.alert]).toEqual(['sent', 'claimed-elsewhere']);
    expect(fakes.chat.delivered).toHaveLength(1);
  });
});
