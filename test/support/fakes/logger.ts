/**
 * A logger that keeps its lines instead of writing them, for the use cases' `Pick<Logger, ...>`
 * dependency: tests assert on what an operator would read (level, message, fields).
 */
export interface LogLine {
  level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  message: string;
  [field: string]: unknown;
}

export class RecordingLogger {
  readonly lines: LogLine[] = [];

  debug(message: string, ...extra: unknown[]): void {
    this.record('DEBUG', message, extra);
  }

  info(message: string, ...extra: unknown[]): void {
    this.record('INFO', message, extra);
  }

  warn(message: string, ...extra: unknown[]): void {
    this.record('WARN', message, extra);
  }

  error(message: string, ...extra: unknown[]): void {
    this.record('ERROR', message, extra);
  }

  /** The messages logged at `level`, in order. */
  messages(level: LogLine['level']): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }

  private record(level: LogLine['level'], message: string, extra: unknown[]): void {
    const fields = extra.filter(
      (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
    );
    this.lines.push(Object.assign({}, ...fields, { level, message }));
  }
}
