import type { Clock } from '../shared/clock';
import type { Env } from '../shared/config/env';
import { redact } from '../shared/redaction';
import { controlsEscaped } from '../shared/safe-text';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: Env;
  /** The system clock from the bin; a fixed one in tests. */
  clock: Clock;
}

/** Exit codes shared by every subcommand; subcommands may add their own above these. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

/**
 * Every line a command prints goes through here, redacted: no secret the process holds is printed.
 * It is also the last guard of the terminal: a control character a caller left in (a path from the
 * command line, say) is shown escaped; the line breaks the text means to have are kept.
 */
export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  const lines = redact(text).split('\n').map(controlsEscaped);
  stream.write(`${lines.join('\n')}\n`);
}
