/**
 * Chain mode through the real handler: the team's function runs behind the Lambda Invoke stand-in (the
 * real Lambda SDK client calls it), the recording goes to DynamoDB Local.
 */

import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthTriggerHandler, startAuthTrigger } from '../../../functions/auth-event/deps';
import { createSignInRecorder } from '../../../functions/auth-event/recorder';
import { captureOutput, metricTotals } from '../../../local/stand-ins/emf';
import { type LocalEndpoint, silentEndpoint } from '../../../local/stand-ins/faulty-endpoints';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import {
  type LambdaInvokeServer,
  startLambdaInvokeServer,
} from '../../../local/stand-ins/lambda-invoke-server';
import { createDocumentClient } from '../../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../../src/adapters/dynamodb/sign-in-log';
import { LambdaChainedFunction } from '../../../src/adapters/lambda/chained-function';
import { handleChainedTrigger } from '../../../src/sign-ins';
import { createTestTable, useLocalDynamoDb } from '../../support/dynamodb';

const TEAM = 'arn:aws:lambda:eu-west-1:111122223333:function:team-groups-claim';
const THROWS = 'arn:aws:lambda:eu-west-1:111122223333:function:team-throws';
const GARBAGE = 'arn:aws:lambda:eu-west-1:111122223333:function:team-garbage';
const SLOW = 'arn:aws:lambda:eu-west-1:111122223333:function:team-slow';
const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth');
const POOL = 'ap-northeast-1_EXAMPLE';

/** The team's function: what teams write to put a groups claim into the ID token for Argo CD RBAC. */
async function addGroups(event: unknown) {
  const answer = structuredClone(event) as { response: Record<string, unknown> };
  answer.response = { claimsOverrideDetails: { claimsToAddOrOverride: { groups: 'argocd-admins' } } };
  return answer;
}

function logged(tableName: string) {
  return new DynamoSignInLog(createDocumentClient(), { tableName, retentionDays: 35 }).list(
    POOL,
    Date.now() - 60_000,
    Date.now() + 1,
  );
}

describe('Lambda: auth-event handler in chain mode', () => {
  let team: LambdaInvokeServer;
  let tableName: string;

  beforeAll(async () => {
    team = await startLambdaInvokeServer({
      [TEAM]: addGroups,
      [THROWS]: async () => {
        throw new Error('groups service unreachable');
      },
      [GARBAGE]: async () => 'not an event',
      [SLOW]: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return event;
      },
    });
    tableName = await createTestTable('chain');
  });

  afterAll(() => team.close());

  /** The largest budget by default, so a loaded machine does not cut the recording short. */
  function env(chained: string, table = tableName, budgetMs = '2000') {
    useLocalDynamoDb();
    vi.stubEnv('AWS_ENDPOINT_URL_LAMBDA', team.url);
    return {
      TABLE_NAME: table,
      METRICS_NAMESPACE: 'Test/Auth',
      TRIGGER_BUDGET_MS: budgetMs,
      CHAINED_FUNCTION_ARN: chained,
    };
  }

  it("should return the team function's answer unchanged, give it the very event and record the sign-in", async () => {
    const handler = await createAuthTriggerHandler(env(TEAM));
    const event = structuredClone(hostedAuth);
    const { result, output } = await captureOutput(() => handler(event));
    vi.unstubAllEnvs();
    expect(result).toEqual(await addGroups(hostedAuth));
    expect(team.invocations.at(-1)).toEqual({ functionName: TEAM, event: hostedAuth });
    expect(await logged(tableName)).toHaveLength(1);
    expect(metricTotals(output.metrics)).toEqual({ SignInEvents: 1 });
  });

  it("should fail the sign-in with the team function's own error, as without us, and still record it", async () => {
    const table = await createTestTable('chain-throws');
    const handler = await createAuthTriggerHandler(env(THROWS, table));
    await expect(captureOutput(() => handler(structuredClone(hostedAuth)))).rejects.toThrow(
      'groups service unreachable',
    );
    vi.unstubAllEnvs();
    expect(await logged(table)).toHaveLength(1);
  });

  it('should pass a garbage answer through unchanged, as Cognito would get it from the team function alone', async () => {
    const handler = await createAuthTriggerHandler(env(GARBAGE));
    const { result } = await captureOutput(() => handler(structuredClone(hostedAuth)));
    vi.unstubAllEnvs();
    expect(result).toBe('not an event');
  });

  it('should fail the sign-in when the team function outlasts the wait, as Cognito would without us', async () => {
    const environment = env(SLOW);
    const start = await startAuthTrigger(environment);
    const slow = new LambdaChainedFunction(new LambdaClient({ maxAttempts: 1 }), SLOW, 200);
    const started = performance.now();
    await expect(
      captureOutput(() =>
        handleChainedTrigger(start.startup, start.telemetry, slow, structuredClone(hostedAuth)),
      ),
    ).rejects.toThrow();
    vi.unstubAllEnvs();
    expect(performance.now() - started).toBeLessThan(1_200);
  });

  describe('with DynamoDB not answering', () => {
    let silent: LocalEndpoint;
    beforeAll(async () => {
      silent = await silentEndpoint();
    });
    afterAll(() => silent.close());

    it("should still answer with the team's claims, the recording cut off by its budget", async () => {
      const environment = env(TEAM, tableName, '300');
      vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', silent.url);
      const handler = await createAuthTriggerHandler(environment);
      const started = performance.now();
      const { result, output } = await captureOutput(() => handler(structuredClone(hostedAuth)));
      vi.unstubAllEnvs();
      expect(result).toEqual(await addGroups(hostedAuth));
      expect(performance.now() - started).toBeLessThan(300 + 400);
      expect(metricTotals(output.metrics)).toEqual({ RecordFailures: 1 });
    });
  });
});

describe('Export: the embeddable recorder', () => {
  it("should record the team function's event in the same table with the same metrics, and never throw", async () => {
    useLocalDynamoDb();
    const table = await createTestTable('recorder');
    const recorder = await createSignInRecorder({
      TABLE_NAME: table,
      METRICS_NAMESPACE: 'Test/Auth',
      TRIGGER_BUDGET_MS: '2000',
    });
    const { output } = await captureOutput(() => recorder.record(structuredClone(hostedAuth)));
    expect(await logged(table)).toHaveLength(1);
    expect(metricTotals(output.metrics)).toEqual({ SignInEvents: 1 });
    await expect(captureOutput(() => recorder.record('garbage'))).resolves.toMatchObject({
      result: undefined,
    });
    const broken = await createSignInRecorder({});
    await expect(captureOutput(() => broken.record(structuredClone(hostedAuth)))).resolves.toBeDefined();
  });
});
