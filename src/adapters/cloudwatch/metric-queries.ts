/** GetMetricData pieces the CloudWatch readers share: an hourly Sum query, and the sums over a window. */
import {
  type CloudWatchClient,
  type MetricDataQuery,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import { HOUR_MS } from '../../shared/durations';

export function hourlySumQuery(
  id: string,
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: namespace,
        MetricName: metricName,
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: HOUR_MS / 1000,
      Stat: 'Sum',
    },
  };
}

/** Each query's values summed over [from, to), by query id (0 for a query with no data). */
export async function sumsOver(
  client: CloudWatchClient,
  queries: readonly MetricDataQuery[],
  from: number,
  to: number,
): Promise<Record<string, number>> {
  const sums: Record<string, number> = Object.fromEntries(queries.map((query) => [query.Id, 0]));
  const pages = paginateGetMetricData(
    { client },
    { MetricDataQueries: [...queries], StartTime: new Date(from), EndTime: new Date(to) },
  );
  for await (const page of pages) {
    for (const result of page.MetricDataResults ?? []) {
      if (result.Id === undefined) continue;
      sums[result.Id] = (sums[result.Id] ?? 0) + (result.Values ?? []).reduce((sum, value) => sum + value, 0);
    }
  }
  return sums;
}
