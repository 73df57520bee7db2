/**
 * MetricsPublisher on CloudWatch PutMetricData, split into requests within CloudWatch's limits:
 * at most 1000 metrics and 1 MB per request. The SDK gzips large bodies itself.
 *
 * Data of one series in a row become one wire datum of Values and Counts (at most 150 distinct values
 * each, CloudWatch's limit; percentiles still work on them, unlike statistic sets): an hour of 10,000
 * re-login intervals is a few dozen data, not 10,000, so it fits one request.
 */
import {
  type CloudWatchClient,
  PutMetricDataCommand,
  type MetricDatum as WireDatum,
} from '@aws-sdk/client-cloudwatch';
import type { MetricDatum, MetricsPublisher } from '../../shared/ports/metrics-publisher';

const MAX_METRICS_PER_REQUEST = 1000;
const MAX_VALUES_PER_DATUM = 150;
/** 1 MB less room for the namespace and the request envelope. */
export const MAX_REQUEST_BYTES = 1_000_000 - 16_384;

/** A run of data of one series, and how often each of its values occurred. */
interface Series {
  key: string;
  first: MetricDatum;
  counts: Map<number, number>;
}

function seriesKey(datum: MetricDatum): string {
  return JSON.stringify([datum.name, datum.unit, datum.timestamp, Object.entries(datum.dimensions)]);
}

/** The series as wire data: one Value when it holds a single occurrence, else Values and Counts. */
function toWire({ first, counts }: Series): WireDatum[] {
  const datum = {
    MetricName: first.name,
    Unit: first.unit,
    Timestamp: new Date(first.timestamp),
    Dimensions: Object.entries(first.dimensions).map(([Name, Value]) => ({ Name, Value })),
  };
  const entries = [...counts];
  const [single] = entries;
  if (entries.length === 1 && single?.[1] === 1) return [{ ...datum, Value: single[0] }];
  const wire: WireDatum[] = [];
  for (let start = 0; start < entries.length; start += MAX_VALUES_PER_DATUM) {
    const chunk = entries.slice(start, start + MAX_VALUES_PER_DATUM);
    wire.push({ ...datum, Values: chunk.map(([value]) => value), Counts: chunk.map(([, count]) => count) });
  }
  return wire;
}

/** Each run of data of one series as wire data of at most 150 distinct values apiece, in order. */
function wireData(data: readonly MetricDatum[]): WireDatum[] {
  const runs: Series[] = [];
  for (const datum of data) {
    const key = seriesKey(datum);
    let series = runs.at(-1);
    if (series?.key !== key) {
      series = { key, first: datum, counts: new Map() };
      runs.push(series);
    }
    series.counts.set(datum.value, (series.counts.get(datum.value) ?? 0) + (datum.count ?? 1));
  }
  return runs.flatMap(toWire);
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
    for (const batch of batches(wireData(data))) {
      await this.client.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: batch }));
    }
  }
}
