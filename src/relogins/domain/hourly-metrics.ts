/**
 * The classified metrics of completed hours, from the replayed activity: which hours are due, and each
 * hour's data with that hour's timestamp. Pure; `publish-hourly-metrics.ts` makes it exactly once.
 */

import { HOUR_MS } from '../../shared/durations';
import { METRICS, metricDatum, type PublishedMetric } from '../../shared/metric-catalog';
import type { MetricDatum } from '../../shared/ports/metrics-publisher';
import { round } from '../../shared/stats';
import { type ActivityEvent, isLogin } from './activity';

/** How far back a run catches up on hours that earlier runs failed to publish. */
export const MAX_CATCH_UP_HOURS = 24;

/**
 * How long after an hour's end its sign-ins count as all readable: the trigger writes a sign-in up to
 * TRIGGER_BUDGET_MS (under Cognito's 5 s) after it happened, and the log's Query is eventually
 * consistent (usually under a second behind). A minute covers both; an hourly schedule loses nothing.
 */
export const SETTLE_MS = 60_000;

/** What the ledger keeps per pool and client: every hour before this (epoch ms) is published. */
export interface HourlyMetricsState {
  publishedThrough: number;
}

/** End (epoch ms) of the last hour that ended at least SETTLE_MS before `now`. */
export function settledThrough(now: number): number {
  return Math.floor((now - SETTLE_MS) / HOUR_MS) * HOUR_MS;
}

/** Start (epoch ms) of the oldest hour a run at `now` may still publish: its read must reach back to it. */
export function oldestHourDue(now: number): number {
  return settledThrough(now) - MAX_CATCH_UP_HOURS * HOUR_MS;
}

/**
 * Start (epoch ms) of each settled hour not yet published, oldest first: after `previous` (or, on the
 * very first run, only the last settled hour), at most MAX_CATCH_UP_HOURS back, none ending after
 * `heldFrom` (hours the run holds back for a later one).
 */
export function hoursDue(
  previous: HourlyMetricsState | null,
  now: number,
  heldFrom = Number.POSITIVE_INFINITY,
): number[] {
  const through = Math.min(settledThrough(now), Math.floor(heldFrom / HOUR_MS) * HOUR_MS);
  const first = Math.max(previous?.publishedThrough ?? through - HOUR_MS, oldestHourDue(now));
  const hours: number[] = [];
  for (let hour = first; hour < through; hour += HOUR_MS) hours.push(hour);
  return hours;
}

/**
 * `Logins`, `ReLogins`, `TokenRefreshes` (zeros included, so alarms see a quiet hour as 0 rather than
 * missing data) and the `ReLoginInterval` of each re-login, for one client's events of the hour
 * [hour, hour + 1 h). The intervals come as one datum per distinct value with its count, in ascending
 * order, so that the hour stays one request however many users re-logged in (see MetricsPublisher).
 */
export function hourData(
  events: readonly ActivityEvent[],
  hour: number,
  dimensions: Readonly<Record<string, string>>,
): MetricDatum[] {
  const inHour = events.filter((event) => event.at >= hour && event.at < hour + HOUR_MS);
  const datum = (metric: PublishedMetric, value: number) => metricDatum(metric, value, dimensions, hour);
  const reLogins = inHour.filter((event) => event.kind === 're-login');
  const intervals = new Map<number, number>();
  for (const { intervalMinutes } of reLogins) {
    if (intervalMinutes === null) continue;
    // Minutes, in the catalogued unit None: CloudWatch has no minutes unit.
    const minutes = round(intervalMinutes, 1);
    intervals.set(minutes, (intervals.get(minutes) ?? 0) + 1);
  }
  return [
    datum(METRICS.Logins, inHour.filter(isLogin).length),
    datum(METRICS.ReLogins, reLogins.length),
    datum(METRICS.TokenRefreshes, inHour.filter((event) => event.kind === 'refresh').length),
    ...[...intervals]
      .sort(([a], [b]) => a - b)
      .map(([minutes, count]) => ({ ...datum(METRICS.ReLoginInterval, minutes), count })),
  ];
}
