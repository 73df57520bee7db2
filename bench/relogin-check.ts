/**
 * The hourly re-login check over a busy day: 500 active users, 9 sign-ins each in the last 24 h, read
 * back with Queries from DynamoDB Local, with Slack, CloudWatch and Cognito answered by local stand-ins.
 */
import { buildReLoginCheckDeps } from '../functions/relogin-check/deps';
import { startLocalStandIns } from '../local/stand-ins';
import { DynamoActivityStore } from '../src/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../src/adapters/dynamodb/client';
import { runReLoginCheck } from '../src/relogins';
import { fixedClock } from '../src/shared/clock';
import { recordAuthSignal } from '../src/sign-ins';
import { captureOutput } from '../test/support/emf';
import { describeTimings, megabytes } from './support';

const HOUR = 3_600_000;

export async function benchReLoginCheck(users = 500, signInsPerUser = 9): Promise<string[]> {
  const standIns = await startLocalStandIns();
  const { scope, env } = standIns;
  try {
    const end = Date.parse('2026-11-20T18:00:00Z');
    const store = new DynamoActivityStore(createDocumentClient(), {
      tableName: env.TABLE_NAME,
      retentionDays: 35,
    });
    const rules = { dedupeSeconds: 30, sessionHours: 24 };
    await Promise.all(
      Array.from({ length: users }, async (_, user) => {
        const signal = {
          kind: 'login' as const,
          triggerSource: 'TokenGeneration_HostedAuth',
          ...scope,
          user: `sub-${user}`,
          username: `user-${user}`,
        };
        for (let index = 0; index < signInsPerUser; index += 1) {
          const at = end - 10 * HOUR + index * 65 * 60_000 + user * 1_000;
          await recordAuthSignal({ store, rules }, signal, at, { maxAttempts: 5 });
        }
      }),
    );
    const clock = fixedClock(new Date(end));
    const deps = { ...buildReLoginCheckDeps(env), clock };
    const samples: number[] = [];
    let peakHeap = 0;
    for (let run = 0; run < 5; run += 1) {
      const started = performance.now();
      await captureOutput(() => runReLoginCheck(deps));
      samples.push(performance.now() - started);
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    return [
      describeTimings(
        `re-login check, ${users} active users, ${users * signInsPerUser} activity items in 24 h`,
        samples,
      ),
      `process heap after the re-login check runs: ${megabytes(peakHeap)}`,
    ];
  } finally {
    await standIns.stop();
  }
}
