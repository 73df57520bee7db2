/**
 * The scheduled re-login check, per tracked app client: read the last 24 h of activity (Queries),
 * the client's token settings and Cognito's own counts, build the report and advice, publish the
 * aggregate metrics and, when due, alert Slack once (notify-once, cooldown, re-alert on worsening).
 *
 * Every client's metrics are published before the first Slack post: rate-limit waits (up to 3 × 30 s
 * a post) can run the function out of time, and must not cost the metrics. `AlertFailures` follows in a
 * second, small publish after the alerts.
 *
 * Alert failures never fail the run (notifyAndReport): they are logged, counted as `AlertFailures`, and
 * retried by the next scheduled run.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserPoolClientReader } from '../app-clients';
import {
  alertFailure,
  type NotifyOnceDeps,
  type NotifyOutcome,
  notifyAndReport,
  publishThenNotify,
} from '../notifications';
import type { Clock } from '../shared/clock';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { round } from '../shared/stats';
import { errorDetails } from '../shared/telemetry';
import type { ActivityStore } from '../sign-ins';
import type { UpstreamReport, UpstreamReportStore } from '../upstream';
import type { ReLoginCheckSettings } from './config';
import { type HeavyReLoginAlertState, isWorsening, nextHeavyReLoginAlert } from './domain/alert-policy';
import { dashboardConsoleUrl, metricsConsoleUrl } from './domain/console-links';
import { reLoginAlertMessage } from './domain/relogin-alert-message';
import { buildReLoginReport, type ReLoginReport } from './domain/relogin-report';
import { userLabeler } from './domain/report-identity';
import type { CognitoUsageReader } from './ports/cognito-usage';

export interface ReLoginCheckDeps extends NotifyOnceDeps {
  activity: Pick<ActivityStore, 'listActivity'>;
  metrics: MetricsPublisher;
  cognitoUsage: CognitoUsageReader;
  userPoolClients: Pick<UserPoolClientReader, 'description'>;
  /** The upstream watcher's latest report; without it the advice names the fixed releases only. */
  upstream?: Pick<UpstreamReportStore, 'latest'>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  settings: ReLoginCheckSettings;
}

export type AlertOutcome = NotifyOutcome;

export type ClientCheckResult =
  | {
      clientId: string;
      activeUsers: number;
      heavyUsers: number;
      advice: string[];
      alert: AlertOutcome;
    }
  /** The client's check failed (logged, counted in `CheckFailures`); the other clients went on. */
  | { clientId: string; alert: 'not-checked'; error: string };

function alertKey(userPoolId: string, clientId: string): string {
  return `relogin-alert#heavy-relogins#${userPoolId}#${clientId}`;
}

/** The aggregate metrics, with the trigger's namespace and dimensions (never a user). */
function reportMetrics(report: ReLoginReport, timestamp: number): MetricDatum[] {
  const dimensions = { UserPoolId: report.userPoolId, ClientId: report.clientId };
  const datum = (name: string, value: number, unit: MetricDatum['unit']): MetricDatum => ({
    name,
    value,
    unit,
    dimensions,
    timestamp,
  });
  // CloudWatch has no minutes unit: interval and time-lost values are minutes with unit None.
  return [
    datum('ActiveUsers', report.totals.activeUsers, 'Count'),
    datum('HeavyReLoginUsers', report.heavyUsers.length, 'Count'),
    datum('ReLoginsPerActiveUser', round(report.reLoginsPerActiveUser, 3), 'None'),
    ...(report.reLoginIntervalP50Minutes === null
      ? []
      : [datum('ReLoginIntervalP50', round(report.reLoginIntervalP50Minutes, 1), 'None')]),
    ...(report.reLoginIntervalP90Minutes === null
      ? []
      : [datum('ReLoginIntervalP90', round(report.reLoginIntervalP90Minutes, 1), 'None')]),
    datum('EstimatedMinutesLost', round(report.estimatedMinutesLost, 1), 'None'),
  ];
}

/** A missing side view (token settings, Cognito's counts, upstream report) weakens the advice but must not stop the check. */
async function optional<T>(
  deps: Pick<ReLoginCheckDeps, 'logger'>,
  what: string,
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    deps.logger.warn(`could not read ${what}; the report goes on without it`, { error: errorDetails(error) });
    return null;
  }
}

async function alertIfDue(deps: ReLoginCheckDeps, report: ReLoginReport, now: number): Promise<AlertOutcome> {
  const { settings, logger } = deps;
  const policy = { cooldownHours: settings.cooldownHours };
  const label = userLabeler(settings.identity);
  const metricsUrl =
    settings.dashboardName === undefined
      ? metricsConsoleUrl(settings.region, settings.namespace, report.clientId)
      : dashboardConsoleUrl(settings.region, settings.dashboardName);
  const outcome = await notifyAndReport<HeavyReLoginAlertState>(
    deps,
    {
      key: alertKey(report.userPoolId, report.clientId),
      decide: (previous) => nextHeavyReLoginAlert(previous, report.heavyUsers.length, now, policy),
      message: (next, previous) =>
        reLoginAlertMessage(report, {
          label,
          metricsUrl,
          worsenedFrom: isWorsening(previous, next, policy) ? (previous?.heavyUsers ?? null) : null,
        }),
    },
    { what: 'the alert', context: { clientId: report.clientId } },
  );
  if (outcome === 'sent') {
    logger.info('heavy re-login alert sent', {
      clientId: report.clientId,
      heavyUsers: report.heavyUsers.length,
    });
  } else if (outcome === 'logged') {
    logger.info('heavy re-login alert written to the log only (no Slack token); not recorded as sent', {
      clientId: report.clientId,
      heavyUsers: report.heavyUsers.length,
    });
  }
  return outcome;
}

/** One client's report; throws when its activity cannot be read. */
async function reportClient(
  deps: ReLoginCheckDeps,
  clientId: string,
  { from, now, upstream }: { from: number; now: number; upstream: UpstreamReport | null },
): Promise<ReLoginReport> {
  const { settings } = deps;
  const scope = { userPoolId: settings.userPoolId, clientId };
  const events = await deps.activity.listActivity(scope, from, now);
  const [client, cognito] = await Promise.all([
    optional(deps, `the token settings of app client ${clientId}`, () =>
      deps.userPoolClients.description(settings.userPoolId, clientId),
    ),
    optional(deps, `Cognito's metrics for app client ${clientId}`, () =>
      deps.cognitoUsage.read(scope, from, now),
    ),
  ]);
  return buildReLoginReport({ ...scope, windowEnd: now, events, client, cognito, upstream }, settings);
}

/** One client's failure (its activity unreadable, a bad item) must not hide the others' reports. */
function checkFailed(
  deps: ReLoginCheckDeps,
  clientId: string,
  error: unknown,
  now: number,
): { datum: MetricDatum; result: ClientCheckResult } {
  deps.logger.error('could not check the app client; the other clients go on, the next run retries', {
    clientId,
    error: errorDetails(error),
  });
  const dimensions = { UserPoolId: deps.settings.userPoolId, ClientId: clientId };
  return {
    datum: { name: 'CheckFailures', value: 1, unit: 'Count', dimensions, timestamp: now },
    result: { clientId, alert: 'not-checked', error: errorDetails(error).message },
  };
}

export async function runReLoginCheck(deps: ReLoginCheckDeps): Promise<ClientCheckResult[]> {
  const { settings, clock } = deps;
  const now = clock.now().getTime();
  const from = now - settings.windowHours * 3_600_000;
  const source = deps.upstream;
  const upstream =
    source === undefined ? null : await optional(deps, 'the upstream report', () => source.latest(now));
  // 1. Every client's report, and its metrics published before any Slack post.
  const data: MetricDatum[] = [];
  const checked: ({ report: ReLoginReport } | { failed: ClientCheckResult })[] = [];
  for (const clientId of settings.clientIds) {
    try {
      const report = await reportClient(deps, clientId, { from, now, upstream });
      data.push(...reportMetrics(report, now));
      checked.push({ report });
    } catch (error) {
      const { datum, result } = checkFailed(deps, clientId, error, now);
      data.push(datum);
      checked.push({ failed: result });
    }
  }
  // 2. The alerts, when due; their failures in a second, small publish.
  return publishThenNotify(deps.metrics, settings.namespace, data, async () => {
    const failures: MetricDatum[] = [];
    const results: ClientCheckResult[] = [];
    for (const entry of checked) {
      if ('failed' in entry) {
        results.push(entry.failed);
        continue;
      }
      const { report } = entry;
      const { clientId } = report;
      try {
        const alert = await alertIfDue(deps, report, now);
        if (alert === 'failed') {
          failures.push(alertFailure(1, { UserPoolId: settings.userPoolId, ClientId: clientId }, now));
        }
        results.push({
          clientId,
          activeUsers: report.totals.activeUsers,
          heavyUsers: report.heavyUsers.length,
          advice: report.advice.map((item) => item.id),
          alert,
        });
      } catch (error) {
        const { datum, result } = checkFailed(deps, clientId, error, now);
        failures.push(datum);
        results.push(result);
      }
    }
    return { result: results, failures };
  });
}
