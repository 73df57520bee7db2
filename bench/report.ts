/**
 * The weekly report for `users` active users: each signs in 4 times (3 re-logins, so every user is a
 * heavy one) on every working day of the week reported and the week before (the two the report
 * compares), read from DynamoDB Local; Slack,
 * CloudWatch and Cognito answered by local stand-ins. The report function's real dependencies build
 * the report, render its chart and post both, in a process of its own (`report-run.ts`), timed and its
 * peak RSS taken there.
 */
import { startLocalStandIns } from '../local/local-stand-ins';
import type { RunningDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { DAY_MS } from '../src/shared/durations';
import { seedTable } from './seed-table';
import { runAlone, signInItems } from './sign-in-history';

export interface ReportFigures {
  activeUsers: number;
  /** Sign-ins read: the week reported, the week before and the session hours before that. */
  signInsRead: number;
  seconds: number;
  peakRssMb: number;
}

/** Monday 09:00 UTC, the schedule's default; the week reported is 16-23 November 2026. */
const REPORT_AT = Date.parse('2026-11-23T09:00:00Z');
/** The week reported and the one before, back to Sunday 8 November for the session hours before it. */
const HISTORY_DAYS = 15;
const isWorkingDay = (dayStart: number) => ![0, 6].includes(new Date(dayStart).getUTCDay());

export async function benchReport(dynamo: RunningDynamoDbLocal, users: number): Promise<ReportFigures> {
  const standIns = await startLocalStandIns({ dynamoDbEndpoint: dynamo.endpoint });
  const { scope, env } = standIns;
  try {
    const end = Math.floor(REPORT_AT / DAY_MS) * DAY_MS;
    const seeded = await seedTable(
      dynamo.endpoint,
      env.TABLE_NAME,
      signInItems(scope, users, end, HISTORY_DAYS, { perDay: 4, worksOn: isWorkingDay }),
    );
    console.error(`report bench: seeded ${seeded.items} sign-ins in ${seeded.seconds.toFixed(1)} s`);
    const run = await runAlone<{ seconds: number; peakRssMb: number; report: string; chart: string }>(
      'report-run.ts',
      { ...process.env, ...env, BENCH_REPORT_AT: String(REPORT_AT) },
    );
    // A figure of a run that did not deliver would flatter the report: refuse it.
    if (run.report !== 'sent' || run.chart !== 'uploaded') {
      throw new Error(`report bench: the report was ${run.report} and its chart ${run.chart}`);
    }
    return { activeUsers: users, signInsRead: seeded.items, seconds: run.seconds, peakRssMb: run.peakRssMb };
  } finally {
    await standIns.stop();
  }
}
