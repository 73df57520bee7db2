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
import { readReportTimeZone } from '../reports';
import { parseList } from '../shared/config/env';
import { cliLocale } from '../shared/config/settings';
import { CATALOGS, type Messages, messagesFor } from '../shared/i18n';
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

function renderTable(report: AnalyzeOutput, heavy: HeavyUserRule, m: Messages): string {
  const words = m.text.cli;
  const heavyUsers = new Set(report.heavyUsers);
  const { columns } = words;
  const header = [
    columns.user,
    columns.logins,
    columns.reLogins,
    columns.refreshes,
    columns.medianInterval,
    columns.heavy,
  ];
  // User names are outside text: shown escaped, so a name cannot move the cursor or add a row.
  const rows = report.users.map((user) => [
    printable(user.user),
    String(user.logins),
    String(user.reLogins),
    String(user.refreshes),
    user.medianReLoginIntervalMinutes === null
      ? '-'
      : words.minutes(String(user.medianReLoginIntervalMinutes)),
    heavyUsers.has(user.user) ? words.yes : '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - displayWidth(cell))))
      .join('  ')
      .trimEnd();
  const { totals } = report;
  return [
    format(header),
    format(widths.map((width) => '-'.repeat(width))),
    ...rows.map(format),
    '',
    words.totals(totals),
    words.heavyUsers({
      heavyUsers: report.heavyUsers.length,
      minReLogins: heavy.minReLogins,
      windowHours: heavy.windowHours,
      // English keeps the ISO instant it always printed; Japanese reads the date in its own order.
      windowEnd:
        m.locale === 'en' ? new Date(heavy.windowEnd).toISOString() : m.format.dateTime(heavy.windowEnd),
    }),
    ...describeEventCounts(report, m),
    ...(report.skippedLines ? [words.skippedLines(report.skippedLines)] : []),
  ].join('\n');
}

/** Columns a terminal gives the text: two for each wide (CJK, full-width) character. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        char,
      )
        ? 2
        : 1;
  return width;
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
      locale: { type: 'string' },
      ...ADVICE_OPTIONS,
    },
  });
  const locale = cliLocale(values.locale, io.env);
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
    writeLine(io.stderr, CATALOGS[locale].skippedLine(line, printable(reason)));

  const heavy: HeavyUserRule = {
    minReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    windowEnd: atOption ?? read.lastAt ?? 0,
  };
  // --json stays English (what scripts read); the human output, advice included, speaks the locale.
  const messages = messagesFor(values.json ? 'en' : locale, readReportTimeZone(io.env));
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
            messages,
          }),
        }
      : {}),
  };
  const table = renderTable(report, heavy, messages);
  const text = report.advice ? `${table}\n\n${renderAdvice(report.advice, messages)}` : table;
  writeLine(io.stdout, values.json ? printableJson(report) : text);
  return EXIT.ok;
}
