/** The metric catalog: validated on load, used by every emitter, and nothing in it that no code emits. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  addEmfMetric,
  METRICS,
  metricDatum,
  metricsPublishedBy,
  parseMetricCatalog,
} from '../../../src/shared/metric-catalog';
import catalogJson from '../../../src/shared/metric-catalog.json' with { type: 'json' };

/** A copy of the real catalog with one published entry replaced. */
function withPublished(name: string, entry: unknown): unknown {
  return { ...catalogJson, published: { ...catalogJson.published, [name]: entry } };
}

const logins = catalogJson.published.Logins;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('Module: src/shared/metric-catalog', () => {
  it('should load the catalog with every metric named after its key, in a CloudWatch unit', () => {
    expect(Object.keys(METRICS)).toEqual(Object.keys(catalogJson.published));
    for (const [name, metric] of Object.entries(METRICS)) {
      expect(metric.name).toBe(name);
      expect(['Count', 'None', 'Percent', 'Seconds']).toContain(metric.unit);
      expect(metric.publishedBy.length).toBeGreaterThan(0);
    }
    expect(METRICS.ReLoginInterval.unit).toBe('None');
    expect(METRICS.AlertFailures.publishedBy.map((publication) => publication.dimensions)).toEqual([
      ['UserPoolId', 'ClientId'],
      ['FixId'],
      ['UserPoolId'],
    ]);
  });

  it.each([
    [
      'a unit CloudWatch does not have',
      { ...logins, unit: 'Minutes' },
      'published.Logins.unit must be one of',
    ],
    ['no publisher', { ...logins, publishedBy: [] }, 'published.Logins.publishedBy must list at least one'],
    [
      'a function serverless.yml does not define',
      { ...logins, publishedBy: [{ function: 'authEvents', dimensions: ['UserPoolId'] }] },
      'published.Logins.publishedBy[0].function must be one of authEvent, reloginCheck, upstreamWatch, report, got "authEvents"',
    ],
    [
      'a repeated dimension',
      { ...logins, publishedBy: [{ function: 'authEvent', dimensions: ['ClientId', 'ClientId'] }] },
      'published.Logins.publishedBy[0].dimensions repeats a dimension',
    ],
    ['no meaning', { ...logins, meaning: ' ' }, 'published.Logins.meaning must be a non-empty string'],
  ])('should refuse an entry with %s, naming where it is', (_case, entry, message) => {
    expect(() => parseMetricCatalog(withPublished('Logins', entry))).toThrow(`metric catalog: ${message}`);
  });

  it('should refuse AWS metrics outside an AWS/ namespace', () => {
    const raw = { ...catalogJson, readFromAws: { 'ArgoCD/Auth': catalogJson.readFromAws['AWS/Lambda'] } };
    expect(() => parseMetricCatalog(raw)).toThrow(
      'metric catalog: readFromAws.ArgoCD/Auth must be an AWS/ namespace',
    );
  });

  it('should build PutMetricData data and EMF metrics in the catalogued unit', () => {
    expect(metricDatum(METRICS.EstimatedMinutesLost, 4.5, { UserPoolId: 'p', ClientId: 'c' }, 1_000)).toEqual(
      {
        name: 'EstimatedMinutesLost',
        value: 4.5,
        unit: 'None',
        dimensions: { UserPoolId: 'p', ClientId: 'c' },
        timestamp: 1_000,
      },
    );
    const added: unknown[][] = [];
    const emf = {
      addMetric: (...args: unknown[]) => {
        added.push(args);
        return emf as never;
      },
    };
    addEmfMetric(emf, METRICS.ReLogins, 1);
    expect(added).toEqual([['ReLogins', 'Count', 1]]);
  });

  it('should list the metrics one function publishes', () => {
    expect(metricsPublishedBy('upstreamWatch').map((metric) => metric.name)).toEqual([
      'AlertFailures',
      'UpstreamFixReleased',
      'DeployedHasFix',
    ]);
  });

  // The other half of "the dashboard names only what is published": the catalog lists only what code emits.
  it('should list no metric that no code under src/ emits through METRICS', () => {
    const sources = sourceFiles(fileURLToPath(new URL('../../../src', import.meta.url)))
      .filter((path) => !path.endsWith('metric-catalog.ts'))
      .map((path) => readFileSync(path, 'utf8'))
      .join('\n');
    const unused = Object.keys(METRICS).filter(
      (name) => !new RegExp(`\\bMETRICS\\.${name}\\b`).test(sources),
    );
    expect(unused).toEqual([]);
  });
});
