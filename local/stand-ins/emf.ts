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

/** Sum of each metric's values over the captured EMF lines. */
export function metricTotals(metrics: Record<string, unknown>[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const line of metrics) {
    const definitions = (line._aws as { CloudWatchMetrics: { Metrics: { Name: string }[] }[] })
      .CloudWatchMetrics;
    for (const { Name } of definitions.flatMap((definition) => definition.Metrics)) {
      const value = line[Name];
      const values = Array.isArray(value) ? value : [value];
      totals[Name] = (totals[Name] ?? 0) + values.reduce((sum: number, item) => sum + Number(item), 0);
    }
  }
  return totals;
}
