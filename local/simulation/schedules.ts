/**
 * When the scheduled functions run over the simulated span, as their deployed schedules would fire them:
 * the re-login check every hour (`rate(1 hour)`, here at five past), the upstream watch every 6 hours
 * (`rate(6 hours)`, just before the check of that hour), the report on Monday 09:00 UTC (the default
 * `REPORT_SCHEDULE`). Pure.
 */

import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/shared/durations';

export type ScheduledJob = 'upstream-watch' | 'relogin-check' | 'report';

export interface ScheduledRun {
  at: number;
  job: ScheduledJob;
}

const CHECK_MINUTE = 5;
const REPORT_HOUR = 9;

/** The first Monday 09:00 after `after`: the report that covers the simulated week. */
export function reportTimeAfter(after: number): number {
  const midnight = Math.floor(after / DAY_MS) * DAY_MS;
  for (let day = midnight; ; day += DAY_MS) {
    const at = day + REPORT_HOUR * HOUR_MS;
    if (new Date(day).getUTCDay() === 1 && at > after) return at;
  }
}

/** Every run from `from` up to and including the report at `reportAt`, in the order they fire. */
export function scheduledRuns(from: number, reportAt: number): ScheduledRun[] {
  const runs: ScheduledRun[] = [];
  for (let hour = Math.floor(from / HOUR_MS) * HOUR_MS; hour < reportAt; hour += HOUR_MS) {
    const at = hour + CHECK_MINUTE * MINUTE_MS;
    if (at < from || at >= reportAt) continue;
    if (new Date(hour).getUTCHours() % 6 === 0) runs.push({ at, job: 'upstream-watch' });
    runs.push({ at, job: 'relogin-check' });
  }
  // Reports of the Mondays after the first week (the monitor was deployed at `from`), the last one at `reportAt`.
  for (let at = reportTimeAfter(from + DAY_MS); at <= reportAt; at = reportTimeAfter(at))
    runs.push({ at, job: 'report' });
  return runs.sort((a, b) => a.at - b.at);
}
