/**
 * The recovery end to end on real implementations: the deployed trigger's cold start against a
 * DynamoDB that throttles every write logs its failed-write lines (captured as Lambda's log agent would
 * ship them); the lines go into the CloudWatch Logs stand-in; the recovery reads them with the real
 * `@aws-sdk/client-cloudwatch-logs` (FilterLogEvents, AWS JSON 1.1) and writes them to DynamoDB Local.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthTrigger } from '../../../functions/auth-event/deps';
import { captureOutput } from '../../../local/stand-ins/emf';
import {
  type FakeCloudWatchLogs,
  startFakeCloudWatchLogs,
} from '../../../local/stand-ins/fake-cloudwatch-logs';
import { type LocalEndpoint, throttlingDynamoDb } from '../../../local/stand-ins/faulty-endpoints';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { lambdaContext } from '../../../local/stand-ins/lambda-context';
import { LOCAL_CREDENTIALS, LOCAL_REGION, overrideEnv } from '../../../local/stand-ins/local-aws';
import {
  CloudWatchUnrecordedSignIns,
  lambdaLogGroup,
} from '../../../src/adapters/cloudwatch-logs/unrecorded-sign-ins';
import { createDocumentClient } from '../../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../../src/adapters/dynamodb/sign-in-log';
import { recoverUnrecordedSignIns, recoveryMetrics } from '../../../src/coverage';
import { fixedClock } from '../../../src/shared/clock';
import { cognitoTrigger } from '../../../src/shared/lambda-startup';
import { handleAuthTrigger } from '../../../src/sign-ins/handle-auth-trigger';
import { createTestTable, useLocalDynamoDb } from '../../support/dynamodb';
import { RecordingLogger } from '../../support/fakes/logger';

const FUNCTION_ARN = 'arn:aws:lambda:eu-west-1:123456789012:function:relogin-monitor-dev-authEvent';
const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const AT = Date.parse('2026-11-24T09:00:00Z');
const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth') as Record<string, unknown>;

describe('Use case: recoverUnrecordedSignIns (trigger lines → CloudWatch Logs stand-in → DynamoDB Local)', () => {
  let logs: FakeCloudWatchLogs;
  let throttling: LocalEndpoint;
  let tableName: string;
  const client = () =>
    new CloudWatchLogsClient({ endpoint: logs.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });

  beforeAll(async () => {
    [logs, throttling, tableName] = await Promise.all([
      startFakeCloudWatchLogs({ eventsPerPage: 2 }),
      throttlingDynamoDb(),
      createTestTable('recovery'),
    ]);
  });
  afterAll(async () => {
    await Promise.all([logs.close(), throttling.close()]);
  });

  /** Three sign-ins (one user each, a second apart) through the real trigger while DynamoDB throttles. */
  async function failedSignIns(): Promise<string[]> {
    const restore = overrideEnv({ AWS_ENDPOINT_URL_DYNAMODB: throttling.url });
    try {
      const start = await startAuthTrigger(
        {
          TABLE_NAME: tableName,
          TRIGGER_BUDGET_MS: '300',
          METRICS_NAMESPACE: 'Test/Auth',
          REPORT_IDENTITY: 'hashed',
        },
        fixedClock(new Date(AT)),
      );
      const handler = cognitoTrigger(start.telemetry, start.startup, handleAuthTrigger);
      const lines: string[] = [];
      for (const sub of ['sub-ann', 'sub-ben', 'sub-cid']) {
        const request = hostedAuth.request as { userAttributes: Record<string, string> };
        const event = {
          ...hostedAuth,
          request: { ...request, userAttributes: { ...request.userAttributes, sub } },
        };
        const { output } = await captureOutput(() => handler(event, lambdaContext()));
        lines.push(...output.logs.map((line) => JSON.stringify(line)));
        expect(output.logs).toHaveLength(1);
      }
      return lines;
    } finally {
      restore();
    }
  }

  it('should write each logged item once, count only those not already logged, and read nothing without failures', async () => {
    // Prepare: the lines as the log agent ships them, beside an unrelated line.
    useLocalDynamoDb();
    const lines = await failedSignIns();
    const group = lambdaLogGroup(FUNCTION_ARN);
    logs.addEvents(group, '2026/11/24/[$LATEST]abc', [
      ...lines.map((message, index) => ({ timestamp: AT + index * 1000, message })),
      { timestamp: AT + 5000, message: JSON.stringify({ level: 'INFO', message: 'cold start' }) },
    ]);
    const log = new DynamoSignInLog(createDocumentClient(), { tableName, retentionDays: 35 });
    const [landed] = (await new CloudWatchUnrecordedSignIns(client(), group).read(AT, AT + 10_000)).signIns;
    // One write did land after all (a timeout after DynamoDB took it).
    await log.append(landed as never);
    const deps = {
      unrecorded: new CloudWatchUnrecordedSignIns(client(), group),
      log,
      logger: new RecordingLogger(),
    };
    const requestsBefore = logs.filterRequests();

    // Act
    const quiet = await recoverUnrecordedSignIns(deps, {
      userPoolId: POOL,
      recordFailures: 0,
      now: AT + 3_600_000,
    });
    const first = await recoverUnrecordedSignIns(deps, {
      userPoolId: POOL,
      recordFailures: 3,
      now: AT + 3_600_000,
    });
    const again = await recoverUnrecordedSignIns(deps, {
      userPoolId: POOL,
      recordFailures: 3,
      now: AT + 7_200_000,
    });

    // Assess
    expect(quiet.read).toBe(false);
    expect(first).toMatchObject({
      read: true,
      recovered: new Map([[CLIENT, 2]]),
      alreadyRecorded: 1,
      skipped: 0,
    });
    expect(again).toMatchObject({ read: true, recovered: new Map(), alreadyRecorded: 3 });
    // Two pages each of the two reads (eventsPerPage 2), none for the quiet one.
    expect(logs.filterRequests() - requestsBefore).toBe(4);
    expect(logs.calls.at(-1)?.input).toMatchObject({
      logGroupName: '/aws/lambda/relogin-monitor-dev-authEvent',
      filterPattern: '{ $.unrecordedSignIn.at > 0 }',
    });
    const stored = await log.list(POOL, AT - 1, AT + 1);
    expect(stored.map((signIn) => signIn.user).sort()).toEqual(['sub-ann', 'sub-ben', 'sub-cid']);
    expect(stored.every((signIn) => signIn.username === undefined && signIn.email === undefined)).toBe(true);
    expect(recoveryMetrics(first, POOL, AT)).toEqual([
      {
        name: 'RecoveredSignIns',
        value: 2,
        unit: 'Count',
        dimensions: { UserPoolId: POOL, ClientId: CLIENT },
        timestamp: AT,
      },
    ]);
  });

  it('should refuse a filter pattern CloudWatch Logs could not parse, as the service does', async () => {
    logs.addEvents('/aws/lambda/other', 's', []);
    const send = client().send(
      new (await import('@aws-sdk/client-cloudwatch-logs')).FilterLogEventsCommand({
        logGroupName: '/aws/lambda/other',
        filterPattern: '{ $.a ~ 1 }',
      }),
    );
    await expect(send).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });
});
