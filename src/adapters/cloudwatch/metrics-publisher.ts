/**
 * MetricsPublisher on CloudWatch PutMetricData, split into requests within CloudWatch's limits:
 * at most 1000 metrics and 1 MB per request. The SDK gzips large bodies itself.
 */
import {
  type CloudWatchClient,
  PutMetricDataCommand,
  type MetricDatum as WireDatum,
} from '@aws-sdk/client-cloudwatch';
import type { MetricDatum, MetricsPublisher } from '../../shared/ports/metrics-publisher';

const MAX_METRICS_PER_REQUEST = 1000;
/** 1 MB less room for the namespace and the request envelope. */
export const MAX_REQUEST_BYTES = 1_000_000 - 16_384;

function toWire(datum: MetricDatum): WireDatum {
  return {
    MetricName: datum.name,
    Value: datum.value,
    Unit: datum.unit,
    Timestamp: new Date(datum.timestamp),
    Dimensions: Object.entries(datum.dimensions).map(([Name, Value]) => ({ Name, Value })),
  };
}

/** Groups data so that no request passes the count or the size limit (size as the JSON the SDK sends). */
function batches(data: readonly WireDatum[]): WireDatum[][] {
  const result: WireDatum[][] = [];
  let current: WireDatum[] = [];
  let bytes = 0;
  for (const datum of data) {
    const size = Buffer.byteLength(JSON.stringify({ ...datum, Timestamp: 0 })) + 1;
    if (
      current.length > 0 &&
      (current.length === MAX_METRICS_PER_REQUEST || bytes + size > MAX_REQUEST_BYTES)
    ) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(datum);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export class CloudWatchMetricsPublisher implements MetricsPublisher {
  constructor(private readonly client: CloudWatchClient) {}

  async publish(namespace: string, data: readonly MetricDatum[]): Promise<void> {
    for (const batch of batches(data.map(toWire))) {
      await this.client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch }));
    }
  }
}
