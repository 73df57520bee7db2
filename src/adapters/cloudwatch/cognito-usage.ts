/**
 * CognitoUsageReader on GetMetricData: Cognito's own `SignInSuccesses` and `TokenRefreshSuccesses`
 * (namespace `AWS/Cognito`, dimensions `UserPool` and `UserPoolClient`), summed over the window.
 */
import {
  type CloudWatchClient,
  type MetricDataQuery,
  paginateGetMetricData,
} from '@aws-sdk/client-cloudwatch';
import type { CognitoUsage, CognitoUsageReader } from '../../relogins';
import { COGNITO_METRICS } from '../../shared/metric-catalog';

const PERIOD_SECONDS = 3600;
const QUERIES = {
  signIns: COGNITO_METRICS.signInSuccesses,
  refreshes: COGNITO_METRICS.tokenRefreshSuccesses,
} as const;

export class CloudWatchCognitoUsage implements CognitoUsageReader {
  constructor(private readonly client: CloudWatchClient) {}

  async read(
    scope: { userPoolId: string; clientId: string },
    from: number,
    to: number,
  ): Promise<CognitoUsage> {
    const queries: MetricDataQuery[] = Object.entries(QUERIES).map(([id, metricName]) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Cognito',
          MetricName: metricName,
          Dimensions: [
            { Name: 'UserPool', Value: scope.userPoolId },
            { Name: 'UserPoolClient', Value: scope.clientId },
          ],
        },
        Period: PERIOD_SECONDS,
        Stat: 'Sum',
      },
    }));
    const sums: Record<string, number> = { signIns: 0, refreshes: 0 };
    const pages = paginateGetMetricData(
      { client: this.client },
      { MetricDataQueries: queries, StartTime: new Date(from), EndTime: new Date(to) },
    );
    for await (const page of pages) {
      for (const result of page.MetricDataResults ?? []) {
        if (result.Id === undefined) continue;
        sums[result.Id] =
          (sums[result.Id] ?? 0) + (result.Values ?? []).reduce((sum, value) => sum + value, 0);
      }
    }
    return { signInSuccesses: sums.signIns ?? 0, tokenRefreshSuccesses: sums.refreshes ?? 0 };
  }
}
