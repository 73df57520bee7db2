/**
 * `relogin-monitor analyze --events FILE|- [--at ISO-8601] [--client-ids a,b] [--json] [--skip-invalid]
 * [--client-config FILE] [--proposed-validity-hours N]`: the scheduled check's replay over a JSON Lines
 * file (or standard input) of Cognito trigger events, read line by line; with the last two, the advice
 * of the scheduled check as well.
 */
import { parseArgs } from 'node:util';
import type { ActivityEvent, AdviceItem } from '../relogins';
import {
  type ActivitySummary,
  ActivitySummaryBuilder,
  HEAVY_WINDOW_HOURS,
  type HeavyUserRule,
  readTrackingSettings,
} from '../relogins';
import { parseList } from '../shared/config/env';
import { round } from '../shared/stats';
import {
  ADVICE_OPTIONS,
  adviceFor,
  clientsToAnalyse,
  readAdviceRequest,
  renderAdvice,
} from './analyze-advice';
import { parseIsoTime, readTrackedEvents } from './event-file';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

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

export async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
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

  const clientIds = values['client-ids'];
  const tracking = readTrackingSettings(
    io.env,
    clientIds === undefined
      ? {}
      : { trackedClientIds: { value: parseList(clientIds), flag: '--client-ids' } },
  );
  const adviceRequest = await readAdviceRequest(values, io.env);
  const read = await readTrackedEvents(
    values.events,
    io.stdin,
    clientsToAnalyse(tracking.trackedClientIds, adviceRequest),
    {
      skipInvalid: values['skip-invalid'],
      now: io.clock.now().getTime(),
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
    ...(adviceRequest
      ? {
          advice: adviceFor(adviceRequest, kept, summary, {
            heavyReLogins: tracking.heavyReLogins,
            sessionHours: tracking.rules.sessionHours,
          }),
        }
      : {}),
  };
  const table = renderTable(report, heavy, read.ignored);
  const text = report.advice ? `${table}\n\n${renderAdvice(report.advice)}` : table;
  writeLine(io.stdout, values.json ? JSON.stringify(report) : text);
  return EXIT.ok;
}
