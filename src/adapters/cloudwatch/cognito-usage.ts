/**
 * CognitoUsageReader on GetMetricData: Cognito's own `SignInSuccesses` and `TokenRefreshSuccesses`
 * (namespace `AWS/Cognito`, dimensions `UserPool` and `UserPoolClient`), summed over the window.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CognitoUsage, CognitoUsageReader } from '../../relogins';
import { COGNITO_METRICS } from '../../shared/metric-catalog';
import { hourlySumQuery, sumsOver } from './metric-queries';

export class CloudWatchCognitoUsage implements CognitoUsageReader {
  constructor(private readonly client: CloudWatchClient) {}

  async read(
    scope: { userPoolId: string; clientId: string },
    from: number,
    to: number,
  ): Promise<CognitoUsage> {
    const dimensions = { UserPool: scope.userPoolId, UserPoolClient: scope.clientId };
    const sums = await sumsOver(
      this.client,
      [
        hourlySumQuery('signIns', 'AWS/Cognito', COGNITO_METRICS.signInSuccesses, dimensions),
        hourlySumQuery('refreshes', 'AWS/Cognito', COGNITO_METRICS.tokenRefreshSuccesses, dimensions),
      ],
      from,
      to,
    );
    return { signInSuccesses: sums.signIns ?? 0, tokenRefreshSuccesses: sums.refreshes ?? 0 };
  }
}
