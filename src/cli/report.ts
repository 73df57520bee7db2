/**
 * `relogin-monitor report --events FILE|- --out DIR [--period week|day] [--at ISO] [--timezone Z]
 * [--client-config FILE]`: the periodic report from a JSON Lines events file, with no AWS: `report.md`,
 * a self-contained `report.html` and the chart `relogins.png`, made by the same modules as the
 * scheduled report.
 *
 * Without `--at` it reports the period of the latest event (so far); with `--at`, the last complete
 * period that ended at or before it, as the scheduled report does when it runs at that time.
 */
import { parseArgs } from 'node:util';
import {
  type ActivityEvent,
  readMinutesPerReLogin,
  readProposedValidityHours,
  readReportIdentity,
  readTrackingSettings,
  userLabeler,
} from '../relogins';
import {
  buildPeriodicReport,
  isTimeZone,
  lastCompletePeriod,
  type PeriodKind,
  periodContaining,
  REPORT_PERIODS,
  readReportTimeZone,
  readReportTopUsers,
} from '../reports';
import type { Env } from '../shared/config/env';
import { cliLocale } from '../shared/config/settings';
import { messagesFor } from '../shared/i18n';
import { clientsToAnalyse, readAdviceRequest } from './analyze-advice';
import { describeEventCounts, parseAtFlag } from './event-counts';
import { readTrackedEvents } from './event-file';
import { type CliIo, EXIT, UsageError, writeLine } from './io';
import { writeReportFiles } from './report-files';

/** Offline, the people in the file are the operator's own data: label them by user name unless told otherwise. */
function offlineIdentityEnv(env: Env): Env {
  return env.REPORT_IDENTITY === undefined ? { ...env, REPORT_IDENTITY: 'username' } : env;
}

export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      events: { type: 'string' },
      out: { type: 'string' },
      period: { type: 'string', default: 'week' },
      at: { type: 'string' },
      timezone: { type: 'string' },
      'client-config': { type: 'string' },
      locale: { type: 'string' },
    },
  });
  const locale = cliLocale(values.locale, io.env);
  if (values.events === undefined) throw new UsageError('--events FILE is required');
  if (values.out === undefined) throw new UsageError('--out DIR is required');
  if (!(REPORT_PERIODS as readonly string[]).includes(values.period)) {
    throw new UsageError(`--period must be one of ${REPORT_PERIODS.join(', ')}, got "${values.period}"`);
  }
  const kind = values.period as PeriodKind;
  const timeZone = values.timezone ?? readReportTimeZone(io.env);
  if (!isTimeZone(timeZone)) {
    throw new UsageError(`--timezone must be an IANA time zone such as Europe/Berlin, got "${timeZone}"`);
  }
  const at = parseAtFlag(values.at, io.clock.now().getTime());

  const tracking = readTrackingSettings(io.env);
  const advice = await readAdviceRequest({ 'client-config': values['client-config'] }, io.env);
  const parsed = await readTrackedEvents(
    values.events,
    io.stdin,
    clientsToAnalyse(tracking.trackedClientIds, advice),
    { skipInvalid: false, now: io.clock.now().getTime() },
  );
  if (parsed.lastAt === null && at === undefined) {
    throw new UsageError(`--events ${values.events} holds no events: give --at to report an empty period`);
  }
  const period =
    at === undefined
      ? periodContaining(parsed.lastAt ?? 0, kind, timeZone)
      : lastCompletePeriod(at, kind, timeZone);
  const messages = messagesFor(locale, timeZone);
  const described = advice?.client ?? null;
  const events: ActivityEvent[] = [];
  const { duplicates } = parsed.collector.replay(tracking.rules, (event) => events.push(event));
  const clientIds = [...new Set(events.map((event) => event.clientId))].sort();
  const report = buildPeriodicReport({
    userPoolId: events[0]?.userPoolId ?? 'unknown',
    period,
    clients: (clientIds.length > 0 ? clientIds : [described?.updatable.ClientId ?? 'unknown']).map(
      (clientId) => ({
        clientId,
        events: events.filter((event) => event.clientId === clientId),
        client: described?.updatable.ClientId === clientId ? described : null,
        cognito: { current: null, previous: null },
        stretchedSince: null,
      }),
    ),
    upstream: null,
    heavyReLogins: tracking.heavyReLogins,
    minutesPerReLogin: readMinutesPerReLogin(io.env),
    proposedValidityHours: advice?.proposedValidityHours ?? readProposedValidityHours(io.env),
    sessionHours: tracking.rules.sessionHours,
    messages,
  });
  const presentation = {
    label: userLabeler(readReportIdentity(offlineIdentityEnv(io.env))),
    topUsers: readReportTopUsers(io.env),
    messages,
    inputNotes: describeEventCounts(
      { duplicateEvents: duplicates, ignoredEvents: parsed.ignoredBy },
      messages,
    ),
  };
  const files = await writeReportFiles(values.out, report, presentation);
  writeLine(io.stdout, `${files.markdown}\n${files.html}\n${files.chart}`);
  return EXIT.ok;
}
