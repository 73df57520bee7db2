/**
 * The hourly re-login check over one busy day: `users` active users signing in 8 times each, with
 * `historyDays` more days of the same history in the table, read with Queries from DynamoDB Local
 * through a counting proxy; Slack, CloudWatch and Cognito answered by local stand-ins. Each run is a
 * process of its own (`relogin-check-run.ts`), timed and its peak RSS taken there: the first runs after
 * a deploy (no checkpoint yet) until one has caught up, then the steady hourly run. With
 * BENCH_CHECK_BEFORE_DIR (a checkout of the code before, with its node_modules) its first and steady
 * runs are measured on the same table too. `relogin-check-alone.ts` runs this bench by itself.
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { startLocalStandIns } from '../local/local-stand-ins';
import { startCountingProxy } from '../local/stand-ins/counting-proxy';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/stand-ins/local-aws';
import { HOUR_MS } from '../src/shared/durations';
import { seedTable } from './seed-table';
import { runAlone, signInItems } from './sign-in-history';

/** One check run: its time, peak memory and the read units of its Queries. */
export interface RunFigures {
  seconds: number;
  peakRssMb: number;
  readUnits: number;
}

export interface CheckFigures {
  activeUsers: number;
  events: number;
  historyDays: number;
  /** The steady hourly run (from the checkpoint the first runs left). */
  seconds: number;
  peakRssMb: number;
  readUnits: number;
  /**
   * The first runs after a deploy (no checkpoint, `historyDays` of history in the table), an hour
   * apart, until one has caught up; each within its catch-up budget.
   */
  firstRuns: (RunFigures & { caughtUp: boolean })[];
  /** The same first run and steady run by the code in BENCH_CHECK_BEFORE_DIR, when given. */
  before?: { firstRun: RunFigures; steady: RunFigures };
}

/** On-demand read units of the Queries answered: eventually consistent, 0.5 per 4 KB read (answer size as the measure). */
function readUnits(answerBytes: readonly number[]): number {
  return answerBytes.reduce((sum, bytes) => sum + Math.ceil(bytes / 4096) * 0.5, 0);
}

const BENCH_FUNCTION_ARN =
  'arn:aws:lambda:eu-west-1:123456789012:function:argocd-relogin-monitor-bench-authEvent';

/** Runs `script` once through a fresh counting proxy: its figures and the read units it used. */
async function measuredRun(
  dynamoEndpoint: string,
  env: NodeJS.ProcessEnv,
  at: number,
  script = 'relogin-check-run.ts',
): Promise<RunFigures & { caughtUp?: boolean }> {
  const proxy = await startCountingProxy(dynamoEndpoint);
  try {
    const figures = await runAlone<{ seconds: number; peakRssMb: number; caughtUp?: boolean }>(script, {
      ...process.env,
      ...env,
      AWS_ENDPOINT_URL_DYNAMODB: proxy.url,
      BENCH_CHECK_AT: String(at),
    });
    return { ...figures, readUnits: readUnits(proxy.answerBytes.get('Query') ?? []) };
  } finally {
    await proxy.close();
  }
}

/** Deletes the pool's session checkpoints, so that the next run is a first run again. */
async function forgetCheckpoints(endpoint: string, tableName: string, userPoolId: string): Promise<void> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  const pk = `CHECKPOINT#${userPoolId.length}:${userPoolId}`;
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ProjectionExpression: 'pk, sk',
    }),
  );
  for (const { pk: itemPk, sk } of Items) {
    await client.send(new DeleteCommand({ TableName: tableName, Key: { pk: itemPk, sk } }));
  }
}

export async function benchReLoginCheck(
  dynamo: RunningDynamoDbLocal,
  users: number,
  historyDays: number,
): Promise<CheckFigures> {
  const standIns = await startLocalStandIns({ dynamoDbEndpoint: dynamo.endpoint });
  const { scope, env } = standIns;
  try {
    const end = Date.parse('2026-11-20T18:00:00Z');
    const seeded = await seedTable(
      dynamo.endpoint,
      env.TABLE_NAME,
      signInItems(scope, users, end, 1 + historyDays, { perDay: 8, worksOn: () => true }),
    );
    console.error(
      `check bench: seeded ${seeded.items} sign-ins in ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.items / seeded.seconds)} items/s)`,
    );
    // The first runs after a deploy build the session checkpoint from the retained log, an hour apart
    // until one has caught up (at most MAX_FIRST_RUNS); then the steady hourly run, the one timed
    // against the target. With our function's ARN the self-check also reads the pool's LambdaConfig.
    const checkEnv = { ...env, AUTH_EVENT_FUNCTION_ARN: BENCH_FUNCTION_ARN };
    const firstRuns: CheckFigures['firstRuns'] = [];
    for (let at = end - MAX_FIRST_RUNS * HOUR_MS; at < end; at += HOUR_MS) {
      const run = await measuredRun(dynamo.endpoint, checkEnv, at);
      firstRuns.push({ ...run, caughtUp: run.caughtUp ?? true });
      console.error(`check bench: first run ${firstRuns.length}: ${JSON.stringify(run)}`);
      if (run.caughtUp !== false) break;
    }
    const steady = await measuredRun(dynamo.endpoint, checkEnv, end);
    console.error(`check bench: steady run: ${JSON.stringify(steady)}`);
    const beforeDir = process.env.BENCH_CHECK_BEFORE_DIR;
    let before: CheckFigures['before'];
    if (beforeDir !== undefined && beforeDir !== '') {
      // The code before, on the same table: its own first run (every checkpoint forgotten), then its steady run.
      await forgetCheckpoints(dynamo.endpoint, env.TABLE_NAME, scope.userPoolId);
      const benchDir = fileURLToPath(new URL('.', import.meta.url));
      const script = relative(benchDir, `${beforeDir}/bench/relogin-check-run.ts`);
      const firstRun = await measuredRun(dynamo.endpoint, checkEnv, end - HOUR_MS, script);
      console.error(`check bench: before, first run: ${JSON.stringify(firstRun)}`);
      const steadyBefore = await measuredRun(dynamo.endpoint, checkEnv, end, script);
      console.error(`check bench: before, steady run: ${JSON.stringify(steadyBefore)}`);
      before = { firstRun: withoutCaughtUp(firstRun), steady: withoutCaughtUp(steadyBefore) };
    }
    return {
      activeUsers: users,
      events: seeded.items / (1 + historyDays),
      historyDays,
      seconds: steady.seconds,
      peakRssMb: steady.peakRssMb,
      readUnits: steady.readUnits,
      firstRuns,
      ...(before === undefined ? {} : { before }),
    };
  } finally {
    await standIns.stop();
  }
}

/** Hours of first runs tried at most before the steady run. */
const MAX_FIRST_RUNS = 4;

function withoutCaughtUp({ seconds, peakRssMb, readUnits }: RunFigures): RunFigures {
  return { seconds, peakRssMb, readUnits };
}
