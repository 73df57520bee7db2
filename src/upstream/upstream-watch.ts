/**
 * The scheduled upstream watch: check GitHub for the catalogued fixes, keep the progress, store the
 * report for the re-login check's advice, publish metrics, and announce each newly fixed release once.
 * The metrics go out before the first announcement (Slack rate-limit waits must not cost them);
 * `AlertFailures` follows in a second, small publish.
 *
 * State rules: a GitHub failure (5xx, timeout, malformed JSON) leaves every stored item as it was; a
 * used-up rate limit stores what was learnt and nothing else, and the next run goes on from there.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserPoolClientReader } from '../app-clients';
import { alertFailure, type NotificationDeps, notifyAndReport, publishThenNotify } from '../notifications';
import type { Clock } from '../shared/clock';
import { type Deadline, NO_DEADLINE } from '../shared/deadline';
import { METRICS, metricDatum, type PublishedMetric } from '../shared/metric-catalog';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { errorDetails } from '../shared/telemetry';
import { checkUpstream } from './check-upstream';
import type { AppClientSettings } from './config';
import type { FixEntry } from './domain/catalog';
import { type ClientIdTokenValidity, fixReleasedMessage } from './domain/fix-message';
import type { UpstreamReport } from './domain/upstream-fix-status';
import type { DeployedVersionSource } from './ports/deployed-version';
import { type GitHubApi, GitHubError } from './ports/github';
import type { UpstreamKnowledgeStore } from './ports/upstream-knowledge-store';
import type { UpstreamReportStore } from './ports/upstream-report-store';

export interface UpstreamWatchDeps {
  github: GitHubApi;
  knowledgeStore: UpstreamKnowledgeStore;
  reportStore: UpstreamReportStore;
  deployedVersion: DeployedVersionSource;
  notify: NotificationDeps;
  metrics: MetricsPublisher;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Reads the Argo CD app clients' token validity when `settings.appClients` names them. */
  userPoolClients?: UserPoolClientReader;
  settings: {
    catalog: readonly FixEntry[];
    metricsNamespace: string;
    /** Pool and Argo CD clients (USER_POOL_ID, ARGOCD_CLIENT_IDS); unset = the generic "what to set". */
    appClients?: AppClientSettings;
  };
}

export type UpstreamWatchResult =
  | { outcome: 'complete'; report: UpstreamReport; announced: string[]; failedAnnouncements: number }
  | { outcome: 'rate-limited'; resetAt: number | null }
  | { outcome: 'out-of-time' }
  | { outcome: 'github-failed' };

/** The notification ledger key of one fixed release of one fix. */
function announcementKey(fixId: string, release: string): string {
  return `upstream-fix#${fixId}#${release}`;
}

export function upstreamMetrics(report: UpstreamReport): MetricDatum[] {
  return report.fixes.flatMap((fix) => {
    const gauge = (metric: PublishedMetric, value: boolean): MetricDatum =>
      metricDatum(metric, value ? 1 : 0, { FixId: fix.id }, report.checkedAt);
    return [
      gauge(METRICS.UpstreamFixReleased, fix.fixedIn.length > 0),
      ...(fix.deployedHasFix === null ? [] : [gauge(METRICS.DeployedHasFix, fix.deployedHasFix)]),
    ];
  });
}

async function readDeployedVersion(deps: UpstreamWatchDeps): Promise<string | null> {
  try {
    return await deps.deployedVersion.current();
  } catch (error) {
    // The release facts are worth reporting even when Argo CD cannot be asked right now.
    deps.logger.warn('deployed Argo CD version unknown for this run', { error: errorDetails(error) });
    return null;
  }
}

/**
 * The ID-token validity of every configured Argo CD client, for "what to set". Any client unreadable:
 * none (a threshold fitted to the others could be too long for it), with a warning; never a failed run.
 */
async function readIdTokenValidity(deps: UpstreamWatchDeps): Promise<ClientIdTokenValidity[]> {
  const { appClients } = deps.settings;
  if (appClients === undefined || deps.userPoolClients === undefined) return [];
  const reader = deps.userPoolClients;
  const validities: ClientIdTokenValidity[] = [];
  for (const clientId of appClients.clientIds) {
    try {
      const { idTokenMinutes } = await reader.tokenValidity(appClients.userPoolId, clientId);
      validities.push({ clientId, idTokenMinutes });
    } catch (error) {
      deps.logger.warn(
        "cannot read the app client's ID-token validity; the announcement gives the generic advice",
        { userPoolId: appClients.userPoolId, clientId, error: errorDetails(error) },
      );
      return [];
    }
  }
  return validities;
}

/** One message per fixed release not announced before; each recorded only after Slack accepted it. */
async function announce(deps: UpstreamWatchDeps, report: UpstreamReport, deadline: Deadline) {
  const announced: string[] = [];
  const failures: MetricDatum[] = [];
  // The report is built from this catalog: every fix has its entry.
  const entries = new Map(deps.settings.catalog.map((entry) => [entry.id, entry]));
  // Read only when some release could be announced.
  const idTokenValidity = report.fixes.some((fix) => fix.fixedIn.length > 0)
    ? await readIdTokenValidity(deps)
    : [];
  for (const fix of report.fixes) {
    const entry = entries.get(fix.id) as FixEntry;
    let failedForFix = 0;
    for (const release of fix.fixedIn) {
      const outcome = await notifyAndReport<{ release: string }>(
        deps,
        {
          key: announcementKey(entry.id, release),
          decide: (previous) => (previous === null ? { release } : null),
          message: () => fixReleasedMessage(entry, fix, release, report.deployedVersion, idTokenValidity),
        },
        { what: 'the fixed-release announcement', context: { fixId: entry.id, release }, deadline },
      );
      if (outcome === 'sent') announced.push(`${entry.id} ${release}`);
      if (outcome === 'failed') failedForFix += 1;
    }
    if (failedForFix > 0) failures.push(alertFailure(failedForFix, { FixId: entry.id }, report.checkedAt));
  }
  const failed = failures.reduce((sum, datum) => sum + datum.value, 0);
  return { announced, failed, failures };
}

/** `deadline`: when to stop waiting on GitHub and Slack (from the Lambda context); the next run goes on. */
export async function runUpstreamWatch(
  deps: UpstreamWatchDeps,
  { deadline = NO_DEADLINE }: { deadline?: Deadline } = {},
): Promise<UpstreamWatchResult> {
  const { catalog, metricsNamespace } = deps.settings;
  const stored = await deps.knowledgeStore.load();
  const deployedVersion = await readDeployedVersion(deps);
  let outcome: Awaited<ReturnType<typeof checkUpstream>>;
  try {
    outcome = await checkUpstream(deps, catalog, stored, deployedVersion, deadline);
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    deps.logger.error('GitHub check failed; stored state left untouched, the next run tries again', {
      error: errorDetails(error),
    });
    return { outcome: 'github-failed' };
  }
  await deps.knowledgeStore.save(outcome.knowledge);
  if (outcome.kind === 'rate-limited') {
    deps.logger.warn('GitHub rate limit used up; progress kept, the next run continues', {
      requests: outcome.requests,
      resetAt: outcome.resetAt === null ? null : new Date(outcome.resetAt).toISOString(),
      reason: outcome.reason,
    });
    return { outcome: 'rate-limited', resetAt: outcome.resetAt };
  }
  if (outcome.kind === 'out-of-time') {
    deps.logger.warn('out of time for GitHub; progress kept, the next run continues', {
      requests: outcome.requests,
      reason: outcome.reason,
    });
    return { outcome: 'out-of-time' };
  }
  const { report } = outcome;
  await deps.reportStore.save(report);
  const { announced, failed } = await publishThenNotify(
    deps.metrics,
    metricsNamespace,
    upstreamMetrics(report),
    async () => {
      const announcement = await announce(deps, report, deadline);
      return { result: announcement, failures: announcement.failures };
    },
  );
  deps.logger.info('upstream check complete', {
    requests: outcome.requests,
    deployedVersion: report.deployedVersion,
    fixes: report.fixes.map(({ id, fixedIn, deployedHasFix, upgradeTo }) => ({
      id,
      fixedIn,
      deployedHasFix,
      upgradeTo,
    })),
    announced,
    failedAnnouncements: failed,
  });
  return { outcome: 'complete', report, announced, failedAnnouncements: failed };
}
