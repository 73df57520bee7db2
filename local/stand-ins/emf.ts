/**
 * Captures what Powertools writes (EMF metric lines on stdout, JSON log lines on stdout or stderr)
 * during a call. Plain Node, so tests, benchmarks and the local stack share it.
 */

export interface CapturedOutput {
  metrics: Record<string, unknown>[];
  logs: Record<string, unknown>[];
}

export async function captureOutput<T>(
  work: () => Promise<T>,
): Promise<{ result: T; output: CapturedOutput }> {
  const lines: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    return true;
  };
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = record as typeof process.stdout.write;
  process.stderr.write = record as typeof process.stderr.write;
  try {
    const result = await work();
    const parsed = lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
    return {
      result,
      output: {
        metrics: parsed.filter((line) => '_aws' in line),
        logs: parsed.filter((line) => !('_aws' in line)),
      },
    };
  } finally {
    process.stdout.write = original.stdout;
    process.stderr.write = original.stderr;
  }
}

interface EmfDirective {
  Namespace: string;
  Dimensions?: string[][];
  Metrics: { Name: string }[];
}

/** One metric value of an EMF line, with the namespace and each dimension set CloudWatch files it under. */
export interface EmfValue {
  namespace: string;
  name: string;
  /** One entry per dimension set of the directive (none: no dimensions). */
  dimensionSets: Record<string, string>[];
  value: number;
}

/** What CloudWatch extracts from one EMF line. */
export function emfValues(line: Record<string, unknown>): EmfValue[] {
  const directives = (line._aws as { CloudWatchMetrics: EmfDirective[] }).CloudWatchMetrics;
  return directives.flatMap((directive) => {
    const dimensionSets = (directive.Dimensions ?? [[]]).map((names) =>
      Object.fromEntries(names.map((name) => [name, String(line[name])])),
    );
    return directive.Metrics.map(({ Name }) => {
      const value = line[Name];
      const values = Array.isArray(value) ? value : [value];
      return {
        namespace: directive.Namespace,
        name: Name,
        dimensionSets,
        value: values.reduce((sum: number, item) => sum + Number(item), 0),
      };
    });
  });
}

/** Sum of each metric's values over the captured EMF lines. */
export function metricTotals(metrics: Record<string, unknown>[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const { name, value } of metrics.flatMap(emfValues)) totals[name] = (totals[name] ?? 0) + value;
  return totals;
}
