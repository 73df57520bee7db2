/**
 * The scheduled periodic report: gather the last complete period and the one before it for every
 * tracked app client, post the report to Slack once per period and channel (notify-once: recorded
 * only after Slack accepted), then upload the chart into its thread.
 *
 * The chart is made before the post so its failure is known, but it never holds the text back: a chart
 * that cannot be made or uploaded is logged and counted (`ReportChartFailures`), and the text goes out.
 */

import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserPoolClientReader } from '../app-clients';
import { blindSpansBetween, type RecoveredSignInsReader } from '../coverage';
import {
  alertFailure,
  type NotificationDeps,
  type NotifyOutcome,
  notifyReportingFailures,
} from '../notifications';
import {
  type ActivityEvent,
  type CognitoUsage,
  type CognitoUsageReader,
  replaySignIns,
  stretchedSince,
  userLabeler,
} from '../relogins';
import type { Clock } from '../shared/clock';
import { type Deadline, NO_DEADLINE } from '../shared/deadline';
import { HOUR_MS } from '../shared/durations';
import { type Messages, messagesFor } from '../shared/i18n';
import { METRICS, metricDatum } from '../shared/metric-catalog';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { errorDetails } from '../shared/telemetry';
import type { SignInLog } from '../sign-ins';
import type { UpstreamFindingsStore } from '../upstream';
import type { ReportSettings } from './config';
import { chartSpec } from './domain/chart-spec';
import { lastCompletePeriod, previousPeriod, type ReportPeriod } from './domain/period';
import { buildPeriodicReport, type PeriodicReport, type ReportClientInput } from './domain/periodic-report';
import { reportMessage } from './domain/report-documents';
import { reportTitle } from './domain/report-text';
import type { ChartRenderer } from './ports/chart-renderer';

export interface ReportDeps {
  signIns: Pick<SignInLog, 'list'>;
  cognitoUsage: CognitoUsageReader;
  /** The sign-ins the re-login check recovered (`RecoveredSignIns`); without it the report does not say. */
  recoveredSignIns?: RecoveredSignInsReader;
  userPoolClients: UserPoolClientReader;
  upstream: Pick<UpstreamFindingsStore, 'latest'>;
  chart: ChartRenderer;
  notify: NotificationDeps;
  metrics: MetricsPublisher;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  settings: ReportSettings & { channel: string };
}

export interface ReportRunResult {
  periodStart: string;
  report: NotifyOutcome;
  chart: 'uploaded' | 'not-made' | 'not-uploaded' | 'not-sent';
}

/** Recorded in the ledger once the report was accepted. */
interface SentReport {
  sentAt: number;
}

export const REPORT_CHART_FILE = 'relogins.png';

async function optional<T>(deps: Pick<ReportDeps, 'logger'>, what: string, read: () => Promise<T>) {
  try {
    return await read();
  } catch (error) {
    deps.logger.warn(`could not read ${what}; the report goes on without it`, { error: errorDetails(error) });
    return null;
  }
}

/**
 * Both periods' classified activity of the pool, from one read of the sign-in log and one replay. The
 * read starts ARGOCD_SESSION_HOURS before the previous period, so its first logins are classified as
 * with full history.
 */
async function replayedActivity(deps: ReportDeps, previous: ReportPeriod, period: ReportPeriod) {
  const { settings } = deps;
  const signIns = await deps.signIns.list(
    settings.userPoolId,
    previous.start - settings.rules.sessionHours * HOUR_MS,
    period.end,
  );
  return replaySignIns(signIns, settings.rules).filter((event) => event.at >= previous.start);
}

async function clientInput(
  deps: ReportDeps,
  clientId: string,
  events: readonly ActivityEvent[],
  period: ReportPeriod,
  previous: ReportPeriod,
): Promise<ReportClientInput> {
  const scope = { userPoolId: deps.settings.userPoolId, clientId };
  const usage = (range: ReportPeriod) =>
    optional<CognitoUsage>(deps, `Cognito's metrics for app client ${clientId}`, () =>
      deps.cognitoUsage.read(scope, range.start, range.end),
    );
  const { recoveredSignIns } = deps;
  const [client, current, before, since, blindSpans, recovered] = await Promise.all([
    optional(deps, `the token settings of app client ${clientId}`, () =>
      deps.userPoolClients.description(scope.userPoolId, clientId),
    ),
    usage(period),
    usage(previous),
    optional(deps, `when the stop-gap on app client ${clientId} was first seen`, () =>
      stretchedSince(deps.notify.ledger, scope.userPoolId, clientId),
    ),
    optional(deps, `the hours the monitor did not see on app client ${clientId}`, () =>
      blindSpansBetween(deps.notify.ledger, scope, period.start, period.end),
    ),
    recoveredSignIns === undefined
      ? null
      : optional(deps, `the sign-ins recovered on app client ${clientId}`, () =>
          recoveredSignIns.total({
            ...scope,
            namespace: deps.settings.namespace,
            from: period.start,
            to: period.end,
          }),
        ),
  ]);
  return {
    clientId,
    events: events.filter((event) => event.clientId === clientId),
    client,
    cognito: { current, previous: before },
    stretchedSince: since,
    blindSpans: blindSpans ?? [],
    recoveredSignIns: recovered ?? 0,
  };
}

export async function gatherReport(
  deps: ReportDeps,
  period: ReportPeriod,
  messages?: Messages,
): Promise<PeriodicReport> {
  const { settings } = deps;
  const previous = previousPeriod(period);
  const [events, upstream] = await Promise.all([
    replayedActivity(deps, previous, period),
    optional(deps, 'the upstream report', () => deps.upstream.latest(deps.clock.now().getTime())),
  ]);
  const clients = await Promise.all(
    settings.clientIds.map((clientId) => clientInput(deps, clientId, events, period, previous)),
  );
  return buildPeriodicReport({
    ...settings,
    sessionHours: settings.rules.sessionHours,
    period,
    clients,
    upstream,
    ...(messages === undefined ? {} : { messages }),
  });
}

async function makeChart(
  deps: ReportDeps,
  report: PeriodicReport,
  messages: Messages,
): Promise<Uint8Array | null> {
  try {
    return await deps.chart.renderPng(chartSpec(report, messages));
  } catch (error) {
    deps.logger.error('could not make the report chart; the report goes out without it', {
      error: errorDetails(error),
    });
    return null;
  }
}

export async function runReport(
  deps: ReportDeps,
  { deadline = NO_DEADLINE }: { deadline?: Deadline } = {},
): Promise<ReportRunResult> {
  const { settings, clock, logger } = deps;
  const now = clock.now().getTime();
  const period = lastCompletePeriod(now, settings.period, settings.timeZone);
  const periodStart = new Date(period.start).toISOString();
  const messages = messagesFor(settings.locale, settings.timeZone);
  const report = await gatherReport(deps, period, messages);
  const png = await makeChart(deps, report, messages);
  const dimensions = { UserPoolId: settings.userPoolId };
  const outcome = await notifyReportingFailures<SentReport>(
    deps,
    {
      key: `report#${settings.channel}#${settings.period}#${periodStart}`,
      decide: (previous) => (previous === null ? { sentAt: now } : null),
      message: () => ({
        ...reportMessage(report, {
          label: userLabeler(settings.identity),
          topUsers: settings.topUsers,
          messages,
        }),
        kind: 'report',
      }),
    },
    { what: 'the periodic report', context: { periodStart }, deadline },
  );
  let chart: ReportRunResult['chart'] = png === null ? 'not-made' : 'not-sent';
  if (outcome.status === 'sent' && png !== null) {
    try {
      await deps.notify.chat.upload(
        {
          thread: { channel: outcome.posted.channel, ts: outcome.posted.ts },
          filename: REPORT_CHART_FILE,
          title: reportTitle(report, messages),
          content: png,
        },
        { deadline },
      );
      chart = 'uploaded';
    } catch (error) {
      logger.error('could not upload the report chart; the report text went out', {
        periodStart,
        error: errorDetails(error),
      });
      chart = 'not-uploaded';
    }
  }
  const failures: MetricDatum[] = [
    ...(outcome.status === 'failed' ? [alertFailure(1, dimensions, now)] : []),
    ...(chart === 'not-made' || chart === 'not-uploaded'
      ? [metricDatum(METRICS.ReportChartFailures, 1, dimensions, now)]
      : []),
  ];
  if (failures.length > 0) await deps.metrics.publish(settings.namespace, failures);
  logger.info('periodic report run', { periodStart, report: outcome.status, chart });
  return { periodStart, report: outcome.status, chart };
}
