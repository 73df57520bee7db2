/**
 * The sign-in trigger against DynamoDB Local: warm latency of the real handler module (each sign-in
 * a read plus a transactional write), and the cost of optimistic concurrency when one user's
 * sign-ins all arrive at once.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoActivityStore } from '../src/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../src/adapters/dynamodb/client';
import { tableDefinition } from '../src/adapters/dynamodb/table-schema';
import { recordAuthSignal } from '../src/sign-ins';
import { startDynamoDbLocal } from '../test/support/dynamodb-local';
import { captureOutput } from '../test/support/emf';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment } from '../test/support/local-aws';
import { describeTimings } from './support';

export async function benchTriggerLatency(invocations = 1_000): Promise<string[]> {
  const dynamo = await startDynamoDbLocal();
  try {
    const raw = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await raw.send(new CreateTableCommand(tableDefinition('bench-activity')));
    raw.destroy();
    Object.assign(process.env, {
      ...localAwsEnvironment({ dynamodb: dynamo.endpoint }),
      TABLE_NAME: 'bench-activity',
      // Every measured call does the full work (read, decide, transactional write): nothing is a duplicate.
      DEDUPE_SECONDS: '0.001',
    });
    const { handler } = await import('../functions/auth-event/handler');
    const event = (user: number) =>
      ({
        version: '2',
        triggerSource: 'TokenGeneration_HostedAuth',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_bench',
        userName: `user-${user}`,
        callerContext: { awsSdkVersion: 'bench', clientId: 'argocd' },
        request: { userAttributes: { sub: `sub-${user}`, email: `user-${user}@example.com` } },
        response: {},
      }) as never;
    const cold = performance.now();
    await captureOutput(() => handler(event(-1)));
    const coldMs = performance.now() - cold;
    // Warm-up, then measure: 100 users signing in again and again (a first sign-in, then re-logins).
    await captureOutput(async () => {
      for (let index = 0; index < 200; index += 1) await handler(event(1_000 + index));
    });
    const samples: number[] = [];
    await captureOutput(async () => {
      for (let index = 0; index < invocations; index += 1) {
        const started = performance.now();
        await handler(event(index % 100));
        samples.push(performance.now() - started);
      }
    });
    return [
      `trigger first invocation after the cold-start warm-up: ${coldMs.toFixed(1)} ms`,
      describeTimings('trigger warm latency, DynamoDB Local', samples),
      await contention(200),
    ];
  } finally {
    await dynamo.stop();
  }
}

/** `concurrent` distinct sign-ins of ONE user at the same moment, as in the store's atomicity test. */
async function contention(concurrent: number): Promise<string> {
  const store = new DynamoActivityStore(createDocumentClient(), {
    tableName: 'bench-activity',
    retentionDays: 35,
  });
  const signal = {
    kind: 'login' as const,
    triggerSource: 'TokenGeneration_HostedAuth',
    userPoolId: 'eu-west-1_bench',
    clientId: 'argocd',
    user: 'contended-user',
    username: 'contended-user',
  };
  const started = performance.now();
  const results = await Promise.all(
    Array.from({ length: concurrent }, (_, index) =>
      recordAuthSignal(
        { store, rules: { dedupeSeconds: 30, sessionHours: 24 } },
        signal,
        1e12 + index * 31_000,
        {
          maxAttempts: 1_000,
          maxBackoffMs: 2_000,
        },
      ),
    ),
  );
  const elapsedMs = performance.now() - started;
  const attempts = results.map((result) => result.attempts);
  const counted = results.filter((result) => result.event !== null).length;
  return `${concurrent} concurrent sign-ins of one user: ${counted} counted in ${(elapsedMs / 1000).toFixed(1)} s, attempts mean ${(
    attempts.reduce((sum, value) => sum + value, 0) / attempts.length
  ).toFixed(1)}, max ${Math.max(...attempts)}`;
}
