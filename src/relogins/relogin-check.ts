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
 * Alert failures never fail the run (notifyDecisionReportingFailures): they are logged, counted as
 * `AlertFailures`, and retried by the next scheduled run.
 *
 * While the replay is still catching up on history (no session checkpoint yet: the first runs after a
 * deploy, `checkpointed-replay.ts`), the run classifies nothing and says so (`reportCatchingUp`).
 *
 * This file is the orchestration (read, post, record); every decision is a pure function of the
 * domain: the window and the clients (`domain/check-window.ts`), the report, its metrics
 * (`domain/check-metrics.ts`), and the Slack episode (`domain/episode-notification.ts`).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserPoolClientReader } from '../app-clients';
import {
  assessCoverage,
  type BlindOutcome,
  type ClientCoverage,
  type CoverageDeps,
  type CoverageInputs,
  type CoverageSettings,
  cognitoUsageBetween,
  coverageMetrics,
  gatherCoverageInputs,
  monitorBlindData,
  notifyBlindIfDue,
  RECOVERY_HOLD_MS,
  recoveryMetrics,
} from '../coverage';
import {
  alertFailure,
  type NotificationDeps,
  type NotificationLedger,
  type NotifyOutcome,
  notifyDecisionReportingFailures,
  publishThenNotify,
} from '../notifications';
import { type Clock, clockStopwatch, type Stopwatch } from '../shared/clock';
import { type Deadline, NO_DEADLINE } from '../shared/deadline';
import { HOUR_MS } from '../shared/durations';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { errorDetails, readOrNull } from '../shared/telemetry';
import type { SignInLog } from '../sign-ins';
import type { UpstreamFindings, UpstreamFindingsStore } from '../upstream';
import { CATCH_UP_BUDGET_MS, catchUpBudget, checkpointedReplay } from './checkpointed-replay';
import type { ReLoginCheckSettings } from './config';
import type { ActivityEvent } from './domain/activity';
import { checkFailureDatum, reportMetrics } from './domain/check-metrics';
import { activityByClient, type CheckWindow, checkWindow, eventsToReport } from './domain/check-window';
import { dashboardConsoleUrl, metricsConsoleUrl } from './domain/console-links';
import { alertKey, episodeChatMessage, episodeDecision, LOGGED_AS } from './domain/episode-notification';
import { settledThrough } from './domain/hourly-metrics';
import { buildReLoginAssessment, type ReLoginAssessment } from './domain/relogin-assessment';
import {
  type EpisodeMessage,
  type ReLoginLedgerState,
  readLedgerState,
  withPostedThread,
} from './domain/relogin-episode';
import { replaySignIns } from './domain/replay';
import type { CognitoUsageReader } from './ports/cognito-usage';
import type { SessionCheckpointStore } from './ports/session-checkpoints';
import type { UserPoolDirectory } from './ports/user-pool-directory';
import { publishHourlyMetrics } from './publish-hourly-metrics';

export interface ReLoginCheckDeps {
  signIns: Pick<SignInLog, 'list' | 'pages'>;
  notify: NotificationDeps;
  metrics: MetricsPublisher;
  cognitoUsage: CognitoUsageReader;
  userPoolClients: Pick<UserPoolClientReader, 'description'>;
  /** Finds the pool by USER_POOL_NAME when USER_POOL_ID is not set. */
  userPools?: UserPoolDirectory;
  /** The upstream watcher's latest report; without it the advice names the fixed releases only. */
  upstream?: Pick<UpstreamFindingsStore, 'latest'>;
  /** The self-check and the recovery of failed writes (docs/monitoring-coverage.md); without it neither runs. */
  coverage?: { deps: CoverageDeps; settings: CoverageSettings };
  /**
   * Session checkpoints for the exact replay; without them the read reaches ARGOCD_SESSION_HOURS back.
   * A run spends at most `catchUpBudgetMs` (CATCH_UP_BUDGET_MS) of `stopwatch` (default: the clock) on
   * history before its checkpoint's moment; the next run goes on (`checkpointed-replay.ts`).
   */
  replay?: {
    checkpoints: SessionCheckpointStore;
    retentionDays: number;
    stopwatch?: Stopwatch;
    catchUpBudgetMs?: number;
  };
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
      /** The self-check, when it ran for the client: while `blind`, the re-login messages wait. */
      coverage?: {
        percent: number | null;
        findings: string[];
        blind: boolean;
        message: BlindOutcome['kind'];
        outcome: BlindOutcome['outcome'];
      };
    }
  /** The client's check failed (logged, counted in `CheckFailures`); the other clients went on. */
  | { clientId: string; alert: 'not-checked'; error: string }
  /**
   * The check is still replaying the history it needs to classify (the first runs after a deploy),
   * through `replayedThrough` so far: the client's hours wait, the newest marked `MonitorBlind`
   * (catching-up), and nothing is said.
   */
  | { clientId: string; alert: 'catching-up'; replayedThrough: number };

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

/** A missing side view (token settings, Cognito's counts, upstream report) weakens the advice but must not stop the check. */
function optional<T>(
  deps: Pick<ReLoginCheckDeps, 'logger'>,
  what: string,
  read: () => Promise<T>,
): Promise<T | null> {
  return readOrNull(deps.logger, what, 'the report', read);
}

/**
 * The client's episode in Slack (alert, follow-ups in its thread, recovery, stop-gap reminder), one
 * notify-once decision per run; facts without a message (last heavy sighting, stop-gap first seen)
 * are recorded through the same claim.
 */
async function alertIfDue(
  deps: ReLoginCheckDeps,
  assessment: ReLoginAssessment,
  { now, deadline }: { now: number; deadline: Deadline },
): Promise<AlertOutcome> {
  const { settings, logger } = deps;
  const { result, announced } = await notifyDecisionReportingFailures<ReLoginLedgerState, EpisodeMessage>(
    deps,
    {
      key: alertKey(assessment.userPoolId, assessment.clientId),
      decide: (recorded) => episodeDecision(assessment, settings, now, recorded),
      message: (announce, _next, recorded) => episodeChatMessage(settings, assessment, announce, recorded),
      posted: (next, posted) => withPostedThread(next, posted.ts),
    },
    { what: 'the alert', context: { clientId: assessment.clientId }, deadline },
  );
  const outcome = result.status;
  const context = { clientId: assessment.clientId, heavyUsers: assessment.heavyUsers.length };
  if (announced !== null && outcome === 'sent') {
    logger.info(`${LOGGED_AS[announced.kind]} sent`, { ...context, messageKind: announced.kind });
  } else if (announced !== null && outcome === 'logged') {
    logger.info(
      `${LOGGED_AS[announced.kind]} written to the log only (no Slack token); not recorded as sent`,
      context,
    );
  }
  // The result says what happened to a message: recording a fact alone posts none.
  return outcome === 'recorded' ? 'not-due' : outcome;
}

/** One client's report over the window's events. */
async function reportClient(
  deps: PoolDeps,
  clientId: string,
  {
    window,
    upstream,
    events,
    coverage,
  }: {
    window: CheckWindow;
    upstream: UpstreamFindings | null;
    events: ActivityEvent[];
    coverage: CoverageInputs | null;
  },
): Promise<ReLoginAssessment> {
  const { settings } = deps;
  const scope = { userPoolId: settings.userPoolId, clientId };
  // The self-check's one read already holds Cognito's counts: no second request.
  const counters = coverage?.counters?.get(clientId);
  const [client, cognito] = await Promise.all([
    optional(deps, `the token settings of app client ${clientId}`, () =>
      deps.userPoolClients.description(settings.userPoolId, clientId),
    ),
    counters === undefined
      ? optional(deps, `Cognito's metrics for app client ${clientId}`, () =>
          deps.cognitoUsage.read(scope, window.from, window.now),
        )
      : cognitoUsageBetween(counters, window.from, window.now),
  ]);
  return buildReLoginAssessment(
    { ...scope, windowEnd: window.now, events, client, cognito, upstream },
    settings,
  );
}

/** The pool's activity per client, or, while the check still catches up on history, how far it got. */
type Activity =
  | { activity: Map<string, ActivityEvent[]>; catchingUp: null }
  | { activity: null; catchingUp: { replayedThrough: number } };

/**
 * The pool's activity, replayed once, per client (`activityByClient`), from `oldest` on: exactly as a
 * replay of the whole log from the session checkpoint (`checkpointed-replay.ts`), else from a read
 * ARGOCD_SESSION_HOURS further back.
 */
async function replayedActivity(
  deps: PoolDeps,
  window: CheckWindow,
  { oldest, deadline }: { oldest: number; deadline: Deadline },
): Promise<Activity> {
  const { settings, replay } = deps;
  if (replay === undefined) {
    const events = replaySignIns(
      await deps.signIns.list(settings.userPoolId, window.readFrom, window.now + 1),
      settings.rules,
    );
    return { activity: activityByClient(events, settings.clientIds, oldest), catchingUp: null };
  }
  const outcome = await checkpointedReplay(
    { signIns: deps.signIns, checkpoints: replay.checkpoints, logger: deps.logger },
    {
      userPoolId: settings.userPoolId,
      now: window.now,
      oldest,
      rules: settings.rules,
      retentionDays: replay.retentionDays,
      budget: catchUpBudget(
        replay.stopwatch ?? clockStopwatch(deps.clock),
        replay.catchUpBudgetMs ?? CATCH_UP_BUDGET_MS,
        deadline.remainingMs(),
      ),
    },
  );
  return outcome.caughtUp
    ? { activity: activityByClient(outcome.events, settings.clientIds, oldest), catchingUp: null }
    : { activity: null, catchingUp: { replayedThrough: outcome.replayedThrough } };
}

/** A client whose check failed, and its `CheckFailures` datum. */
interface FailedCheck {
  datum: MetricDatum;
  result: ClientCheckResult;
}

/** One client's failure (its activity unreadable, a bad item) must not hide the others' reports. */
function checkFailed(deps: PoolDeps, clientId: string, error: unknown, now: number): FailedCheck {
  deps.logger.error('could not check the app client; the other clients go on, the next run retries', {
    clientId,
    error: errorDetails(error),
  });
  return {
    datum: checkFailureDatum(deps.settings.userPoolId, clientId, now),
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

/** The pool's activity per client; when the log cannot be read, every named client's check failed. */
async function readActivity(
  deps: PoolDeps,
  window: CheckWindow,
  range: { oldest: number; deadline: Deadline },
): Promise<Activity & { failed: FailedCheck[] }> {
  try {
    return { ...(await replayedActivity(deps, window, range)), failed: [] };
  } catch (error) {
    // Without the log there is nothing to check; with no client named there is no one to count it for.
    if (deps.settings.clientIds.length === 0) throw error;
    return {
      activity: new Map(),
      catchingUp: null,
      failed: deps.settings.clientIds.map((clientId) => checkFailed(deps, clientId, error, window.now)),
    };
  }
}

/**
 * A run still catching up on history classifies nothing: no hourly figures (they wait for the run that
 * catches up, up to MAX_CATCH_UP_HOURS back), no report metrics, no Slack message, so nothing says
 * "no re-logins" for hours it could not see. Each named client's newest settled hour is marked
 * `MonitorBlind` (catching-up); a client found only by its activity is not known yet.
 */
async function reportCatchingUp(
  deps: PoolDeps,
  {
    replayedThrough,
    coverage,
    now,
  }: { replayedThrough: number; coverage: CoverageInputs | null; now: number },
): Promise<ClientCheckResult[]> {
  const { settings } = deps;
  const hour = settledThrough(now) - HOUR_MS;
  const data = [
    ...settings.clientIds.flatMap((clientId) =>
      monitorBlindData(hour, 'catching-up', ['catching-up'], {
        UserPoolId: settings.userPoolId,
        ClientId: clientId,
      }),
    ),
    // What the recovery wrote this run is in the log for the replay to come.
    ...(coverage?.recovery == null ? [] : recoveryMetrics(coverage.recovery, settings.userPoolId, now)),
  ];
  if (data.length > 0) await deps.metrics.publish(settings.namespace, data);
  return settings.clientIds.map((clientId) => ({ clientId, alert: 'catching-up', replayedThrough }));
}

type Checked =
  | { assessment: ReLoginAssessment; selfCheck: ClientCoverage | null }
  | { failed: ClientCheckResult };

/**
 * The client's blind episode (one `monitor-blind` alert, one `monitor-restored` reply); while blind its
 * re-login messages wait, so nothing claims what the monitor could not see.
 */
async function selfCheckNotice(
  deps: PoolDeps,
  selfCheck: ClientCoverage,
  clientId: string,
  { now, deadline }: { now: number; deadline: Deadline },
): Promise<BlindOutcome> {
  const { settings } = deps;
  const metricsUrl =
    settings.dashboardName === undefined
      ? metricsConsoleUrl(settings.region, settings.namespace, clientId)
      : dashboardConsoleUrl(settings.region, settings.dashboardName);
  return notifyBlindIfDue(deps, selfCheck, {
    now,
    deadline,
    presentation: {
      userPoolId: settings.userPoolId,
      clientId,
      metricsUrl,
      windowHours: deps.coverage?.settings.policy.windowHours ?? settings.windowHours,
      ...(settings.messages === undefined ? {} : { messages: settings.messages }),
    },
  });
}

/** Every client's report (or its failure) and the metrics to publish before any Slack post. */
async function reportClients(
  deps: PoolDeps,
  activity: ReadonlyMap<string, ActivityEvent[]>,
  {
    window,
    upstream,
    coverage,
  }: { window: CheckWindow; upstream: UpstreamFindings | null; coverage: CoverageInputs | null },
): Promise<{ checked: Checked[]; data: MetricDatum[] }> {
  const checked: Checked[] = [];
  const data: MetricDatum[] = [];
  for (const [clientId, events] of activity) {
    try {
      const inWindow = eventsToReport(events, window, deps.settings.clientIds.length > 0);
      if (inWindow === null) continue;
      const assessment = await reportClient(deps, clientId, { window, upstream, events: inWindow, coverage });
      data.push(...reportMetrics(assessment, window.now));
      const counters = coverage?.counters?.get(clientId);
      const selfCheck =
        coverage === null || counters === undefined || deps.coverage === undefined
          ? null
          : assessCoverage(events, counters, coverage, deps.coverage.settings.policy);
      if (selfCheck !== null) {
        const dimensions = { UserPoolId: deps.settings.userPoolId, ClientId: clientId };
        data.push(...coverageMetrics(selfCheck, dimensions, window.now));
      }
      checked.push({ assessment, selfCheck });
    } catch (error) {
      const { datum, result } = checkFailed(deps, clientId, error, window.now);
      data.push(datum);
      checked.push({ failed: result });
    }
  }
  return { checked, data };
}

/** Each reported client's alert when due, in order; the failures to count in `AlertFailures` or `CheckFailures`. */
async function alertClients(
  deps: PoolDeps,
  checked: readonly Checked[],
  { now, deadline }: { now: number; deadline: Deadline },
): Promise<{ result: ClientCheckResult[]; failures: MetricDatum[] }> {
  const failures: MetricDatum[] = [];
  const results: ClientCheckResult[] = [];
  for (const entry of checked) {
    if ('failed' in entry) {
      results.push(entry.failed);
      continue;
    }
    const { assessment, selfCheck } = entry;
    const { clientId } = assessment;
    const dimensions = { UserPoolId: deps.settings.userPoolId, ClientId: clientId };
    try {
      const blind =
        selfCheck === null ? null : await selfCheckNotice(deps, selfCheck, clientId, { now, deadline });
      if (blind?.outcome === 'failed') failures.push(alertFailure(1, dimensions, now));
      const alert = blind?.blind ? 'not-due' : await alertIfDue(deps, assessment, { now, deadline });
      if (alert === 'failed') failures.push(alertFailure(1, dimensions, now));
      results.push({
        clientId,
        activeUsers: assessment.totals.activeUsers,
        heavyUsers: assessment.heavyUsers.length,
        advice: assessment.advice.map((item) => item.id),
        alert,
        ...(selfCheck === null || blind === null
          ? {}
          : {
              coverage: {
                percent: selfCheck.check.coveragePercent,
                findings: selfCheck.check.findings.map((finding) => finding.cause),
                blind: blind.blind,
                message: blind.kind,
                outcome: blind.outcome,
              },
            }),
      });
    } catch (error) {
      const { datum, result } = checkFailed(deps, clientId, error, now);
      failures.push(datum);
      results.push(result);
    }
  }
  return { result: results, failures };
}

/** `deadline`: when to stop waiting on Slack (from the Lambda context); alerts not sent are retried next run. */
export async function runReLoginCheck(
  unresolved: ReLoginCheckDeps,
  { deadline = NO_DEADLINE }: { deadline?: Deadline } = {},
): Promise<ClientCheckResult[]> {
  const deps = await poolDeps(unresolved);
  const { settings, clock } = deps;
  const now = clock.now().getTime();
  const window = checkWindow(now, settings.windowHours, settings.rules.sessionHours);
  const source = deps.upstream;
  const upstream =
    source === undefined ? null : await optional(deps, 'the upstream report', () => source.latest(now));
  // The self-check's reads and the recovery come first: the log read after them holds what it recovered.
  const coverage =
    deps.coverage === undefined
      ? null
      : await gatherCoverageInputs(deps.coverage.deps, deps.coverage.settings, {
          userPoolId: settings.userPoolId,
          clientIds: settings.clientIds,
          namespace: settings.namespace,
          now,
          readFrom: window.readFrom,
        });
  // The hours the self-check compares may start before the oldest hour the metrics still publish.
  const read = await readActivity(deps, window, {
    oldest: Math.min(window.oldest, coverage?.window.from ?? window.oldest),
    deadline,
  });
  if (read.catchingUp !== null) {
    return reportCatchingUp(deps, { replayedThrough: read.catchingUp.replayedThrough, coverage, now });
  }
  // 1. The completed hours' classified metrics, each published once; the recent ones wait while
  // failed writes wait for the recovery, so they are published with what it writes.
  const hours = await publishHourlyMetrics(
    { ...deps, ledger: deps.notify.ledger },
    settings.namespace,
    [...read.activity].map(([clientId, events]) => ({ userPoolId: settings.userPoolId, clientId, events })),
    now,
    coverage?.recoveryPending ? now - RECOVERY_HOLD_MS : undefined,
  );
  const hoursFailed = hours.failed.map(({ clientId, error }) => checkFailed(deps, clientId, error, now));
  const toReport = new Map(read.activity);
  for (const { clientId } of hours.failed) toReport.delete(clientId);
  // 2. Every client's report, its metrics published before any Slack post.
  const reported = await reportClients(deps, toReport, { window, upstream, coverage });
  const failedEarlier = [...read.failed, ...hoursFailed];
  const recovered =
    coverage?.recovery == null ? [] : recoveryMetrics(coverage.recovery, settings.userPoolId, now);
  const data = [...failedEarlier.map(({ datum }) => datum), ...reported.data, ...recovered];
  const checked = [...failedEarlier.map(({ result }) => ({ failed: result })), ...reported.checked];
  // 3. The alerts, when due; their failures in a small publish after them.
  const outcomes = await publishThenNotify(deps.metrics, settings.namespace, data, () =>
    alertClients(deps, checked, { now, deadline }),
  );
  if (hours.refused !== null) throw hours.refused.error;
  return outcomes;
}
