/**
 * `relogin-monitor analyze --events FILE|- [--at ISO-8601] [--client-ids a,b] [--json] [--skip-invalid]
 * [--client-config FILE] [--proposed-validity-hours N]`: the scheduled check's replay over a JSON Lines
 * file (or standard input) of Cognito trigger events, read line by line; with the last two, the advice
 * of the scheduled check as well.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../adapters/system-clock';
import type { ActivityEvent, AdviceItem } from '../relogins';
import {
  type ActivitySummary,
  ActivitySummaryBuilder,
  HEAVY_WINDOW_HOURS,
  type HeavyUserRule,
  readTrackingSettings,
} from '../relogins';
import type { Clock } from '../shared/clock';
import { round } from '../shared/stats';
import { classifyAuthEvent, InvalidAuthEventError } from '../sign-ins';
import {
  ADVICE_OPTIONS,
  adviceFor,
  clientsToAnalyse,
  readAdviceRequest,
  renderAdvice,
} from './analyze-advice';
import { forEachEventLine, openEventSource, parseIsoTime } from './event-file';
import { type CliIo, EXIT, UsageError, writeLine } from './io';
import { SignInCollector } from './sign-in-collector';

export interface AnalyzeReport {
  totals: ActivitySummary['totals'];
  users: {
    user: string;
    logins: number;
    reLogins: number;
    refreshes: number;
    medianReLoginIntervalMinutes: number | null;
  }[];
  heavyUsers: string[];
  skippedLines?: number;
  advice?: AdviceItem[];
}

export function toReport(summary: ActivitySummary): AnalyzeReport {
  return {
    totals: summary.totals,
    users: summary.users.map(({ user, logins, reLogins, refreshes, medianReLoginIntervalMinutes }) => ({
      user,
      logins,
      reLogins,
      refreshes,
      medianReLoginIntervalMinutes:
        medianReLoginIntervalMinutes === null ? null : round(medianReLoginIntervalMinutes, 1),
    })),
    heavyUsers: summary.heavyUsers,
  };
}

function renderTable(report: AnalyzeReport, heavy: HeavyUserRule, ignoredEvents: number): string {
  const heavyUsers = new Set(report.heavyUsers);
  const header = ['user', 'logins', 're-logins', 'refreshes', 'median re-login interval', 'heavy'];
  const rows = report.users.map((user) => [
    user.user,
    String(user.logins),
    String(user.reLogins),
    String(user.refreshes),
    user.medianReLoginIntervalMinutes === null ? '-' : `${user.medianReLoginIntervalMinutes} min`,
    heavyUsers.has(user.user) ? 'yes' : '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const { totals } = report;
  return [
    format(header),
    format(widths.map((width) => '-'.repeat(width))),
    ...rows.map(format),
    '',
    `${totals.activeUsers} active users, ${totals.logins} logins, ${totals.reLogins} re-logins, ${totals.refreshes} refreshes.`,
    `${report.heavyUsers.length} heavy users (${heavy.minReLogins} or more re-logins in the ${heavy.windowHours} h up to ${new Date(heavy.windowEnd).toISOString()}).`,
    ...(ignoredEvents > 0
      ? [`${ignoredEvents} events ignored (other app clients, machine-to-machine tokens, other triggers).`]
      : []),
    ...(report.skippedLines ? [`${report.skippedLines} invalid lines skipped.`] : []),
  ].join('\n');
}

interface ReadEvents {
  collector: SignInCollector;
  /** Well-formed events the monitor does not track (other clients, M2M tokens, other triggers). */
  ignored: number;
  invalid: { line: number; reason: string }[];
  /** Epoch ms of the latest line, tracked or not; null for a file without events. */
  lastAt: number | null;
}

async function readEvents(
  path: string,
  io: CliIo,
  trackedClientIds: ReadonlySet<string>,
  options: { skipInvalid: boolean; now: number },
): Promise<ReadEvents> {
  const read: ReadEvents = { collector: new SignInCollector(), ignored: 0, invalid: [], lastAt: null };
  const source = await openEventSource(path, io.stdin);
  try {
    read.invalid = await forEachEventLine(source.stream, options, (at, event) => {
      let classification: ReturnType<typeof classifyAuthEvent>;
      try {
        classification = classifyAuthEvent(event, trackedClientIds);
      } catch (error) {
        if (error instanceof InvalidAuthEventError) throw new Error(`event: ${error.message}`);
        throw error;
      }
      read.lastAt = Math.max(read.lastAt ?? at, at);
      if (classification.tracked) read.collector.add(at, classification.signal);
      else read.ignored += 1;
    });
  } finally {
    await source.close();
  }
  return read;
}

export async function analyzeCommand(args: string[], io: CliIo, clock: Clock = systemClock): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      events: { type: 'string' },
      at: { type: 'string' },
      'client-ids': { type: 'string' },
      json: { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      ...ADVICE_OPTIONS,
    },
  });
  if (values.events === undefined) throw new UsageError('--events FILE is required (- reads standard input)');
  const atOption = values.at === undefined ? undefined : parseIsoTime(values.at);
  if (atOption === null)
    throw new UsageError(`--at must be an ISO-8601 time with a zone, got "${values.at}"`);

  const env =
    values['client-ids'] === undefined ? io.env : { ...io.env, ARGOCD_CLIENT_IDS: values['client-ids'] };
  const tracking = readTrackingSettings(env);
  const adviceRequest = await readAdviceRequest(values, io.env);
  const read = await readEvents(
    values.events,
    io,
    clientsToAnalyse(tracking.trackedClientIds, adviceRequest),
    {
      skipInvalid: values['skip-invalid'],
      now: clock.now().getTime(),
    },
  );
  for (const { line, reason } of read.invalid) writeLine(io.stderr, `skipped line ${line}: ${reason}`);

  const heavy: HeavyUserRule = {
    minReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    windowEnd: atOption ?? read.lastAt ?? 0,
  };
  const builder = new ActivitySummaryBuilder(heavy);
  // Only the advice's what-if needs every event; without it each is summarised and dropped.
  const kept: ActivityEvent[] = [];
  read.collector.replay(tracking.rules, (event) => {
    builder.add(event);
    if (adviceRequest) kept.push(event);
  });
  const summary = builder.result();
  const report: AnalyzeReport = {
    ...toReport(summary),
    ...(values['skip-invalid'] ? { skippedLines: read.invalid.length } : {}),
    ...(adviceRequest ? { advice: adviceFor(adviceRequest, kept, summary, tracking.heavyReLogins) } : {}),
  };
  const table = renderTable(report, heavy, read.ignored);
  const text = report.advice ? `${table}\n\n${renderAdvice(report.advice)}` : table;
  writeLine(io.stdout, values.json ? JSON.stringify(report) : text);
  return EXIT.ok;
}
