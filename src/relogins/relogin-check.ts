/**
 * The scheduled re-login check of one pool: read the sign-in log of the window plus the preceding
 * ARGOCD_SESSION_HOURS (Queries), replay it once, publish each completed hour's classified metrics
 * exactly once, an hour per request (`publish-hourly-metrics.ts`); then per app client
 * (ARGOCD_CLIENT_IDS, or every client with activity) read the token settings and Cognito's own counts,
 * build the report and advice, publish the aggregate metrics and, when due, post to Slack once
 * (notify-once): the alert, its follow-ups in the alert's thread (cooldown, worsening), the recovery,
 * and the weekly stop-gap reminder (`domain/relogin-episode.ts`).
 *
 * Every client's metrics are published before the first Slack post: rate-limit waits (up to 3 × 30 s
 * a post) can run the function out of time, and must not cost the metrics. The hours go first, then
 * every client's report metrics in one publish; `AlertFailures` follows in a small publish after the
 * alerts. A refused publish fails the run, but only after the alerts.
 *
 * Alert failures never fail the run (notifyAndReport): they are logged, counted as `AlertFailures`, and
 * retried by the next scheduled run.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserPoolClientReader } from '../app-clients';
import {
  alertFailure,
  type ChatMessage,
  type NotificationDeps,
  type NotificationLedger,
  type NotifyOutcome,
  notifyAndReport,
  publishThenNotify,
} from '../notifications';
import type { Clock } from '../shared/clock';
import { type Deadline, NO_DEADLINE } from '../shared/deadline';
import { HOUR_MS } from '../shared/durations';
import { METRICS, metricDatum, type PublishedMetric } from '../shared/metric-catalog';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { round } from '../shared/stats';
import { errorDetails } from '../shared/telemetry';
import type { SignInLog } from '../sign-ins';
import type { UpstreamReport, UpstreamReportStore } from '../upstream';
import type { ReLoginCheckSettings } from './config';
import type { ActivityEvent } from './domain/activity';
import { isStretched } from './domain/advice';
import { dashboardConsoleUrl, metricsConsoleUrl } from './domain/console-links';
import { episodeFigures, recoveryMessage, stopGapReminderMessage } from './domain/episode-messages';
import { oldestHourDue } from './domain/hourly-metrics';
import { reLoginAlertMessage } from './domain/relogin-alert-message';
import {
  type EpisodeMessage,
  type EpisodeStep,
  nextEpisodeStep,
  type ReLoginLedgerState,
  readLedgerState,
  threadOf,
  withPostedThread,
} from './domain/relogin-episode';
import { buildReLoginReport, type ReLoginReport } from './domain/relogin-report';
import { replaySignIns } from './domain/replay';
import { userLabeler } from './domain/report-identity';
import type { CognitoUsageReader } from './ports/cognito-usage';
import type { UserPoolDirectory } from './ports/user-pool-directory';
import { publishHourlyMetrics } from './publish-hourly-metrics';

export interface ReLoginCheckDeps {
  signIns: Pick<SignInLog, 'list'>;
  notify: NotificationDeps;
  metrics: MetricsPublisher;
  cognitoUsage: CognitoUsageReader;
  userPoolClients: Pick<UserPoolClientReader, 'description'>;
  /** Finds the pool by USER_POOL_NAME when USER_POOL_ID is not set. */
  userPools?: UserPoolDirectory;
  /** The upstream watcher's latest report; without it the advice names the fixed releases only. */
  upstream?: Pick<UpstreamReportStore, 'latest'>;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  settings: ReLoginCheckSettings;
}

/** What happened to this run's Slack message for the client (alert, follow-up, recovery or reminder). */
export type AlertOutcome = Exclude<NotifyOutcome, 'recorded'>;

/** The dependencies once the pool's id is known. */
type PoolDeps = ReLoginCheckDeps & { settings: ReLoginCheckSettings & { userPoolId: string } };

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

/**
 * When this check first saw the client's token validity stretched (kept in its episode state), for the
 * periodic report's "security debt for N days"; null when it never did or saw it undone since.
 */
export async function stretchedSince(
  ledger: Pick<NotificationLedger, 'read'>,
  userPoolId: string,
  clientId: string,
): Promise<number | null> {
  const { state } = await ledger.read<unknown>(alertKey(userPoolId, clientId));
  return state === null ? null : (readLedgerState(state).stopGap?.firstSeenAt ?? null);
}

/** The aggregate metrics, with the trigger's namespace and dimensions (never a user). */
function reportMetrics(report: ReLoginReport, timestamp: number): MetricDatum[] {
  const dimensions = { UserPoolId: report.userPoolId, ClientId: report.clientId };
  const datum = (metric: PublishedMetric, value: number) => metricDatum(metric, value, dimensions, timestamp);
  return [
    datum(METRICS.ActiveUsers, report.totals.activeUsers),
    datum(METRICS.HeavyReLoginUsers, report.heavyUsers.length),
    datum(METRICS.ReLoginsPerActiveUser, round(report.reLoginsPerActiveUser, 3)),
    ...(report.reLoginIntervalP50Minutes === null
      ? []
      : [datum(METRICS.ReLoginIntervalP50, round(report.reLoginIntervalP50Minutes, 1))]),
    ...(report.reLoginIntervalP90Minutes === null
      ? []
      : [datum(METRICS.ReLoginIntervalP90, round(report.reLoginIntervalP90Minutes, 1))]),
    datum(METRICS.EstimatedMinutesLost, round(report.estimatedMinutesLost, 1)),
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

const LOGGED_AS: Readonly<Record<EpisodeMessage['kind'], string>> = {
  alert: 'heavy re-login alert',
  'follow-up': 'heavy re-login follow-up',
  recovery: 'heavy re-login recovery',
  'stop-gap-reminder': 'stop-gap reminder',
};

function episodeMessage(
  deps: ReLoginCheckDeps,
  report: ReLoginReport,
  message: EpisodeMessage,
  previous: ReLoginLedgerState | null,
): ChatMessage {
  const { settings } = deps;
  const metricsUrl =
    settings.dashboardName === undefined
      ? metricsConsoleUrl(settings.region, settings.namespace, report.clientId)
      : dashboardConsoleUrl(settings.region, settings.dashboardName);
  const label = userLabeler(settings.identity);
  const thread = threadOf(message, previous);
  const body =
    message.kind === 'recovery'
      ? recoveryMessage(report, message.episode, message.stopGap, { metricsUrl })
      : message.kind === 'stop-gap-reminder'
        ? stopGapReminderMessage(report, message.stopGap, { metricsUrl })
        : reLoginAlertMessage(report, {
            label,
            metricsUrl,
            worsenedFrom: message.kind === 'follow-up' ? message.worsenedFrom : null,
          });
  return thread === undefined ? body : { ...body, thread };
}

/**
 * The client's episode in Slack (alert, follow-ups in its thread, recovery, stop-gap reminder), one
 * notify-once decision per run; facts without a message (last heavy sighting, stop-gap first seen)
 * are recorded through the same claim.
 */
async function alertIfDue(
  deps: ReLoginCheckDeps,
  report: ReLoginReport,
  { now, deadline }: { now: number; deadline: Deadline },
): Promise<AlertOutcome> {
  const { settings, logger } = deps;
  const policy = {
    cooldownHours: settings.cooldownHours,
    windowHours: report.windowHours,
    stopGapReminders: settings.stopGapReminder === 'message',
  };
  const observation = {
    at: now,
    figures: episodeFigures(report),
    stretched: isStretched(report.tokenValidity),
    activityHours: report.activityHours,
  };
  let step: EpisodeStep | null = null;
  const outcome = await notifyAndReport<ReLoginLedgerState>(
    deps,
    {
      key: alertKey(report.userPoolId, report.clientId),
      decide: (recorded) => {
        step = nextEpisodeStep(recorded === null ? null : readLedgerState(recorded), observation, policy);
        return step?.state ?? null;
      },
      message: (_next, recorded) => {
        const decided = step as EpisodeStep | null;
        if (decided?.message == null) return null;
        return episodeMessage(
          deps,
          report,
          decided.message,
          recorded === null ? null : readLedgerState(recorded),
        );
      },
      posted: (next, posted) => withPostedThread(next, posted.ts),
    },
    { what: 'the alert', context: { clientId: report.clientId }, deadline },
  );
  const kind = (step as EpisodeStep | null)?.message?.kind;
  const context = { clientId: report.clientId, heavyUsers: report.heavyUsers.length };
  if (kind !== undefined && outcome === 'sent') {
    logger.info(`${LOGGED_AS[kind]} sent`, { ...context, messageKind: kind });
  } else if (kind !== undefined && outcome === 'logged') {
    logger.info(`${LOGGED_AS[kind]} written to the log only (no Slack token); not recorded as sent`, context);
  }
  // The result says what happened to a message: recording a fact alone posts none.
  return outcome === 'recorded' ? 'not-due' : outcome;
}

/** One client's report over the window's events. */
async function reportClient(
  deps: PoolDeps,
  clientId: string,
  {
    from,
    now,
    upstream,
    events,
  }: { from: number; now: number; upstream: UpstreamReport | null; events: readonly ActivityEvent[] },
): Promise<ReLoginReport> {
  const { settings } = deps;
  const scope = { userPoolId: settings.userPoolId, clientId };
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

/**
 * The pool's activity, replayed once, per client: ARGOCD_CLIENT_IDS, or every client seen since the
 * oldest hour the hourly metrics may still publish. The read starts ARGOCD_SESSION_HOURS before that,
 * so a login early on is classified (re-login or session start) as it would be with full history.
 */
async function replayedActivity(deps: PoolDeps, now: number): Promise<Map<string, ActivityEvent[]>> {
  const { settings } = deps;
  const oldest = Math.min(now - settings.windowHours * HOUR_MS, oldestHourDue(now));
  const signIns = await deps.signIns.list(
    settings.userPoolId,
    oldest - settings.rules.sessionHours * HOUR_MS,
    now + 1,
  );
  const byClient = new Map<string, ActivityEvent[]>(settings.clientIds.map((clientId) => [clientId, []]));
  for (const event of replaySignIns(signIns, settings.rules)) {
    if (event.at < oldest) continue;
    const events = byClient.get(event.clientId) ?? (settings.clientIds.length === 0 ? [] : undefined);
    if (events === undefined) continue;
    events.push(event);
    byClient.set(event.clientId, events);
  }
  return byClient;
}

/** One client's failure (its activity unreadable, a bad item) must not hide the others' reports. */
function checkFailed(
  deps: PoolDeps,
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
    datum: metricDatum(METRICS.CheckFailures, 1, dimensions, now),
    result: { clientId, alert: 'not-checked', error: errorDetails(error).message },
  };
}

async function poolDeps(deps: ReLoginCheckDeps): Promise<PoolDeps> {
  const { settings } = deps;
  if (settings.userPoolId !== undefined)
    return { ...deps, settings: { ...settings, userPoolId: settings.userPoolId } };
  const { userPoolName } = settings;
  if (userPoolName === undefined || deps.userPools === undefined) {
    throw new Error('the re-login check needs USER_POOL_ID, or USER_POOL_NAME and a way to look it up');
  }
  const userPoolId = await deps.userPools.idByName(userPoolName);
  return { ...deps, settings: { ...settings, userPoolId } };
}

/** `deadline`: when to stop waiting on Slack (from the Lambda context); alerts not sent are retried next run. */
export async function runReLoginCheck(
  unresolved: ReLoginCheckDeps,
  { deadline = NO_DEADLINE }: { deadline?: Deadline } = {},
): Promise<ClientCheckResult[]> {
  const deps = await poolDeps(unresolved);
  const { settings, clock } = deps;
  const now = clock.now().getTime();
  const from = now - settings.windowHours * 3_600_000;
  const source = deps.upstream;
  const upstream =
    source === undefined ? null : await optional(deps, 'the upstream report', () => source.latest(now));
  const data: MetricDatum[] = [];
  const checked: ({ report: ReLoginReport } | { failed: ClientCheckResult })[] = [];
  let activity: Map<string, ActivityEvent[]>;
  try {
    activity = await replayedActivity(deps, now);
  } catch (error) {
    // Without the log there is nothing to check; with no client named there is no one to count it for.
    if (settings.clientIds.length === 0) throw error;
    activity = new Map();
    for (const clientId of settings.clientIds) {
      const { datum, result } = checkFailed(deps, clientId, error, now);
      data.push(datum);
      checked.push({ failed: result });
    }
  }
  // 1. The completed hours' classified metrics, each published once.
  const hours = await publishHourlyMetrics(
    { ...deps, ledger: deps.notify.ledger },
    settings.namespace,
    [...activity].map(([clientId, events]) => ({ userPoolId: settings.userPoolId, clientId, events })),
    now,
  );
  for (const { clientId, error } of hours.failed) {
    const { datum, result } = checkFailed(deps, clientId, error, now);
    data.push(datum);
    checked.push({ failed: result });
    activity.delete(clientId);
  }
  // 2. Every client's report, its metrics published before any Slack post.
  for (const [clientId, events] of activity) {
    try {
      const inWindow = events.filter((event) => event.at > from && event.at <= now);
      // A client found by its activity is reported only while it has some in the window.
      if (settings.clientIds.length === 0 && inWindow.length === 0) continue;
      const report = await reportClient(deps, clientId, { from, now, upstream, events: inWindow });
      data.push(...reportMetrics(report, now));
      checked.push({ report });
    } catch (error) {
      const { datum, result } = checkFailed(deps, clientId, error, now);
      data.push(datum);
      checked.push({ failed: result });
    }
  }
  // 3. The alerts, when due; their failures in a small publish after them.
  const outcomes = await publishThenNotify(deps.metrics, settings.namespace, data, async () => {
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
        const alert = await alertIfDue(deps, report, { now, deadline });
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
  if (hours.refused !== null) throw hours.refused.error;
  return outcomes;
}
