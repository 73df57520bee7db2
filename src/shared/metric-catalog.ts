/**
 * The one catalog of metric names and units. Its data is `metric-catalog.json`, so that the code that
 * emits a metric (through this module) and the dashboard and alarms (`infra/observability.cjs`, plain
 * CommonJS that osls loads and that cannot import TypeScript) read the very same list. A name that is not
 * in the JSON does not type-check here and fails `osls package` there.
 */
import type { Metrics } from '@aws-lambda-powertools/metrics';
import catalogJson from './metric-catalog.json' with { type: 'json' };
import type { MetricDatum } from './ports/metrics-publisher';

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

function fail(path: string, problem: string): never {
  throw new Error(`metric catalog: ${path} ${problem}`);
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Record<string, unknown>;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    fail(path, `must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

function dimensionNames(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.length === 0) fail(path, 'must be a non-empty list of dimension names');
  const names = value.map((name, index) => text(name, `${path}[${index}]`));
  if (new Set(names).size !== names.length) fail(path, `repeats a dimension: ${names.join(', ')}`);
  return names;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, path: string): T {
  if (!allowed.includes(value as T)) {
    fail(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function publishedMetric(name: string, raw: unknown): PublishedMetric {
  const path = `published.${name}`;
  const entry = record(raw, path);
  const publishedBy = entry.publishedBy;
  if (!Array.isArray(publishedBy) || publishedBy.length === 0) {
    fail(`${path}.publishedBy`, 'must list at least one publishing function');
  }
  return {
    name,
    unit: oneOf(UNITS, entry.unit, `${path}.unit`),
    publishedBy: publishedBy.map((item, index) => {
      const publication = record(item, `${path}.publishedBy[${index}]`);
      return {
        function: oneOf(FUNCTIONS, publication.function, `${path}.publishedBy[${index}].function`),
        dimensions: dimensionNames(publication.dimensions, `${path}.publishedBy[${index}].dimensions`),
      };
    }),
    meaning: text(entry.meaning, `${path}.meaning`),
  };
}

function awsMetric(namespace: string, name: string, raw: unknown): AwsMetric {
  const path = `readFromAws.${namespace}.${name}`;
  const entry = record(raw, path);
  return {
    name,
    dimensions: dimensionNames(entry.dimensions, `${path}.dimensions`),
    meaning: text(entry.meaning, `${path}.meaning`),
  };
}

/** Validates the catalog's JSON; exported so a test can prove a bad entry is refused with its path. */
export function parseMetricCatalog(raw: unknown): MetricCatalog {
  const root = record(raw, '(root)');
  const published = Object.entries(record(root.published, 'published')).map(
    ([name, entry]) => [name, publishedMetric(name, entry)] as const,
  );
  const readFromAws = Object.entries(record(root.readFromAws, 'readFromAws')).map(([namespace, metrics]) => {
    if (!namespace.startsWith('AWS/')) fail(`readFromAws.${namespace}`, 'must be an AWS/ namespace');
    const entries = Object.entries(record(metrics, `readFromAws.${namespace}`));
    return [
      namespace,
      Object.fromEntries(entries.map(([name, entry]) => [name, awsMetric(namespace, name, entry)])),
    ];
  });
  return { published: Object.fromEntries(published), readFromAws: Object.fromEntries(readFromAws) };
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
