/** In-memory MetricsPublisher: keeps every accepted request; refuses when scripted. */
import type { MetricDatum, MetricsPublisher } from '../../../src/shared/ports/metrics-publisher';
import { FakePort, type Timeline } from './script';

export interface PublishRequest {
  namespace: string;
  data: MetricDatum[];
}

export class FakeMetricsPublisher extends FakePort<'publish'> implements MetricsPublisher {
  /** The accepted requests, in order (a refused one is in `calls` only). */
  readonly requests: PublishRequest[] = [];

  constructor(timeline?: Timeline) {
    super('metrics', timeline);
  }

  async publish(namespace: string, data: readonly MetricDatum[]): Promise<void> {
    await this.enter('publish', [namespace, data]);
    this.requests.push({ namespace, data: structuredClone([...data]) });
  }

  /** Every accepted datum, in publishing order. */
  data(): MetricDatum[] {
    return this.requests.flatMap((request) => request.data);
  }

  /** The accepted values of metric `name`, in publishing order. */
  values(name: string): number[] {
    return this.data()
      .filter((datum) => datum.name === name)
      .map((datum) => datum.value);
  }
}
