/**
 * The classified metrics of completed hours, from the replayed activity: which hours are due, and each
 * hour's data with that hour's timestamp. Pure; `publish-hourly-metrics.ts` makes it exactly once.
 */

import { METRICS, metricDatum, type PublishedMetric } from '../../shared/metric-catalog';
import type { MetricDatum } from '../../shared/ports/metrics-publisher';
import { round } from '../../shared/stats';
import { type ActivityEvent, isLogin } from './activity';

export const HOUR_MS = 3_600_000;

/** How far back a run catches up on hours that earlier runs failed to publish. */
export const MAX_CATCH_UP_HOURS = 24;

/** What the ledger keeps per pool and client: every hour before this (epoch ms) is published. */
export interface HourlyMetricsState {
  publishedThrough: number;
}

/**
 * Start (epoch ms) of each completed hour not yet published, oldest first: after `previous` (or, on the
 * very first run, only the last completed hour), at most MAX_CATCH_UP_HOURS back.
 */
export function hoursDue(previous: HourlyMetricsState | null, now: number): number[] {
  const completedThrough = Math.floor(now / HOUR_MS) * HOUR_MS;
  const oldest = completedThrough - MAX_CATCH_UP_HOURS * HOUR_MS;
  const first = Math.max(previous?.publishedThrough ?? completedThrough - HOUR_MS, oldest);
  const hours: number[] = [];
  for (let hour = first; hour < completedThrough; hour += HOUR_MS) hours.push(hour);
  return hours;
}

/**
 * `Logins`, `ReLogins`, `TokenRefreshes` (zeros included, so alarms see a quiet hour as 0 rather than
 * missing data) and one `ReLoginInterval` value per re-login, for one client's events of the hour
 * [hour, hour + 1 h).
 */
export function hourData(
  events: readonly ActivityEvent[],
  hour: number,
  dimensions: Readonly<Record<string, string>>,
): MetricDatum[] {
  const inHour = events.filter((event) => event.at >= hour && event.at < hour + HOUR_MS);
  const datum = (metric: PublishedMetric, value: number) => metricDatum(metric, value, dimensions, hour);
  const reLogins = inHour.filter((event) => event.kind === 're-login');
  return [
    datum(METRICS.Logins, inHour.filter(isLogin).length),
    datum(METRICS.ReLogins, reLogins.length),
    datum(METRICS.TokenRefreshes, inHour.filter((event) => event.kind === 'refresh').length),
    // Minutes, in the catalogued unit None: CloudWatch has no minutes unit.
    ...reLogins.flatMap((event) =>
      event.intervalMinutes === null ? [] : [datum(METRICS.ReLoginInterval, round(event.intervalMinutes, 1))],
    ),
  ];
}
