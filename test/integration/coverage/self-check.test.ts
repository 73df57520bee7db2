/**
 * The self-check inside the hourly check, end to end through the real adapters: DynamoDB Local, the
 * fake Slack Web API, the CloudWatch, Cognito (DescribeUserPool's LambdaConfig) and CloudWatch Logs
 * stand-ins. A detach and its repair, refreshes arriving as sign-ins, and failed writes recovered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildReLoginCheckDeps } from '../../../functions/relogin-check/deps';
import { readableText } from '../../../local/stand-ins/block-kit';
import { captureOutput } from '../../../local/stand-ins/emf';
import {
  type FakeCloudWatchLogs,
  startFakeCloudWatchLogs,
} from '../../../local/stand-ins/fake-cloudwatch-logs';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { overrideEnv } from '../../../local/stand-ins/local-aws';
import { createDocumentClient } from '../../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../../src/adapters/dynamodb/sign-in-log';
import { runReLoginCheck } from '../../../src/relogins/relogin-check';
import { fixedClock } from '../../../src/shared/clock';
import type { LoggedSignIn } from '../../../src/sign-ins';
import { createTestTable } from '../../support/dynamodb';
import { CognitoCounts, jobEnv, useJobStandIns } from '../../support/job-stand-ins';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const ARN = 'arn:aws:lambda:ap-northeast-1:123456789012:function:relogin-monitor-prod-authEvent';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const H = 3_600_000;
const at = (hours: number) => DAY_START + hours * H;

describe('Use case: the self-check in runReLoginCheck (stand-ins for CloudWatch, Cognito, Logs, Slack)', () => {
  const documentClient = createDocumentClient();
  const standIns = useJobStandIns();
  let logs: FakeCloudWatchLogs;
  let restoreEnv: () => void;
  let tableName: string;
  let cognitoCounts: CognitoCounts;
  /** The stand-in's data published before this test. */
  let publishedBefore = 0;

  beforeAll(async () => {
    logs = await startFakeCloudWatchLogs();
    restoreEnv = overrideEnv({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.url });
    standIns.cognito.addClient(cognitoFixture('describe-user-pool-client'));
  });
  afterAll(async () => {
    restoreEnv();
    await logs.close();
  });
  beforeEach(async () => {
    tableName = await createTestTable('self-check');
    standIns.slack.messages.length = 0;
    publishedBefore = standIns.cloudwatch.putData().length;
    cognitoCounts = new CognitoCounts(standIns.cloudwatch, { userPoolId: POOL, clientId: CLIENT });
    standIns.cloudwatch.setSeries('Test/Auth', 'RecordFailures', { UserPoolId: POOL, ClientId: CLIENT }, []);
    attach(true);
  });

  function attach(attached: boolean) {
    standIns.cognito.setLambdaConfig(
      POOL,
      attached ? { PreTokenGenerationConfig: { LambdaArn: ARN, LambdaVersion: 'V1_0' } } : {},
    );
  }

  const signIn = (
    user: string,
    time: number,
    triggerSource = 'TokenGeneration_HostedAuth',
  ): LoggedSignIn => ({
    at: time,
    kind: 'login',
    triggerSource,
    userPoolId: POOL,
    clientId: CLIENT,
    user: `sub-${user}`,
  });

  /** Users sign in every hour of [from, to]; Cognito counts them, the log only when `recorded`. */
  async function hourly(users: string[], from: number, to: number, recorded = true) {
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of users) {
      for (let hour = from; hour <= to; hour += 1) {
        if (recorded) await log.append(signIn(user, at(hour)));
        cognitoCounts.count('SignInSuccesses', at(hour));
      }
    }
  }

  async function checkAt(time: number) {
    const env = jobEnv(
      standIns,
      { tableName, userPoolId: POOL, clientId: CLIENT },
      { AUTH_EVENT_FUNCTION_ARN: ARN },
    );
    const callsBefore = {
      cloudwatch: standIns.cloudwatch.calls.length,
      cognito: standIns.cognito.calls.length,
    };
    const deps = { ...buildReLoginCheckDeps(env), clock: fixedClock(new Date(time)) };
    const { result } = await captureOutput(() => runReLoginCheck(deps));
    const operations = (calls: { operation: string }[]) => calls.map((call) => call.operation);
    return {
      result: result[0],
      getMetricData: operations(standIns.cloudwatch.calls.slice(callsBefore.cloudwatch)).filter(
        (op) => op === 'GetMetricData',
      ).length,
      describeUserPool: operations(standIns.cognito.calls.slice(callsBefore.cognito)).filter(
        (op) => op === 'DescribeUserPool',
      ).length,
    };
  }

  /** Per hour marked (`MonitorBlind`), the reason it was blind for, or `seen` when 0 under every reason. */
  const blindMarks = () => {
    const marks = new Map<number, string>();
    for (const { name, timestamp, dimensions, value } of standIns.cloudwatch
      .putData()
      .slice(publishedBefore)) {
      if (name !== 'MonitorBlind' || dimensions.ClientId !== CLIENT) continue;
      const hour = (timestamp ?? 0) * 1000;
      if (value === 1) marks.set(hour, dimensions.Reason as string);
      else if (!marks.has(hour)) marks.set(hour, 'seen');
    }
    return [...marks];
  };

  const texts = () => standIns.slack.messages.map((message) => readableText(message.blocks ?? []));

  it('should post one monitor-blind when the trigger is detached, hold the re-login messages, and reply when it is back', async () => {
    // Prepare: two heavy users; the alert goes out while the monitor sees.
    await hourly(['ann', 'ben'], 9, 17);
    const seeing = await checkAt(at(18) + 20 * 60_000);
    expect(seeing.result).toMatchObject({ alert: 'sent', coverage: { percent: 100, blind: false } });
    expect([seeing.getMetricData, seeing.describeUserPool]).toEqual([1, 1]);

    // Act 1: a Terraform apply removes the trigger at 18:00; Cognito goes on counting.
    attach(false);
    await hourly(['ann', 'ben'], 18, 21, false);
    const blind = await checkAt(at(22) + 20 * 60_000);
    const stillBlind = await checkAt(at(23) + 20 * 60_000);

    // Assess 1: one alert with cause and fix; no re-login message claims anything meanwhile.
    expect(blind.result).toMatchObject({
      alert: 'not-due',
      coverage: {
        blind: true,
        findings: ['detached', 'undercounting'],
        message: 'monitor-blind',
        outcome: 'sent',
      },
    });
    expect(stillBlind.result).toMatchObject({ coverage: { blind: true, message: null } });
    expect(standIns.slack.messages).toHaveLength(2);
    expect(texts()[1]).toContain('Argo CD re-login monitor blind: trigger detached');
    expect(texts()[1]).toContain('since 2026-11-24 18:00 UTC');
    expect(texts()[1]).toContain('*Fix*');
    expect(texts().join('\n')).not.toMatch(/no re-logins|refresh works|recovered/i);

    // Act 2: the trigger is attached again at 23:30 and records again.
    attach(true);
    await hourly(['ann'], 24, 25);
    const restored = await checkAt(at(26) + 20 * 60_000);

    // Assess 2: the reply in the alert's thread, naming the hours not seen.
    expect(restored.result).toMatchObject({
      coverage: { blind: false, message: 'monitor-restored', outcome: 'sent' },
    });
    expect(standIns.slack.messages).toHaveLength(3);
    expect(standIns.slack.messages[2]?.threadTs).toBe(standIns.slack.messages[1]?.ts);
    expect(texts()[2]).toContain('Not seen: 2026-11-24 18:00 UTC to 2026-11-24 22:00 UTC (trigger detached)');
    expect([restored.getMetricData, restored.describeUserPool]).toEqual([1, 1]);

    // The dashboard's marks: each run's newest settled hour, 1 under the reason while blind, else 0.
    expect(blindMarks()).toEqual([
      [at(17), 'seen'],
      [at(21), 'detached'],
      [at(22), 'detached'],
      [at(25), 'seen'],
    ]);
  });

  it('should call refreshes arriving as sign-ins misclassifying and not report them as re-logins', async () => {
    // Prepare: three users sign in at 9, then Argo CD refreshes hourly; the trigger sees the refreshes
    // as TokenGeneration_Authentication, Cognito counts them as refreshes.
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of ['ann', 'ben', 'cid']) {
      await log.append(signIn(user, at(9)));
      cognitoCounts.count('SignInSuccesses', at(9));
      for (let hour = 10; hour <= 17; hour += 1) {
        await log.append(signIn(user, at(hour), 'TokenGeneration_Authentication'));
        cognitoCounts.count('TokenRefreshSuccesses', at(hour));
      }
    }

    // Act
    const { result } = await checkAt(at(18) + 20 * 60_000);

    // Assess: the monitor-blind alert says why; no heavy re-login alert for these users.
    expect(result).toMatchObject({
      heavyUsers: 3,
      alert: 'not-due',
      coverage: { blind: true, findings: ['misclassifying'] },
    });
    expect(standIns.slack.messages).toHaveLength(1);
    expect(texts()[0]).toContain('refreshes arriving as sign-ins');
    expect(texts()[0]).toContain('re-logins are not reported: the re-login count is unreliable');
    expect(texts()[0]).not.toMatch(/heavy user/i);
    expect(blindMarks()).toEqual([[at(17), 'misclassifying']]);
  });

  it('should recover the sign-ins the trigger logged as unrecorded, count them once, and read logs only after failures', async () => {
    // Prepare: cid's 10:30 sign-in failed to write; its line is in the trigger's log group.
    await hourly(['ann'], 9, 11);
    const lost = signIn('cid', at(10) + 30 * 60_000);
    cognitoCounts.count('SignInSuccesses', lost.at);
    logs.addEvents('/aws/lambda/relogin-monitor-prod-authEvent', '2026/11/24/[$LATEST]a', [
      {
        timestamp: lost.at + 600,
        message: JSON.stringify({
          level: 'ERROR',
          message: 'could not record sign-in; the sign-in goes on',
          unrecordedSignIn: lost,
        }),
      },
    ]);
    const quiet = logs.filterRequests();
    await checkAt(at(12) + 20 * 60_000);
    expect(logs.filterRequests()).toBe(quiet);
    standIns.cloudwatch.setSeries('Test/Auth', 'RecordFailures', { UserPoolId: POOL, ClientId: CLIENT }, [
      { at: at(10), value: 1 },
    ]);

    // Act
    const putsBefore = standIns.cloudwatch.putData().length;
    await checkAt(at(13) + 20 * 60_000);
    await checkAt(at(14) + 20 * 60_000);

    // Assess
    const recovered = standIns.cloudwatch
      .putData()
      .slice(putsBefore)
      .filter((datum) => datum.name === 'RecoveredSignIns');
    expect(recovered.map((datum) => datum.value)).toEqual([1]);
    const stored = await new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 }).list(
      POOL,
      at(10),
      at(11),
    );
    expect(stored.map((item) => item.user)).toEqual(['sub-ann', 'sub-cid']);
    expect(logs.filterRequests()).toBe(quiet + 2);
  });

  it("should hold the recent hours while the recovery cannot read the trigger's log, then publish them with what it recovers", async () => {
    // Prepare: two days after the other tests' lines (the log group is shared and the recovery reads
    // 25 h back), the hours are published up to 10:00; dan's 10:40 sign-in failed to write.
    const at = (hours: number) => DAY_START + (48 + hours) * H;
    await hourly(['ann'], 48 + 9, 48 + 11);
    await checkAt(at(10) + 20 * 60_000);
    const lost = signIn('dan', at(10) + 40 * 60_000);
    cognitoCounts.count('SignInSuccesses', lost.at);
    standIns.cloudwatch.setSeries('Test/Auth', 'RecordFailures', { UserPoolId: POOL, ClientId: CLIENT }, [
      { at: at(10), value: 1 },
    ]);
    logs.addEvents('/aws/lambda/relogin-monitor-prod-authEvent', '2026/11/24/[$LATEST]b', [
      { timestamp: lost.at + 600, message: JSON.stringify({ level: 'ERROR', unrecordedSignIn: lost }) },
    ]);
    const logins = (hour: number) =>
      standIns.cloudwatch
        .putData()
        .filter((datum) => datum.name === 'Logins' && datum.timestamp === at(hour) / 1000)
        .map((datum) => datum.value);

    // Act: at 11:20 CloudWatch Logs cannot be reached (nothing listens on the port); at 12:20 it can.
    const unreachable = overrideEnv({ AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: 'http://127.0.0.1:9' });
    try {
      await checkAt(at(11) + 20 * 60_000);
    } finally {
      unreachable();
    }
    const heldThen = logins(10);
    await checkAt(at(12) + 20 * 60_000);

    // Assess: 10:00 waited for the recovery and went out once, with dan's sign-in; 11:00 followed.
    expect(heldThen).toEqual([]);
    expect(logins(10)).toEqual([2]);
    expect(logins(11)).toEqual([1]);
  });
});
