/** `relogin-monitor <command>`: dispatches to one subcommand and turns errors into exit codes. */
import { systemClock } from '../adapters/system-clock';
import { ConfigError, FlagValueError } from '../shared/config/env';
import { redact, secrets } from '../shared/redaction';
import { controlsEscaped, printable } from '../shared/safe-text';
import { type CliIo, type Command, EXIT, UsageError, writeLine } from './io';

/** A subcommand: its module is loaded only when it runs. */
export interface CommandEntry {
  load: () => Promise<Command>;
  summary: string;
  synopsis: string;
}

export type CommandTable = Readonly<Record<string, CommandEntry>>;

/**
 * The product's commands (the bin adds the development harness's `simulate`, see local/cli-commands.ts).
 * Each command's module is loaded when it runs: `analyze` need not carry the report's chart renderer
 * or the AWS clients (about 40 MB of resident memory).
 */
export const PRODUCT_COMMANDS: CommandTable = {
  analyze: {
    load: async () => (await import('./analyze')).analyzeCommand,
    summary: 'replay a JSON Lines file of Cognito trigger events and report re-logins',
    synopsis:
      'analyze --events FILE [--at ISO-8601] [--client-ids a,b] [--json] [--skip-invalid] [--client-config FILE] [--proposed-validity-hours N] [--locale en|ja]',
  },
  'upstream-check': {
    load: async () => (await import('./upstream-check')).upstreamCheckCommand,
    summary: 'which Argo CD releases carry the refresh fix, and whether the deployed version has it',
    synopsis:
      'upstream-check [--catalog FILE] [--deployed-version V | --argocd-url URL] [--json] [--locale en|ja]',
  },
  report: {
    load: async () => (await import('./report')).reportCommand,
    summary: 'the periodic report from a JSON Lines events file: report.md, report.html and the chart',
    synopsis:
      'report --events FILE --out DIR [--period week|day] [--at ISO-8601] [--timezone ZONE] [--client-config FILE] [--locale en|ja]',
  },
  attach: {
    load: async () => (await import('./attach')).attachCommand,
    summary: 'show what attaching the trigger changes in a user pool, or why it must not (exit 3)',
    synopsis:
      'attach --plan --function-arn ARN (--user-pool-description FILE | --user-pool-id ID | --user-pool-name NAME) [--region R] [--mode auto|chain|none|post-authentication] [--version V1_0|V2_0|V3_0] [--snippet-dir DIR] [--json] [--locale en|ja]',
  },
  doctor: {
    load: async () => (await import('./doctor')).doctorCommand,
    summary:
      'read-only readiness check: pool, app clients, Argo CD, Slack, GitHub; one line per check with the fix',
    synopsis:
      'doctor (--user-pool-id ID | --user-pool-name NAME) [--region R] [--function-arn ARN] [--client-ids a,b] [--argocd-url URL] [--slack-channels C1,C2] [--timeout-ms 5000] [--json] [--locale en|ja]',
  },
  'inspect-token': {
    load: async () => (await import('./inspect-token')).inspectTokenCommand,
    summary: 'verify an Argo CD ID token against its issuer and show whether it was refreshed',
    synopsis: 'inspect-token [TOKEN] [--issuer URL] [--json] [--locale en|ja]   (or the token on stdin)',
  },
};

/** The command named `name`: an own entry of the table only, never one inherited (`constructor`, `__proto__`). */
function commandNamed(commands: CommandTable, name: string): CommandEntry | undefined {
  return Object.hasOwn(commands, name) ? commands[name] : undefined;
}

function usage(commands: CommandTable): string {
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(16)} ${summary}`);
  return ['Usage: relogin-monitor <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** The bin's streams and environment; the clock is the system's unless a test fixes it. */
export type CliStart = Omit<CliIo, 'clock'> & { clock?: CliIo['clock'] };

export async function main(
  argv: string[],
  start: CliStart,
  commands: CommandTable = PRODUCT_COMMANDS,
): Promise<number> {
  const io: CliIo = { ...start, clock: start.clock ?? systemClock };
  // Whatever secret the environment holds is redacted from every line printed from here on.
  secrets.addFromEnvironment(io.env);
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    writeLine(name === undefined ? io.stderr : io.stdout, usage(commands));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = commandNamed(commands, name);
  if (command === undefined) {
    writeLine(io.stderr, `relogin-monitor: unknown command "${printable(name)}"\n\n${usage(commands)}`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    writeLine(io.stdout, `Usage: relogin-monitor ${command.synopsis}\n\n${command.summary}; see README.md.`);
    return EXIT.ok;
  }
  try {
    const run = await command.load();
    return await run(args, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof FlagValueError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      writeLine(io.stderr, `relogin-monitor ${name}: ${errorText(error)}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      writeLine(io.stderr, `relogin-monitor ${name}: configuration: ${errorText(error)}`);
      return EXIT.usage;
    }
    writeLine(io.stderr, `relogin-monitor ${name}: ${errorText(error)}`);
    return EXIT.failed;
  }
}

/**
 * An error's message as one printable line, redacted before anything could cut it: errors quote outside
 * text (a file's bytes, a server's answer) and must neither act on the terminal nor carry a secret.
 */
function errorText(error: unknown): string {
  return controlsEscaped(redact((error as Error | undefined)?.message ?? String(error)));
}
