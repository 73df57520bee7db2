/**
 * The one catalog of metric names and units. Its data is `metric-catalog.json`, so that the code that
 * emits a metric (through this module) and the dashboard and alarms (`infra/observability.cjs`, plain
 * CommonJS that osls loads and that cannot import TypeScript) read the very same list. A name that is not
 * in the JSON does not type-check here and fails `osls package` there.
 */
import type { Metrics } from '@aws-lambda-powertools/metrics';
import * as v from 'valibot';
import catalogJson from './metric-catalog.json' with { type: 'json' };
import type { MetricDatum } from './ports/metrics-publisher';
import { mustBe, oneOf, parseWith, shownValue, text } from './validation';

export type MetricUnit = MetricDatum['unit'];
const UNITS: readonly MetricUnit[] = ['Count', 'None', 'Percent', 'Seconds'];

/** The keys under `functions:` in serverless.yml. */
export type PublishingFunction = 'authEvent' | 'reloginCheck' | 'upstreamWatch' | 'report';
const FUNCTIONS: readonly PublishingFunction[] = ['authEvent', 'reloginCheck', 'upstreamWatch', 'report'];

export interface MetricPublication {
  function: PublishingFunction;
  /** The exact dimension set of the published series (no user ids: every value is a paid metric). */
  dimensions: readonly string[];
}

export interface PublishedMetric<N extends string = string> {
  name: N;
  unit: MetricUnit;
  publishedBy: readonly MetricPublication[];
  meaning: string;
}

export interface AwsMetric {
  name: string;
  dimensions: readonly string[];
  meaning: string;
}

export interface MetricCatalog {
  published: Readonly<Record<string, PublishedMetric>>;
  /** By AWS namespace (`AWS/Cognito`, `AWS/Lambda`): the metrics AWS publishes that we read. */
  readFromAws: Readonly<Record<string, Readonly<Record<string, AwsMetric>>>>;
}

export type PublishedMetricName = keyof typeof catalogJson.published;

const DIMENSIONS = v.pipe(
  v.array(text, mustBe('a non-empty list of dimension names')),
  v.nonEmpty(mustBe('a non-empty list of dimension names')),
  v.check(
    (names) => new Set(names).size === names.length,
    (issue) => `repeats a dimension: ${shownValue(issue.input)}`,
  ),
);

const PUBLISHED_METRIC = v.object({
  unit: oneOf(UNITS),
  publishedBy: v.pipe(
    v.array(v.object({ function: oneOf(FUNCTIONS), dimensions: DIMENSIONS })),
    v.nonEmpty('must list at least one publishing function'),
  ),
  meaning: text,
});

const AWS_METRIC = v.object({ dimensions: DIMENSIONS, meaning: text });

const CATALOG = v.object({
  published: v.record(v.string(), PUBLISHED_METRIC),
  readFromAws: v.record(
    v.pipe(v.string(), v.startsWith('AWS/', 'must be an AWS/ namespace')),
    v.record(v.string(), AWS_METRIC),
  ),
});

/** Each entry named after its key. */
function named<T>(entries: Record<string, T>): Record<string, T & { name: string }> {
  return Object.fromEntries(Object.entries(entries).map(([name, entry]) => [name, { name, ...entry }]));
}

/** Validates the catalog's JSON; exported so a test can prove a bad entry is refused with its path. */
export function parseMetricCatalog(raw: unknown): MetricCatalog {
  const catalog = parseWith(CATALOG, raw, (message) => new Error(`metric catalog: ${message}`));
  return {
    published: named(catalog.published),
    readFromAws: Object.fromEntries(
      Object.entries(catalog.readFromAws).map(([namespace, metrics]) => [namespace, named(metrics)]),
    ),
  };
}

export const METRIC_CATALOG: MetricCatalog = parseMetricCatalog(catalogJson);

/** Every metric we publish, by name: emitters write `METRICS.Logins`, never the bare string. */
export const METRICS = METRIC_CATALOG.published as {
  readonly [N in PublishedMetricName]: PublishedMetric<N>;
};

/** Cognito's own counts that the re-login check reads (GetMetricData). */
export const COGNITO_METRICS = {
  signInSuccesses: 'SignInSuccesses',
  tokenRefreshSuccesses: 'TokenRefreshSuccesses',
} as const satisfies Record<string, keyof (typeof catalogJson.readFromAws)['AWS/Cognito']>;

/** A PutMetricData datum of a catalogued metric, in its catalogued unit. */
export function metricDatum(
  metric: PublishedMetric,
  value: number,
  dimensions: Readonly<Record<string, string>>,
  timestamp: number,
): MetricDatum {
  return { name: metric.name, value, unit: metric.unit, dimensions, timestamp };
}

/** Adds a catalogued metric, in its catalogued unit, to the function's EMF metrics. */
export function addEmfMetric(
  metrics: Pick<Metrics, 'addMetric'>,
  metric: PublishedMetric,
  value: number,
): void {
  metrics.addMetric(metric.name, metric.unit, value);
}

/** The catalogued metrics one function publishes (for tools that summarise a function's output). */
export function metricsPublishedBy(fn: PublishingFunction): PublishedMetric[] {
  return Object.values(METRIC_CATALOG.published).filter((metric) =>
    metric.publishedBy.some((publication) => publication.function === fn),
  );
}
