/**
 * Where the functions' own output goes during a simulation: Powertools writes JSON log lines and EMF
 * metric lines to stdout/stderr, as on Lambda. Here the log lines go to a file (the CloudWatch Logs of
 * the run) and the EMF metrics are summed (what CloudWatch would extract from them), so the terminal
 * shows only the simulation itself, written through `terminal`.
 */
import { createWriteStream } from 'node:fs';
import { metricTotals } from '../stand-ins/emf';

export interface FunctionOutput {
  /** Writes to the real terminal while the functions' output is diverted. */
  terminal(text: string): void;
  /**
   * Runs `work` and gives back the lines written meanwhile (log and EMF lines alike), which go where
   * they always go too: one function's own output, as its Lambda's log agent would ship it.
   */
  during<T>(work: () => Promise<T>): Promise<{ result: T; lines: string[] }>;
  /** Sums of the EMF metrics written so far. */
  emfTotals(): Record<string, number>;
  /** Puts stdout and stderr back and closes the log file. */
  restore(): Promise<void>;
}

function emfLine(line: string): Record<string, unknown> | null {
  if (!line.includes('"_aws"')) return null;
  try {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    return '_aws' in parsed ? parsed : null;
  } catch {
    return null;
  }
}

export function divertFunctionOutput(logFile: string): FunctionOutput {
  const log = createWriteStream(logFile);
  const emf: Record<string, unknown>[] = [];
  const listeners = new Set<string[]>();
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  const divert = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = chunk.toString();
    for (const line of text.split('\n')) {
      if (line === '') continue;
      for (const lines of listeners) lines.push(line);
      const metrics = emfLine(line);
      if (metrics === null) log.write(`${line}\n`);
      else emf.push(metrics);
    }
    const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = divert as typeof process.stdout.write;
  process.stderr.write = divert as typeof process.stderr.write;
  let restored = false;
  return {
    terminal: (text) => {
      original.stdout.call(process.stdout, text);
    },
    during: async (work) => {
      const lines: string[] = [];
      listeners.add(lines);
      try {
        return { result: await work(), lines };
      } finally {
        listeners.delete(lines);
      }
    },
    emfTotals: () => metricTotals(emf),
    restore: async () => {
      if (restored) return;
      restored = true;
      process.stdout.write = original.stdout;
      process.stderr.write = original.stderr;
      await new Promise((resolve) => log.end(resolve));
    },
  };
}
