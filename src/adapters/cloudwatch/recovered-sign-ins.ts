/** RecoveredSignInsReader on GetMetricData: the re-login check's `RecoveredSignIns` (our namespace), summed. */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { RecoveredSignInsReader } from '../../coverage';
import { METRICS } from '../../shared/metric-catalog';
import { hourlySumQuery, sumsOver } from './metric-queries';

export class CloudWatchRecoveredSignIns implements RecoveredSignInsReader {
  constructor(private readonly client: CloudWatchClient) {}

  async total({ userPoolId, clientId, namespace, from, to }: Parameters<RecoveredSignInsReader['total']>[0]) {
    const dimensions = { UserPoolId: userPoolId, ClientId: clientId };
    const query = hourlySumQuery('recovered', namespace, METRICS.RecoveredSignIns.name, dimensions);
    const sums = await sumsOver(this.client, [query], from, to);
    return sums.recovered ?? 0;
  }
}
