import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAuthTrigger, warmUp } from '../../functions/auth-event/deps';
import { startCountingProxy } from '../../local/stand-ins/counting-proxy';
import { captureOutput, metricTotals } from '../../local/stand-ins/emf';
import {
  type LocalEndpoint,
  silentEndpoint,
  throttlingDynamoDb,
} from '../../local/stand-ins/faulty-endpoints';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { lambdaContext } from '../../local/stand-ins/lambda-context';
import { freePort } from '../../local/stand-ins/ports';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { replaySignIns } from '../../src/relogins';
import { cognitoTrigger } from '../../src/shared/lambda-startup';
import { handleAuthTrigger } from '../../src/sign-ins/handle-auth-trigger';
import { createTestTable, useLocalDynamoDb } from '../support/dynamodb';

const BUDGET_MS = 300;
/**
 * Head-room over the budget for a loaded machine. Tight on purpose: without the budget's cut-off the
 * SDK alone would take two 300 ms attempts plus back-off against a silent endpoint.
 */
const BOUND_MS = BUDGET_MS + 250;
const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth');
const postAuth = cognitoFixture('post-authentication');
const scope = { userPoolId: 'ap-northeast-1_EXAMPLE', clientId: 'argocdclient0example0000001' };

const rules = { dedupeSeconds: 30, sessionHours: 24 };

/** What the log holds for the fixtures' pool over the last minute. */
function logged(tableName: string) {
  return new DynamoSignInLog(createDocumentClient(), { tableName, retentionDays: 35 }).list(
    scope.userPoolId,
    Date.now() - 60_000,
    Date.now() + 1,
  );
}

function env(tableName: string, extra: Record<string, string> = {}) {
  return {
    TABLE_NAME: tableName,
    TRIGGER_BUDGET_MS: String(BUDGET_MS),
    METRICS_NAMESPACE: 'Test/Auth',
    ...extra,
  };
}

/** A cold start from `environment` (no warm-up), then one invocation through the deployed handler's shape. */
async function invokeWith(environment: Record<string, string | undefined>, event: unknown) {
  const { startup, telemetry } = await startAuthTrigger(environment);
  const handler = cognitoTrigger(telemetry, startup, handleAuthTrigger);
  const before = JSON.stringify(event);
  const started = performance.now();
  const { result, output } = await captureOutput(() => handler(event, lambdaContext()));
  return {
    result,
    output,
    elapsedMs: performance.now() - started,
    unchanged: JSON.stringify(result) === before,
  };
}

describe('Lambda: auth-event handler', () => {
  let tableName: string;

  beforeAll(async () => {
    tableName = await createTestTable('trigger');
  });

  it('should append a sign-in through the deployed handler module and return the event as it came', async () => {
    // Prepare: the real module, wired from process.env at import time as on a cold start.
    useLocalDynamoDb();
    vi.stubEnv('TABLE_NAME', tableName);
    vi.stubEnv('METRICS_NAMESPACE', 'Test/Auth');
    vi.resetModules();
    const { handler } = await import('../../functions/auth-event/handler');
    const event = structuredClone(hostedAuth) as never;

    // Act
    const { result, output } = await captureOutput(() => handler(event));
    vi.unstubAllEnvs();

    // Assess
    expect(result).toBe(event);
    expect(result).toEqual(hostedAuth);
    const stored = replaySignIns(await logged(tableName), rules);
    expect(stored.map((item) => [item.kind, item.user])).toEqual([
      ['session-start', '0b6c3a5e-1111-4f3a-9c1e-5a7d2f9e0001'],
    ]);
    // REPORT_IDENTITY is hashed by default: no user name or email in the log.
    expect(stored[0]?.username).toBeUndefined();
    expect(stored[0]?.email).toBeUndefined();
    expect(metricTotals(output.metrics)).toEqual({ SignInEvents: 1 });
    const [line] = output.metrics;
    expect(line?._aws).toMatchObject({
      CloudWatchMetrics: [{ Namespace: 'Test/Auth', Dimensions: [['UserPoolId', 'ClientId']] }],
    });
    expect(line).toMatchObject({ UserPoolId: scope.userPoolId, ClientId: scope.clientId });
  });

  it('should log a sign-in that fires both triggers twice, which the replay counts once, and a refresh as a refresh', async () => {
    // Prepare
    useLocalDynamoDb();
    const table = await createTestTable('trigger');

    // Act
    const first = await invokeWith(env(table), postAuth);
    const second = await invokeWith(env(table), { ...postAuth, triggerSource: 'TokenGeneration_HostedAuth' });
    const refreshed = await invokeWith(env(table), {
      ...cognitoFixture('pre-token-v2-refresh'),
      userName: 'bob',
      request: postAuth.request,
    });

    // Assess: the trigger counts events, the replay decides what they were.
    expect(metricTotals(first.output.metrics)).toEqual({ SignInEvents: 1 });
    expect(metricTotals(second.output.metrics)).toEqual({ SignInEvents: 1 });
    expect(metricTotals(refreshed.output.metrics)).toEqual({ TokenRefreshEvents: 1 });
    const signIns = await logged(table);
    expect(signIns).toHaveLength(3);
    expect(replaySignIns(signIns, rules).map((event) => event.kind)).toEqual(['session-start', 'refresh']);
  });

  it('should make exactly one DynamoDB request, a PutItem, per tracked event', async () => {
    // Prepare
    const proxy = await startCountingProxy(useLocalDynamoDb());
    const table = await createTestTable('trigger');
    vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', proxy.url);
    try {
      const start = await startAuthTrigger(env(table, { REPORT_IDENTITY: 'email' }));
      await warmUp(start);
      const afterWarmUp = proxy.operations.length;

      // Act
      for (let index = 0; index < 5; index += 1) {
        await captureOutput(() =>
          handleAuthTrigger(start.startup, start.telemetry, structuredClone(hostedAuth)),
        );
      }

      // Assess
      expect(proxy.operations.slice(afterWarmUp)).toEqual(Array(5).fill('PutItem'));
      const [signIn] = await logged(table);
      expect(signIn).toMatchObject({ username: 'alice', email: 'alice@example.com' });
    } finally {
      vi.unstubAllEnvs();
      await proxy.close();
    }
  });

  it('should ignore untracked clients and machine-to-machine tokens without writing anything', async () => {
    useLocalDynamoDb();
    const table = await createTestTable('trigger');
    const other = await invokeWith(env(table, { ARGOCD_CLIENT_IDS: 'another-client' }), hostedAuth);
    const m2m = await invokeWith(env(table), {
      ...hostedAuth,
      version: '3',
      triggerSource: 'TokenGeneration_ClientCredentials',
    });
    for (const outcome of [other, m2m]) {
      expect(outcome.unchanged).toBe(true);
      expect(outcome.output.metrics).toEqual([]);
    }
    expect(await logged(table)).toEqual([]);
  });

  describe('when things go wrong, the sign-in still goes through', () => {
    const endpoints: LocalEndpoint[] = [];

    afterAll(async () => {
      await Promise.all(endpoints.map((endpoint) => endpoint.close()));
      vi.unstubAllEnvs();
    });

    it.each([
      ['null', null],
      ['an empty object', {}],
      ['a string', 'TokenGeneration_HostedAuth'],
      ['a missing userPoolId', { ...hostedAuth, userPoolId: undefined }],
      ['a numeric version', { ...hostedAuth, version: 2 }],
      ['callerContext as a string', { ...hostedAuth, callerContext: 'argocd' }],
      ['no user at all', { ...hostedAuth, userName: undefined, request: { userAttributes: { sub: 42 } } }],
    ])('should return %s unchanged and count a RecordFailure', async (_name, event) => {
      useLocalDynamoDb();
      const outcome = await invokeWith(env(tableName), event);
      expect(outcome.result).toBe(event);
      expect(outcome.unchanged).toBe(true);
      expect(metricTotals(outcome.output.metrics)).toEqual({ RecordFailures: 1 });
      expect(outcome.output.logs.some((log) => log.level === 'ERROR')).toBe(true);
    });

    async function expectSafeFailure(environment: Record<string, string>, endpoint: string) {
      vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', endpoint);
      const event = structuredClone(hostedAuth);
      const outcome = await invokeWith(environment, event);
      expect(outcome.result).toBe(event);
      expect(outcome.unchanged).toBe(true);
      expect(outcome.elapsedMs).toBeLessThan(BOUND_MS);
      expect(metricTotals(outcome.output.metrics)).toEqual({ RecordFailures: 1 });
      const dimensions = outcome.output.metrics[0];
      expect(dimensions).toMatchObject({ UserPoolId: scope.userPoolId, ClientId: scope.clientId });
      return outcome;
    }

    it('should give up within the budget when DynamoDB refuses connections', async () => {
      await expectSafeFailure(env(tableName), `http://127.0.0.1:${await freePort()}`);
    });

    it('should give up within the budget when DynamoDB accepts the connection and never answers', async () => {
      const silent = await silentEndpoint();
      endpoints.push(silent);
      await expectSafeFailure(env(tableName), silent.url);
      expect(silent.requests()).toBeGreaterThan(0);
    });

    it('should give up within the budget when DynamoDB throttles every call', async () => {
      const throttling = await throttlingDynamoDb();
      endpoints.push(throttling);
      await expectSafeFailure(env(tableName), throttling.url);
      expect(throttling.requests()).toBeGreaterThan(0);
    });

    it('should bound the cold-start warm-up and swallow its failure', async () => {
      const silent = await silentEndpoint();
      endpoints.push(silent);
      vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', silent.url);
      const start = await startAuthTrigger(env(tableName));
      const started = performance.now();
      await expect(warmUp(start, 200)).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(200 + 250);
      expect(silent.requests()).toBe(1);
    });

    it('should survive a table that does not exist', async () => {
      const outcome = await expectSafeFailure(env('no-such-table'), useLocalDynamoDb());
      expect(JSON.stringify(outcome.output.logs)).toContain('ResourceNotFoundException');
    });

    it('should survive a deployment without TABLE_NAME and say which setting is missing', async () => {
      const outcome = await expectSafeFailure({ TRIGGER_BUDGET_MS: String(BUDGET_MS) }, useLocalDynamoDb());
      expect(JSON.stringify(outcome.output.logs)).toContain('TABLE_NAME is required but not set');
    });
  });
});
