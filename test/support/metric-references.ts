/**
 * Finds every metric a CloudFormation template's dashboards and alarms read, and says which of them
 * nothing publishes: not in the metric catalog, or read by dimensions the catalog does not publish it
 * with. It fails closed: a query it cannot read is a problem too, never silently skipped.
 */
import type { MetricCatalog } from '../../src/shared/metric-catalog';

export interface MetricReference {
  /** Where it was found, for the problem message: `ReloginDashboard widget "title"`, `XAlarm`. */
  where: string;
  namespace: string;
  metric: string;
  /** The exact dimension names read, or 'any' for a query over every dimension set (`FROM "ns"`). */
  dimensions: readonly string[] | 'any';
}

type Resource = { Type: string; Properties?: Record<string, unknown> };
export type TemplateLike = { Resources: Record<string, Resource> };

const SEARCH = /SEARCH\(\s*'([^']*)'/g;
const SEARCH_SCHEMA = /^\s*\{([^}]*)\}/;
const SEARCH_METRIC_NAME = /MetricName\s*=\s*"([^"]+)"/;
const SELECT =
  /SELECT\s+\w+\(\s*"?([^")\s]+)"?\s*\)\s+FROM\s+(?:SCHEMA\(([^)]*)\)|"([^"]+)"|([A-Za-z0-9_/.-]+)(?![\w/.-]|\s*\())/gi;

const unquote = (part: string) => part.trim().replace(/^"(.*)"$/, '$1');
const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

/** The metrics one expression reads (SEARCH and Metrics Insights); a math expression over ids reads none. */
function expressionReferences(
  where: string,
  expression: string,
): { references: MetricReference[]; problems: string[] } {
  const references: MetricReference[] = [];
  const problems: string[] = [];
  const searches = [...expression.matchAll(SEARCH)];
  const selects = [...expression.matchAll(SELECT)];
  if (
    searches.length !== count(expression, /\bSEARCH\s*\(/gi) ||
    selects.length !== count(expression, /\bSELECT\b/gi)
  ) {
    problems.push(`${where}: cannot read the metric query in ${expression}`);
  }
  for (const [, query = ''] of searches) {
    const schema = SEARCH_SCHEMA.exec(query)?.[1];
    const metric = SEARCH_METRIC_NAME.exec(query)?.[1];
    if (schema === undefined || metric === undefined) {
      problems.push(
        `${where}: cannot tell which metric SEARCH('${query}') reads (give {namespace,...} and MetricName="...")`,
      );
      continue;
    }
    const [namespace = '', ...dimensions] = schema.split(',').map(unquote);
    references.push({ where, namespace, metric, dimensions });
  }
  for (const [, metric = '', schema, quoted, bare] of selects) {
    if (schema !== undefined) {
      const [namespace = '', ...dimensions] = schema.split(',').map(unquote);
      references.push({ where, namespace, metric, dimensions });
    } else {
      references.push({ where, namespace: quoted ?? bare ?? '', metric, dimensions: 'any' });
    }
  }
  return { references, problems };
}

/** CloudFormation's Fn::Sub, as far as a dashboard body needs it: its own variables, then pseudo parameters. */
function renderSub(body: unknown): string {
  if (typeof body === 'string') return body;
  const sub = (body as { 'Fn::Sub'?: unknown })['Fn::Sub'];
  const [template, variables] = Array.isArray(sub) ? sub : [sub, {}];
  if (typeof template !== 'string') throw new Error(`unsupported DashboardBody ${JSON.stringify(body)}`);
  return template.replaceAll(/\$\{([^}]+)\}/g, (_whole, name: string) => {
    const value = (variables as Record<string, unknown>)[name];
    if (typeof value === 'string') return value;
    if (name.startsWith('AWS::')) return 'pseudo-parameter';
    throw new Error(`DashboardBody uses \${${name}}, which its Fn::Sub does not define`);
  });
}

type MetricRow = unknown[];

/** A dashboard's metric rows: `[{ expression }]` or `[namespace, name, dim, value, ..., { options }]`, `"."` repeating the row above. */
function dashboardReferences(id: string, body: unknown) {
  const references: MetricReference[] = [];
  const problems: string[] = [];
  const dashboard = JSON.parse(renderSub(body)) as {
    widgets?: { properties?: { title?: string; metrics?: MetricRow[] } }[];
  };
  for (const widget of dashboard.widgets ?? []) {
    const where = `${id} widget "${widget.properties?.title ?? '(untitled)'}"`;
    let previous: unknown[] = [];
    for (const row of widget.properties?.metrics ?? []) {
      const options = row.at(-1);
      if (typeof options === 'object' && options !== null && 'expression' in options) {
        const found = expressionReferences(where, String((options as { expression: unknown }).expression));
        references.push(...found.references);
        problems.push(...found.problems);
        continue;
      }
      const parts = row
        .filter((part) => typeof part === 'string')
        .map((part, index) => (part === '.' ? previous[index] : part)) as string[];
      previous = parts;
      const [namespace, metric, ...pairs] = parts;
      if (namespace === undefined || metric === undefined) {
        problems.push(`${where}: cannot read the metric row ${JSON.stringify(row)}`);
        continue;
      }
      references.push({ where, namespace, metric, dimensions: pairs.filter((_, index) => index % 2 === 0) });
    }
  }
  return { references, problems };
}

type AlarmMetric = { Namespace?: string; MetricName?: string; Dimensions?: { Name: string }[] };

function alarmReferences(id: string, properties: Record<string, unknown>) {
  const references: MetricReference[] = [];
  const problems: string[] = [];
  const metric = (where: string, source: AlarmMetric) => {
    if (typeof source.Namespace !== 'string' || typeof source.MetricName !== 'string') {
      problems.push(`${where}: cannot read the alarm's metric ${JSON.stringify(source)}`);
      return;
    }
    const dimensions = (source.Dimensions ?? []).map((dimension) => dimension.Name);
    references.push({ where, namespace: source.Namespace, metric: source.MetricName, dimensions });
  };
  if (properties.MetricName !== undefined) metric(id, properties as AlarmMetric);
  for (const query of (properties.Metrics ?? []) as {
    Expression?: string;
    MetricStat?: { Metric: AlarmMetric };
  }[]) {
    if (query.MetricStat !== undefined) metric(id, query.MetricStat.Metric);
    if (query.Expression !== undefined) {
      const found = expressionReferences(id, query.Expression);
      references.push(...found.references);
      problems.push(...found.problems);
    }
  }
  return { references, problems };
}

/** Every metric the template's dashboards and alarms read, and what could not be read. */
export function metricReferences(template: TemplateLike): {
  references: MetricReference[];
  problems: string[];
} {
  const references: MetricReference[] = [];
  const problems: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const properties = resource.Properties ?? {};
    const found =
      resource.Type === 'AWS::CloudWatch::Dashboard'
        ? dashboardReferences(id, properties.DashboardBody)
        : resource.Type === 'AWS::CloudWatch::Alarm'
          ? alarmReferences(id, properties)
          : { references: [], problems: [] };
    references.push(...found.references);
    problems.push(...found.problems);
  }
  return { references, problems };
}

const sameSet = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length && left.every((name) => right.includes(name));

function referenceProblem(
  reference: MetricReference,
  catalog: MetricCatalog,
  namespace: string,
): string | null {
  const { where, metric, dimensions } = reference;
  const read = dimensions === 'any' ? 'any dimensions' : `dimensions [${dimensions.join(', ')}]`;
  let publishedSets: readonly (readonly string[])[];
  if (reference.namespace === namespace) {
    const published = catalog.published[metric];
    if (published === undefined) return `${where}: ${metric} is in no catalog entry: nothing publishes it`;
    publishedSets = published.publishedBy.map((publication) => publication.dimensions);
  } else if (reference.namespace in catalog.readFromAws) {
    const fromAws = catalog.readFromAws[reference.namespace]?.[metric];
    if (fromAws === undefined)
      return `${where}: ${reference.namespace} ${metric} is not in the catalog's readFromAws`;
    publishedSets = [fromAws.dimensions];
  } else {
    return `${where}: namespace ${reference.namespace} (${metric}) is neither METRICS_NAMESPACE (${namespace}) nor an AWS namespace in the catalog`;
  }
  if (dimensions === 'any' || publishedSets.some((set) => sameSet(set, dimensions))) return null;
  const sets = publishedSets.map((set) => `[${set.join(', ')}]`).join(' or ');
  return `${where}: ${metric} is read by ${read} but published only by ${sets}`;
}

/** What the template's dashboards and alarms read that nothing publishes; empty when all is catalogued. */
export function unpublishedMetricProblems(
  template: TemplateLike,
  catalog: MetricCatalog,
  namespace: string,
): string[] {
  const { references, problems } = metricReferences(template);
  return [
    ...problems,
    ...references.flatMap((reference) => referenceProblem(reference, catalog, namespace) ?? []),
  ];
}
