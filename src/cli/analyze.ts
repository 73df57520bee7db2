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
import { printable, printableJson } from '../shared/safe-text';
import { round } from '../shared/stats';
import {
  ADVICE_OPTIONS,
  adviceFor,
  clientsToAnalyse,
  readAdviceRequest,
  renderAdvice,
} from './analyze-advice';
import { describeEventCounts, type EventCounts, parseAtFlag } from './event-counts';
import { readTrackedEvents } from './event-file';
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

/** What `analyze --json` prints: the figures and what was left out of them. */
export type AnalyzeOutput = AnalyzeReport & EventCounts;

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

function renderTable(report: AnalyzeOutput, heavy: HeavyUserRule): string {
  const heavyUsers = new Set(report.heavyUsers);
  const header = ['user', 'logins', 're-logins', 'refreshes', 'median re-login interval', 'heavy'];
  // User names are outside text: shown escaped, so a name cannot move the cursor or add a row.
  const rows = report.users.map((user) => [
    printable(user.user),
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
    ...describeEventCounts(report),
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
  const atOption = parseAtFlag(values.at, io.clock.now().getTime());

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
  for (const { line, reason } of read.invalid)
    writeLine(io.stderr, `skipped line ${line}: ${printable(reason)}`);

  const heavy: HeavyUserRule = {
    minReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    windowEnd: atOption ?? read.lastAt ?? 0,
  };
  const builder = new ActivitySummaryBuilder(heavy);
  // Only the advice's what-if needs every event; without it each is summarised and dropped.
  const kept: ActivityEvent[] = [];
  const { duplicates } = read.collector.replay(tracking.rules, (event) => {
    builder.add(event);
    if (adviceRequest) kept.push(event);
  });
  const summary = builder.result();
  const report: AnalyzeOutput = {
    ...toReport(summary),
    duplicateEvents: duplicates,
    ignoredEvents: read.ignoredBy,
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
  const table = renderTable(report, heavy);
  const text = report.advice ? `${table}\n\n${renderAdvice(report.advice)}` : table;
  writeLine(io.stdout, values.json ? printableJson(report) : text);
  return EXIT.ok;
}
