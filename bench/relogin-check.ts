/**
 * The hourly re-login check over one busy day: `users` active users signing in 8 times each, with
 * `historyDays` more days of the same history in the table, read with Queries from DynamoDB Local
 * through a counting proxy; Slack, CloudWatch and Cognito answered by local stand-ins. The check runs
 * in a process of its own (`relogin-check-run.ts`), timed and its peak RSS taken there.
 */
import { startLocalStandIns } from '../local/local-stand-ins';
import { startCountingProxy } from '../local/stand-ins/counting-proxy';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { HOUR_MS } from '../src/shared/durations';
import { seedTable } from './seed-table';
import { runAlone, signInItems } from './sign-in-history';

export interface CheckFigures {
  activeUsers: number;
  events: number;
  historyDays: number;
  seconds: number;
  peakRssMb: number;
  readUnits: number;
}

/** On-demand read units of the Queries answered: eventually consistent, 0.5 per 4 KB read (answer size as the measure). */
function readUnits(answerBytes: readonly number[]): number {
  return answerBytes.reduce((sum, bytes) => sum + Math.ceil(bytes / 4096) * 0.5, 0);
}

const BENCH_FUNCTION_ARN =
  'arn:aws:lambda:eu-west-1:123456789012:function:argocd-relogin-monitor-bench-authEvent';

export async function benchReLoginCheck(
  dynamo: RunningDynamoDbLocal,
  users: number,
  historyDays: number,
): Promise<CheckFigures> {
  const standIns = await startLocalStandIns({ dynamoDbEndpoint: dynamo.endpoint });
  const proxy = await startCountingProxy(dynamo.endpoint);
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
    // The run an hour before, straight to DynamoDB and untimed: the first run after a deploy builds the
    // session checkpoint from the retained log once; the figures are those of an hourly run after it.
    // With our function's ARN the self-check also reads the pool's LambdaConfig (one DescribeUserPool).
    const checkEnv = { ...env, AUTH_EVENT_FUNCTION_ARN: BENCH_FUNCTION_ARN };
    const first = await runAlone<{ seconds: number; peakRssMb: number }>('relogin-check-run.ts', {
      ...process.env,
      ...checkEnv,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      BENCH_CHECK_AT: String(end - HOUR_MS),
    });
    console.error(
      `check bench: first run (checkpoint built from ${historyDays} d) ${first.seconds} s, ${first.peakRssMb} MB`,
    );
    const { seconds, peakRssMb } = await runAlone<{ seconds: number; peakRssMb: number }>(
      'relogin-check-run.ts',
      {
        ...process.env,
        ...checkEnv,
        AWS_ENDPOINT_URL_DYNAMODB: proxy.url,
        BENCH_CHECK_AT: String(end),
      },
    );
    return {
      activeUsers: users,
      events: seeded.items / (1 + historyDays),
      historyDays,
      seconds,
      peakRssMb,
      readUnits: readUnits(proxy.answerBytes.get('Query') ?? []),
    };
  } finally {
    await proxy.close();
    await standIns.stop();
  }
}
