/**
 * The hourly re-login check over one busy day: `users` active users signing in 8 times each, with
 * `historyDays` more days of the same history in the table, read with Queries from DynamoDB Local
 * through a counting proxy; Slack, CloudWatch and Cognito answered by local stand-ins.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildReLoginCheckDeps } from '../functions/relogin-check/deps';
import { startLocalStandIns } from '../local/local-stand-ins';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { captureOutput } from '../local/stand-ins/emf';
import { createDocumentClient } from '../src/adapters/dynamodb/client';
import { encodeSignIn } from '../src/adapters/dynamodb/table-layout';
import { runReLoginCheck } from '../src/relogins';
import { fixedClock } from '../src/shared/clock';
import type { LoggedSignIn } from '../src/sign-ins';
import { startCountingProxy } from '../test/support/counting-proxy';

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

async function seed(
  tableName: string,
  scope: { userPoolId: string; clientId: string },
  users: number,
  end: number,
  days: number,
): Promise<number> {
  const client = createDocumentClient();
  const items: Record<string, unknown>[] = [];
  for (let day = 0; day < days; day += 1) {
    for (let user = 0; user < users; user += 1) {
      for (let index = 0; index < SIGN_INS_PER_DAY; index += 1) {
        const signIn: LoggedSignIn = {
          at: end - (day + 1) * DAY + 8 * HOUR + index * 65 * 60_000 + user * 7,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          ...scope,
          user: `sub-${user}`,
        };
        items.push(encodeSignIn(signIn, 35));
      }
    }
  }
  const batches: Record<string, unknown>[][] = [];
  for (let index = 0; index < items.length; index += 25) batches.push(items.slice(index, index + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next++] ?? [];
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const { UnprocessedItems } = await client.send(
            new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
          );
          pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
  client.destroy();
  return items.length;
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
    const seeded = await seed(env.TABLE_NAME, scope, users, end, 1 + historyDays);
    process.env.AWS_ENDPOINT_URL_DYNAMODB = proxy.url;
    const deps = { ...buildReLoginCheckDeps(env), clock: fixedClock(new Date(end)) };
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 5);
    const started = performance.now();
    await captureOutput(() => runReLoginCheck(deps));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    return {
      activeUsers: users,
      events: seeded / (1 + historyDays),
      historyDays,
      seconds: Math.round(seconds * 100) / 100,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage().rss) / 1024 / 1024),
      readUnits: readUnits(proxy.answerBytes.get('Query') ?? []),
    };
  } finally {
    await proxy.close();
    await standIns.stop();
  }
}
