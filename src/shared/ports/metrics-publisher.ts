/** Aggregate metrics pushed by the scheduled jobs (PutMetricData). One real implementation: `src/adapters/cloudwatch/`. */
export interface MetricDatum {
  name: string;
  value: number;
  /** CloudWatch has no minutes unit: minute-valued metrics use 'None' and say so in their name or docs. */
  unit: 'Count' | 'None' | 'Percent' | 'Seconds';
  dimensions: Readonly<Record<string, string>>;
  /** Epoch ms. */
  timestamp: number;
  /** How many times `value` occurred in the period (CloudWatch's `Counts`); 1 when absent. */
  count?: number;
}

export interface MetricsPublisher {
  /**
   * Publishes `data` in order. Data of one series in a row (name, unit, dimensions, timestamp) go out
   * as one CloudWatch datum of Values and Counts. A publish within the limits of one request (1,000 such
   * data, 1 MB) is one request, accepted or refused whole; a larger one is split, and a refused request
   * leaves the earlier ones published.
   */
  publish(namespace: string, data: readonly MetricDatum[]): Promise<void>;
}
