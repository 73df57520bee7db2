/**
 * `relogin-monitor analyze --events FILE [--at ISO-8601] [--client-ids a,b] [--json] [--skip-invalid]
 * [--client-config FILE] [--proposed-validity-hours N]`: the trigger's domain logic over a JSON Lines
 * file of Cognito trigger events; with the last two, the advice of the scheduled check as well.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { AdviceItem } from '../relogins';
import {
  type ActivitySummary,
  HEAVY_WINDOW_HOURS,
  type HeavyUserRule,
  readTrackingSettings,
  replaySignals,
  summariseActivity,
} from '../relogins';
import { round } from '../shared/stats';
import {
  ADVICE_OPTIONS,
  adviceFor,
  clientsToAnalyse,
  readAdviceRequest,
  renderAdvice,
} from './analyze-advice';
import { parseEventFile, parseIsoTime } from './event-file';
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
  if (values.events === undefined) throw new UsageError('--events FILE is required');
  const atOption = values.at === undefined ? undefined : parseIsoTime(values.at);
  if (atOption === null)
    throw new UsageError(`--at must be an ISO-8601 time with a zone, got "${values.at}"`);

  const env =
    values['client-ids'] === undefined ? io.env : { ...io.env, ARGOCD_CLIENT_IDS: values['client-ids'] };
  const tracking = readTrackingSettings(env);
  const adviceRequest = await readAdviceRequest(values, io.env);
  const content = await readFile(values.events, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read --events ${values.events}: ${error.code ?? error.message}`);
  });
  const parsed = parseEventFile(content, clientsToAnalyse(tracking.trackedClientIds, adviceRequest), {
    skipInvalid: values['skip-invalid'],
  });
  for (const { line, reason } of parsed.invalid) writeLine(io.stderr, `skipped line ${line}: ${reason}`);

  const heavy: HeavyUserRule = {
    minReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    windowEnd: atOption ?? parsed.lastAt ?? 0,
  };
  const events = replaySignals(parsed.signals, tracking.rules);
  const summary = summariseActivity(events, heavy);
  const report: AnalyzeReport = {
    ...toReport(summary),
    ...(values['skip-invalid'] ? { skippedLines: parsed.invalid.length } : {}),
    ...(adviceRequest
      ? {
          advice: adviceFor(adviceRequest, events, summary, {
            heavyReLogins: tracking.heavyReLogins,
            sessionHours: tracking.rules.sessionHours,
          }),
        }
      : {}),
  };
  const table = renderTable(report, heavy, parsed.ignored);
  const text = report.advice ? `${table}\n\n${renderAdvice(report.advice)}` : table;
  writeLine(io.stdout, values.json ? JSON.stringify(report) : text);
  return EXIT.ok;
}
