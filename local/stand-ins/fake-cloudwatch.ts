/**
 * CloudWatch stand-in (no emulator exists): records PutMetricData and answers GetMetricData from
 * data points the test provides and from the data it accepted (as the service does), over the AWS
 * JSON 1.0 protocol `@aws-sdk/client-cloudwatch` speaks.
 */
import { AwsJsonError, type AwsJsonServer, startAwsJsonServer } from './fake-aws-json';

export interface RecordedDatum {
  namespace: string;
  name: string;
  /** Absent when the datum carries `values` and `counts` instead. */
  value: number;
  values?: number[];
  counts?: number[];
  unit: string | undefined;
  dimensions: Record<string, string>;
  /** Epoch seconds, as sent. */
  timestamp: number | undefined;
}

export interface SeriesPoint {
  /** Epoch ms. */
  at: number;
  value: number;
}

interface WireDimension {
  Name: string;
  Value: string;
}

interface WireQuery {
  Id: string;
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: WireDimension[] };
    Period: number;
    Stat: string;
  };
}

export interface FakeCloudWatch extends AwsJsonServer {
  /** Every datum of every PutMetricData request, in order. */
  putData(): RecordedDatum[];
  putRequests(): number;
  /**
   * After `after` more PutMetricData requests, refuses the next `times` with a client error the SDK
   * does not retry (every request is still recorded in `calls`; `putData` keeps only accepted ones).
   */
  refusePuts(options: { after?: number; times: number }): void;
  /** Data points GetMetricData answers for one metric (dimensions matched exactly), beside those put. */
  setSeries(namespace: string, name: string, dimensions: Record<string, string>, points: SeriesPoint[]): void;
}

function dimensionsOf(list: WireDimension[] | undefined): Record<string, string> {
  return Object.fromEntries((list ?? []).map(({ Name, Value }) => [Name, Value]));
}

function seriesKey(namespace: string, name: string, dimensions: Record<string, string>): string {
  const sorted = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([namespace, name, sorted]);
}

export async function startFakeCloudWatch(options: { pointsPerPage?: number } = {}): Promise<FakeCloudWatch> {
  const pointsPerPage = options.pointsPerPage ?? 100_800;
  const series = new Map<string, SeriesPoint[]>();
  let refusal = { after: 0, times: 0 };
  const refused = new Set<Record<string, unknown>>();
  const server = await startAwsJsonServer(
    { targetPrefix: 'GraniteServiceVersion20100801', contentType: 'application/x-amz-json-1.0' },
    {
      PutMetricData: (input) => {
        if (refusal.after > 0) {
          refusal.after -= 1;
          return {};
        }
        if (refusal.times === 0) return {};
        refusal.times -= 1;
        refused.add(input);
        throw new AwsJsonError('InvalidParameterValue', 'refused by the test');
      },
      GetMetricData: (input) => {
        const from = (input.StartTime as number) * 1000;
        const to = (input.EndTime as number) * 1000;
        // Pages hold at most `pointsPerPage` points per query, as GetMetricData pages long answers.
        const offset = input.NextToken === undefined ? 0 : Number(input.NextToken);
        let more = false;
        const results = (input.MetricDataQueries as WireQuery[]).map(({ Id, MetricStat }) => {
          const { Namespace, MetricName, Dimensions } = MetricStat.Metric;
          const key = seriesKey(Namespace, MetricName, dimensionsOf(Dimensions));
          const points = [...(series.get(key) ?? []), ...putPoints(key)]
            .filter((point) => point.at >= from && point.at < to)
            .sort((a, b) => b.at - a.at);
          const page = points.slice(offset, offset + pointsPerPage);
          const partial = points.length > offset + pointsPerPage;
          more ||= partial;
          return {
            Id,
            Label: MetricName,
            StatusCode: partial ? 'PartialData' : 'Complete',
            Timestamps: page.map((point) => point.at / 1000),
            Values: page.map((point) => point.value),
          };
        });
        return {
          MetricDataResults: results,
          ...(more ? { NextToken: String(offset + pointsPerPage) } : {}),
        };
      },
    },
  );
  const puts = () =>
    server.calls.filter((call) => call.operation === 'PutMetricData' && !refused.has(call.input));
  const putData = (): RecordedDatum[] =>
    puts().flatMap(({ input }) =>
      (input.MetricData as Record<string, unknown>[]).map((datum) => ({
        namespace: input.Namespace as string,
        name: datum.MetricName as string,
        value: datum.Value as number,
        values: datum.Values as number[] | undefined,
        counts: datum.Counts as number[] | undefined,
        unit: datum.Unit as string | undefined,
        dimensions: dimensionsOf(datum.Dimensions as WireDimension[] | undefined),
        timestamp: datum.Timestamp as number | undefined,
      })),
    );
  /** The accepted data of one metric as points (a distribution's sum as its value). */
  function putPoints(key: string): SeriesPoint[] {
    return putData()
      .filter((datum) => datum.timestamp !== undefined)
      .filter((datum) => seriesKey(datum.namespace, datum.name, datum.dimensions) === key)
      .map((datum) => ({
        at: (datum.timestamp as number) * 1000,
        value:
          datum.values === undefined
            ? datum.value
            : datum.values.reduce((sum, value, index) => sum + value * (datum.counts?.[index] ?? 1), 0),
      }));
  }
  return {
    ...server,
    putRequests: () => puts().length,
    putData,
    refusePuts: ({ after = 0, times }) => {
      refusal = { after, times };
    },
    setSeries: (namespace, name, dimensions, points) => {
      series.set(seriesKey(namespace, name, dimensions), points);
    },
  };
}
