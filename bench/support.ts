/** Small helpers the benchmarks share: percentiles of timings and quiet stdout while handlers log. */
import { percentile } from '../src/domain/stats';

export function describeTimings(label: string, samplesMs: number[]): string {
  const format = (p: number) => `${(percentile(samplesMs, p) ?? 0).toFixed(2)} ms`;
  return `${label}: n=${samplesMs.length} p50=${format(50)} p90=${format(90)} p99=${format(99)} max=${format(100)}`;
}

/** Runs `work` with process stdout/stderr swallowed (Powertools writes a line per invocation). */
export async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return await work();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
