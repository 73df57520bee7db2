/**
 * The sign-in trigger against DynamoDB Local, through a counting proxy: warm latency of the real
 * handler beside the floor (one raw PutItem with the same client settings on the same table, measured
 * interleaved in the same run), requests per tracked event, and many concurrent sign-ins of few users.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startAuthTrigger, warmUp } from '../functions/auth-event/deps';
import { startCountingProxy } from '../local/stand-ins/counting-proxy';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { captureOutput } from '../local/stand-ins/emf';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localAwsEnvironment } from '../local/stand-ins/local-aws';
import { createDocumentClient } from '../src/adapters/dynamodb/client';
import { tableDefinition } from '../src/adapters/dynamodb/table-layout';
import { percentile } from '../src/shared/stats';
import { handleAuthTrigger } from '../src/sign-ins';

export interface TriggerFigures {
  events: number;
  requestsPerEvent: number;
  p50Ms: number;
  p99Ms: number;
  floorP50Ms: number;
  floorP99Ms: number;
  ratioP50: number;
  ratioP99: number;
}

export interface ConcurrencyFigures {
  signIns: number;
  users: number;
  p99Ms: number;
  allRecorded: boolean;
}

const POOL = 'eu-west-1_bench';
const BUDGET_MS = 500;

function event(user: number) {
  return {
    version: '1',
    triggerSource: 'TokenGeneration_HostedAuth',
    region: 'eu-west-1',
    userPoolId: POOL,
    userName: `user-${user}`,
    callerContext: { awsSdkVersion: 'bench', clientId: 'argocd' },
    request: { userAttributes: { sub: `sub-${user}`, email: `user-${user}@example.com` } },
    response: {},
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** A clock that moves one millisecond a reading, so no two benchmark sign-ins share a key by accident. */
function steppingClock(start: number) {
  let now = start;
  return {
    now: () => {
      now += 1;
      return new Date(now);
    },
  };
}

async function freshTable(endpoint: string, name: string): Promise<void> {
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  await raw.send(new CreateTableCommand(tableDefinition(name)));
  raw.destroy();
}

export async function benchTrigger(
  dynamo: RunningDynamoDbLocal,
  events = 2_000,
): Promise<{ trigger: TriggerFigures; concurrency: ConcurrencyFigures }> {
  const proxy = await startCountingProxy(dynamo.endpoint);
  try {
    await freshTable(dynamo.endpoint, 'bench-trigger');
    Object.assign(process.env, localAwsEnvironment({ dynamodb: proxy.url }));
    const env = { TABLE_NAME: 'bench-trigger', TRIGGER_BUDGET_MS: String(BUDGET_MS) };
    const start = await startAuthTrigger(env, steppingClock(Date.parse('2026-11-20T08:00:00Z')));
    await warmUp(start);
    // The floor: the same client settings as the trigger's (deps.ts), the same table and proxy.
    const floorClient = createDocumentClient({ maxAttempts: 2, requestTimeoutMs: BUDGET_MS });
    // A floor call that runs out of time counts with the time it took, as the trigger's do.
    const floorPut = (index: number) =>
      floorClient
        .send(
          new PutCommand({
            TableName: 'bench-trigger',
            Item: {
              pk: `FLOOR#${index % 100}`,
              sk: String(index),
              at: index,
              kind: 'login',
              user: `sub-${index}`,
            },
          }),
        )
        .then(
          () => undefined,
          () => undefined,
        );
    await floorPut(-1);
    // Warm both paths, then measure them interleaved so load on the machine hits both alike.
    const triggerMs: number[] = [];
    const floorMs: number[] = [];
    let triggerRequests = 0;
    await captureOutput(async () => {
      for (let index = 0; index < 200; index += 1) {
        await handleAuthTrigger(start.startup, start.telemetry, event(10_000 + index));
        await floorPut(10_000 + index);
      }
      for (let index = 0; index < events; index += 1) {
        const before = proxy.operations.length;
        let started = performance.now();
        await handleAuthTrigger(start.startup, start.telemetry, event(index % 500));
        triggerMs.push(performance.now() - started);
        triggerRequests += proxy.operations.length - before;
        started = performance.now();
        await floorPut(index);
        floorMs.push(performance.now() - started);
      }
    });
    const p = (samples: number[], q: number) => percentile(samples, q) ?? 0;
    const trigger: TriggerFigures = {
      events,
      requestsPerEvent: round2(triggerRequests / events),
      p50Ms: round2(p(triggerMs, 50)),
      p99Ms: round2(p(triggerMs, 99)),
      floorP50Ms: round2(p(floorMs, 50)),
      floorP99Ms: round2(p(floorMs, 99)),
      ratioP50: round2(p(triggerMs, 50) / p(floorMs, 50)),
      ratioP99: round2(p(triggerMs, 99) / p(floorMs, 99)),
    };
    floorClient.destroy();
    return { trigger, concurrency: await concurrency(dynamo.endpoint, proxy.url) };
  } finally {
    await proxy.close();
  }
}

/** `signIns` sign-ins of `users` users, all started at once through the real handler. */
async function concurrency(
  endpoint: string,
  proxyUrl: string,
  signIns = 500,
  users = 50,
): Promise<ConcurrencyFigures> {
  await freshTable(endpoint, 'bench-concurrency');
  Object.assign(process.env, localAwsEnvironment({ dynamodb: proxyUrl }));
  const start = await startAuthTrigger(
    { TABLE_NAME: 'bench-concurrency', TRIGGER_BUDGET_MS: '2000' },
    steppingClock(Date.parse('2026-11-20T08:00:00Z')),
  );
  await warmUp(start);
  const latencies: number[] = [];
  const { output } = await captureOutput(() =>
    Promise.all(
      Array.from({ length: signIns }, async (_, index) => {
        const started = performance.now();
        await handleAuthTrigger(start.startup, start.telemetry, event(index % users));
        latencies.push(performance.now() - started);
      }),
    ),
  );
  const client = createDocumentClient();
  let items = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: 'bench-concurrency', Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    items += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  client.destroy();
  const failures = output.metrics.filter((line) => 'RecordFailures' in line).length;
  return {
    signIns,
    users,
    p99Ms: round2(percentile(latencies, 99) ?? 0),
    allRecorded: items === signIns && failures === 0,
  };
}
