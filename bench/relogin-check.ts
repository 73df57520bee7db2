/**
 * The hourly re-login check over one busy day: `users` active users signing in 8 times each, with
 * `historyDays` more days of the same history in the table, read with Queries from DynamoDB Local
 * through a counting proxy; Slack, CloudWatch and Cognito answered by local stand-ins. The check runs
 * in a process of its own (`relogin-check-run.ts`), timed and its peak RSS taken there.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startLocalStandIns } from '../local/local-stand-ins';
import { startCountingProxy } from '../local/stand-ins/counting-proxy';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { encodeSignIn } from '../src/adapters/dynamodb/table-layout';
import type { LoggedSignIn } from '../src/sign-ins';
import { seedTable } from './seed-table';

const execFileAsync = promisify(execFile);

export interface CheckFigures {
  activeUsers: number;
  events: number;
  historyDays: number;
  seconds: number;
  peakRssMb: number;
  readUnits: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SIGN_INS_PER_DAY = 8;

/** On-demand read units of the Queries answered: eventually consistent, 0.5 per 4 KB read (answer size as the measure). */
function readUnits(answerBytes: readonly number[]): number {
  return answerBytes.reduce((sum, bytes) => sum + Math.ceil(bytes / 4096) * 0.5, 0);
}

/**
 * The logged sign-ins of `days` days before `end`: each user 8 times a day, 65 min apart, from 08:00
 * on; in time order, as the trigger writes them.
 */
function* signInItems(
  scope: { userPoolId: string; clientId: string },
  users: number,
  end: number,
  days: number,
): Generator<Record<string, unknown>> {
  for (let day = days - 1; day >= 0; day -= 1) {
    for (let index = 0; index < SIGN_INS_PER_DAY; index += 1) {
      for (let user = 0; user < users; user += 1) {
        const signIn: LoggedSignIn = {
          at: end - (day + 1) * DAY + 8 * HOUR + index * 65 * 60_000 + user * 7,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          ...scope,
          user: `sub-${user}`,
        };
        yield encodeSignIn(signIn, 35);
      }
    }
  }
}

/** Runs `relogin-check-run.ts` in a fresh Node process (through tsx, as `npm run bench` runs) and reads its figures. */
async function runCheckAlone(env: NodeJS.ProcessEnv): Promise<{ seconds: number; peakRssMb: number }> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./relogin-check-run.ts', import.meta.url))],
    { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { seconds: number; peakRssMb: number };
}

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
      signInItems(scope, users, end, 1 + historyDays),
    );
    console.error(
      `check bench: seeded ${seeded.items} sign-ins in ${seeded.seconds.toFixed(1)} s (${Math.round(seeded.items / seeded.seconds)} items/s)`,
    );
    const { seconds, peakRssMb } = await runCheckAlone({
      ...process.env,
      ...env,
      AWS_ENDPOINT_URL_DYNAMODB: proxy.url,
      BENCH_CHECK_AT: String(end),
    });
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
