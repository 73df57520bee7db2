/** `relogin-monitor <command>`: dispatches to one subcommand and turns errors into exit codes. */
import { systemClock } from '../adapters/system-clock';
import { ConfigError, FlagValueError } from '../shared/config/env';
import { analyzeCommand } from './analyze';
import { inspectTokenCommand } from './inspect-token';
import { type CliIo, type Command, EXIT, UsageError, writeLine } from './io';
import { reportCommand } from './report';
import { simulateCommand } from './simulate';
import { upstreamCheckCommand } from './upstream-check';

const COMMANDS: Record<string, { run: Command; summary: string; synopsis: string }> = {
  analyze: {
    run: analyzeCommand,
    summary: 'replay a JSON Lines file of Cognito trigger events and report re-logins',
    synopsis:
      'analyze --events FILE [--at ISO-8601] [--client-ids a,b] [--json] [--skip-invalid] [--client-config FILE] [--proposed-validity-hours N]',
  },
  'upstream-check': {
    run: upstreamCheckCommand,
    summary: 'which Argo CD releases carry the refresh fix, and whether the deployed version has it',
    synopsis: 'upstream-check [--catalog FILE] [--deployed-version V | --argocd-url URL] [--json]',
  },
  report: {
    run: reportCommand,
    summary: 'the periodic report from a JSON Lines events file: report.md, report.html and the chart',
    synopsis:
      'report --events FILE --out DIR [--period week|day] [--at ISO-8601] [--timezone ZONE] [--client-config FILE]',
  },
  simulate: {
    run: simulateCommand,
    summary: 'the whole monitor on the local stack, fed by a simulated Argo CD team (npm start)',
    synopsis:
      'simulate [--scenario no-refresh|stopgap-8h|fixed|upgrade] [--users 12] [--days 5] [--hours-per-day 8] [--seed 1] [--start YYYY-MM-DD] [--out out] [--online] [--json]',
  },
  'inspect-token': {
    run: inspectTokenCommand,
    summary: 'verify an Argo CD ID token against its issuer and show whether it was refreshed',
    synopsis: 'inspect-token [TOKEN] [--issuer URL] [--json]   (or the token on stdin)',
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(16)} ${summary}`);
  return ['Usage: relogin-monitor <command> [options]', '', 'Commands:', ...lines].join('\n');
}

/** The bin's streams and environment; the clock is the system's unless a test fixes it. */
export type CliStart = Omit<CliIo, 'clock'> & { clock?: CliIo['clock'] };

export async function main(argv: string[], start: CliStart): Promise<number> {
  const io: CliIo = { ...start, clock: start.clock ?? systemClock };
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    writeLine(name === undefined ? io.stderr : io.stdout, usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    writeLine(io.stderr, `relogin-monitor: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  if (args.includes('--help') || args.includes('-h')) {
    writeLine(io.stdout, `Usage: relogin-monitor ${command.synopsis}\n\n${command.summary}; see README.md.`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof FlagValueError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      writeLine(io.stderr, `relogin-monitor ${name}: ${(error as Error).message}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      writeLine(io.stderr, `relogin-monitor ${name}: configuration: ${error.message}`);
      return EXIT.usage;
    }
    writeLine(io.stderr, `relogin-monitor ${name}: ${(error as Error).message ?? String(error)}`);
    return EXIT.failed;
  }
}
