/**
 * The scheduled upstream watch: check GitHub for the catalogued fixes, keep the progress, store the
 * report for the re-login check's advice, publish metrics, and announce each fix once (one message with
 * every fixed line), then post single updates in its thread (`domain/fix-announcement.ts`).
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
import type { Messages } from '../shared/i18n';
import { METRICS, metricDatum, type PublishedMetric } from '../shared/metric-catalog';
import type { MetricDatum, MetricsPublisher } from '../shared/ports/metrics-publisher';
import { errorDetails } from '../shared/telemetry';
import { checkUpstream } from './check-upstream';
import type { AppClientSettings } from './config';
import { announcedFixes, type FixEntry } from './domain/catalog';
import {
  type FixAnnouncement,
  type FixAnnouncementState,
  nextFixAnnouncement,
} from './domain/fix-announcement';
import { type ClientIdTokenValidity, fixMessage } from './domain/fix-message';
import type { FixStatus, UpstreamFindings } from './domain/upstream-fix-status';
import type { DeployedVersionSource } from './ports/deployed-version';
import { type GitHubApi, GitHubError } from './ports/github';
import type { UpstreamFindingsStore } from './ports/upstream-findings-store';
import type { UpstreamKnowledgeStore } from './ports/upstream-knowledge-store';

export interface UpstreamWatchDeps {
  github: GitHubApi;
  knowledgeStore: UpstreamKnowledgeStore;
  reportStore: UpstreamFindingsStore;
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
    /** LOCALE and REPORT_TIMEZONE; English when absent. */
    messages?: Messages;
    /** Pool and Argo CD clients (USER_POOL_ID, ARGOCD_CLIENT_IDS); unset = the generic "what to set". */
    appClients?: AppClientSettings;
  };
}

export type UpstreamWatchResult =
  | { outcome: 'complete'; report: UpstreamFindings; announced: string[]; failedAnnouncements: number }
  | { outcome: 'rate-limited'; resetAt: number | null }
  | { outcome: 'out-of-time' }
  | { outcome: 'github-failed' };

/**
 * The notification ledger key of one fix (its first message and thread). Before digests the key was
 * per release (`upstream-fix#<id>#<release>`): a deployment upgrading from then posts the digest once.
 */
function announcementKey(fixId: string): string {
  return `upstream-fix#${fixId}`;
}

export function upstreamMetrics(findings: UpstreamFindings): MetricDatum[] {
  return findings.fixes.flatMap((fix) => {
    const gauge = (metric: PublishedMetric, value: boolean): MetricDatum =>
      metricDatum(metric, value ? 1 : 0, { FixId: fix.id }, findings.checkedAt);
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

/**
 * One message per fix (its prerequisites shown inside it, never on their own) the first time any line
 * has it, then single updates in its thread; each recorded only after Slack accepted it.
 */
async function announce(deps: UpstreamWatchDeps, findings: UpstreamFindings, deadline: Deadline) {
  const announced: string[] = [];
  const failures: MetricDatum[] = [];
  const { catalog } = deps.settings;
  const statuses = new Map(findings.fixes.map((fix) => [fix.id, fix]));
  // Read only when some fix could be announced.
  const idTokenValidity = findings.fixes.some((fix) => fix.fixedIn.length > 0)
    ? await readIdTokenValidity(deps)
    : [];
  for (const entry of announcedFixes(catalog)) {
    // The report is built from this catalog: every entry has its status.
    const fix = statuses.get(entry.id) as FixStatus;
    const prerequisites = catalog
      .filter((candidate) => candidate.prerequisiteOf === entry.id)
      .map((prerequisite) => ({ entry: prerequisite, status: statuses.get(prerequisite.id) }));
    let step: FixAnnouncement | null = null;
    const outcome = await notifyAndReport<FixAnnouncementState>(
      deps,
      {
        key: announcementKey(entry.id),
        decide: (previous) => {
          step = nextFixAnnouncement(previous, fix, findings.deployedVersion);
          return step?.state ?? null;
        },
        message: (next) => {
          const update = (step as FixAnnouncement | null)?.update ?? null;
          const message = {
            ...fixMessage(entry, fix, findings.deployedVersion, {
              idTokenValidity,
              prerequisites,
              update,
              ...(deps.settings.messages === undefined ? {} : { messages: deps.settings.messages }),
            }),
            kind: 'upstream' as const,
          };
          if (update === null || next.threadTs === null) return message;
          // A changed answer for the deployed Argo CD concerns everyone; a new line elsewhere only the thread.
          return { ...message, thread: { parentTs: next.threadTs, broadcast: update.answerChanged } };
        },
        posted: (next, posted) => (next.threadTs === null ? { ...next, threadTs: posted.ts } : next),
      },
      {
        what: 'the fixed-release announcement',
        context: { fixId: entry.id, fixedIn: fix.fixedIn },
        deadline,
      },
    );
    const update = (step as FixAnnouncement | null)?.update;
    if (outcome === 'sent') {
      const lines = update === undefined || update === null ? fix.fixedIn : update.newLines;
      const deployed = update?.deployedChange ? [`deployed ${update.deployedChange.to}`] : [];
      announced.push(`${entry.id} ${[...lines, ...deployed].join(', ')}`);
    }
    if (outcome === 'failed') failures.push(alertFailure(1, { FixId: entry.id }, findings.checkedAt));
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
  const { findings } = outcome;
  await deps.reportStore.save(findings);
  const { announced, failed } = await publishThenNotify(
    deps.metrics,
    metricsNamespace,
    upstreamMetrics(findings),
    async () => {
      const announcement = await announce(deps, findings, deadline);
      return { result: announcement, failures: announcement.failures };
    },
  );
  deps.logger.info('upstream check complete', {
    requests: outcome.requests,
    deployedVersion: findings.deployedVersion,
    fixes: findings.fixes.map(({ id, fixedIn, deployedHasFix, upgradeTo }) => ({
      id,
      fixedIn,
      deployedHasFix,
      upgradeTo,
    })),
    announced,
    failedAnnouncements: failed,
  });
  return { outcome: 'complete', report: findings, announced, failedAnnouncements: failed };
}
