/** Aggregate metrics pushed by the scheduled jobs (PutMetricData). One real implementation: `src/adapters/cloudwatch/`. */
export interface MetricDatum {
  name: string;
  value: number;
  /** CloudWatch has no minutes unit: minute-valued metrics use 'None' and say so in their name or docs. */
  unit: 'Count' | 'None' | 'Percent' | 'Seconds';
  dimensions: Readonly<Record<string, string>>;
  /** Epoch ms. */
  timestamp: number;
}

export interface MetricsPublisher {
  publish(namespace: string, data: readonly MetricDatum[]): Promise<void>;
}
