/**
 * UsageCounters on one GetMetricData: per app client, Cognito's `SignInSuccesses` and
 * `TokenRefreshSuccesses` (`AWS/Cognito`, dimensions `UserPool`, `UserPoolClient`) and the trigger's
 * `RecordFailures` (our namespace, dimensions `UserPoolId`, `ClientId`), hourly sums. Three queries a
 * client (GetMetricData takes 500: 166 clients); the answer pages only past 100,800 points a query.
 */
import { type CloudWatchClient, paginateGetMetricData } from '@aws-sdk/client-cloudwatch';
import type { ClientCounters, UsageCounters } from '../../coverage';
import { HOUR_MS } from '../../shared/durations';
import { COGNITO_METRICS, METRICS } from '../../shared/metric-catalog';
import { hourlySumQuery } from './metric-queries';

const SERIES = ['signInSuccesses', 'tokenRefreshSuccesses', 'recordFailures'] as const;
type SeriesName = (typeof SERIES)[number];

export class CloudWatchUsageCounters implements UsageCounters {
  constructor(private readonly client: CloudWatchClient) {}

  async read({
    userPoolId,
    clientIds,
    namespace,
    from,
    to,
  }: Parameters<UsageCounters['read']>[0]): Promise<Map<string, ClientCounters>> {
    const series = new Map<string, { clientId: string; name: SeriesName; hours: Map<number, number> }>();
    const queries = clientIds.flatMap((clientId, index) => {
      const cognito = { UserPool: userPoolId, UserPoolClient: clientId };
      const ours = { UserPoolId: userPoolId, ClientId: clientId };
      const built = [
        hourlySumQuery(`c${index}s`, 'AWS/Cognito', COGNITO_METRICS.signInSuccesses, cognito),
        hourlySumQuery(`c${index}r`, 'AWS/Cognito', COGNITO_METRICS.tokenRefreshSuccesses, cognito),
        hourlySumQuery(`c${index}f`, namespace, METRICS.RecordFailures.name, ours),
      ];
      built.forEach((item, position) => {
        series.set(item.Id as string, { clientId, name: SERIES[position] as SeriesName, hours: new Map() });
      });
      return built;
    });
    if (queries.length > 0) {
      const pages = paginateGetMetricData(
        { client: this.client },
        { MetricDataQueries: queries, StartTime: new Date(from), EndTime: new Date(to) },
      );
      for await (const page of pages) {
        for (const result of page.MetricDataResults ?? []) {
          const target = series.get(result.Id ?? '');
          if (target === undefined) continue;
          (result.Timestamps ?? []).forEach((timestamp, position) => {
            const hour = Math.floor(timestamp.getTime() / HOUR_MS) * HOUR_MS;
            target.hours.set(hour, (target.hours.get(hour) ?? 0) + (result.Values?.[position] ?? 0));
          });
        }
      }
    }
    const counters = new Map<string, ClientCounters>();
    for (const clientId of clientIds) {
      counters.set(clientId, {
        signInSuccesses: new Map(),
        tokenRefreshSuccesses: new Map(),
        recordFailures: new Map(),
      });
    }
    for (const { clientId, name, hours } of series.values()) {
      (counters.get(clientId) as Record<SeriesName, Map<number, number>>)[name] = hours;
    }
    return counters;
  }
}
