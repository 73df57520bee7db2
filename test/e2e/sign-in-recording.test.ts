/**
 * The whole sign-in path with real parts only: cognito-local signs a user in and calls the deployed
 * handler module through a Lambda Invoke endpoint; the handler records into DynamoDB Local and writes EMF.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CognitoLocal, startCognitoLocal } from '../../local/stand-ins/cognito-local';
import { createPoolWithUser, type LocalPoolUser, refresh, signIn } from '../../local/stand-ins/cognito-pool';
import { captureOutput, metricTotals } from '../../local/stand-ins/emf';
import { type LambdaInvokeServer, startLambdaInvokeServer } from '../../local/stand-ins/lambda-invoke-server';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { replaySignIns } from '../../src/relogins';
import { createTestTable } from '../support/dynamodb';

describe('End to end: Cognito sign-in → trigger → DynamoDB and metrics', () => {
  let cognito: CognitoLocal;
  let lambda: LambdaInvokeServer;
  let tableName: string;
  let user: LocalPoolUser;

  beforeAll(async () => {
    tableName = await createTestTable('e2e');
    // The handler is loaded once the pool exists, so it tracks exactly that app client, as deployed.
    let handler: ((event: never) => Promise<unknown>) | undefined;
    lambda = await startLambdaInvokeServer({
      'auth-event': (event) => (handler as NonNullable<typeof handler>)(event as never),
    });
    cognito = await startCognitoLocal({
      lambdaEndpoint: lambda.url,
      triggerFunctions: { PostAuthentication: 'auth-event', PreTokenGeneration: 'auth-event' },
    });
    user = await createPoolWithUser(cognito.endpoint);
    vi.stubEnv('TABLE_NAME', tableName);
    vi.stubEnv('ARGOCD_CLIENT_IDS', user.clientId);
    // The log keeps the email only where the reports show it.
    vi.stubEnv('REPORT_IDENTITY', 'email');
    // The budget's cut-off has its own fault tests; here a loaded CI machine must not lose a sign-in.
    vi.stubEnv('TRIGGER_BUDGET_MS', '2000');
    vi.resetModules();
    ({ handler } = await import('../../functions/auth-event/handler'));
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await cognito?.stop();
    await lambda?.close();
  });

  it('should log every trigger event, which the replay counts as a sign-in, a re-login and a refresh', async () => {
    // Act
    const started = Date.now();
    const { output } = await captureOutput(async () => {
      const first = await signIn(user);
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      await signIn(user);
      await refresh(user, first.RefreshToken as string);
    });

    // Assess: both triggers fired for each sign-in, yet each sign-in counts once.
    expect(lambda.invocations.map(({ event }) => event.triggerSource)).toEqual([
      'PostAuthentication_Authentication',
      'TokenGeneration_Authentication',
      'PostAuthentication_Authentication',
      'TokenGeneration_Authentication',
      'TokenGeneration_RefreshTokens',
    ]);
    const log = new DynamoSignInLog(createDocumentClient(), { tableName, retentionDays: 35 });
    const signIns = await log.list(user.userPoolId, started, Date.now() + 1);
    expect(signIns).toHaveLength(5);
    // A dedupe window of one second, so the test can sign in twice without waiting half a minute.
    const events = replaySignIns(signIns, { dedupeSeconds: 1, sessionHours: 24 });
    expect(events.map((event) => [event.kind, event.email])).toEqual([
      ['session-start', 'alice@example.com'],
      ['re-login', 'alice@example.com'],
      ['refresh', 'alice@example.com'],
    ]);
    // Keyed by the stable `sub`, not the user name.
    const firstRequest = lambda.invocations[0]?.event.request as { userAttributes: { sub: string } };
    const sub = firstRequest.userAttributes.sub;
    expect(new Set(events.map((event) => event.user))).toEqual(new Set([sub]));
    expect(events[1]?.intervalMinutes).toBeGreaterThan(1.2 / 60 - 0.001);
    const totals = metricTotals(output.metrics);
    // The trigger counts what it saw: four sign-in events (two triggers each), one refresh.
    expect(totals).toMatchObject({ SignInEvents: 4, TokenRefreshEvents: 1 });
    expect(totals.RecordFailures).toBeUndefined();
  });
});
