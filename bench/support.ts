/** Small helpers the benchmarks share. */
import { percentile } from '../src/shared/stats';

export function describeTimings(label: string, samplesMs: number[]): string {
  const format = (p: number) => `${(percentile(samplesMs, p) ?? 0).toFixed(2)} ms`;
  return `${label}: n=${samplesMs.length} p50=${format(50)} p90=${format(90)} p99=${format(99)} max=${format(100)}`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
