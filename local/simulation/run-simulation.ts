/**
 * Plays a scenario on the local stack: the simulated team works its days in Argo CD, signing in (and,
 * with the fix, refreshing) through cognito-local's real API, so the trigger runs as Cognito calls it;
 * the scheduled functions run at their schedules' times; one simulated clock serves the team and every
 * function. At the end the report is written to `outDir` beside the Slack messages, the metrics and the
 * functions' logs.
 */

import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuthTriggerHandler } from '../../functions/auth-event/deps';
import { createReLoginCheckHandler } from '../../functions/relogin-check/deps';
import { buildReportDeps, createReportHandler } from '../../functions/report/deps';
import { createUpstreamWatchHandler } from '../../functions/upstream-watch/deps';
import { lambdaLogGroup } from '../../src/adapters/cloudwatch-logs/unrecorded-sign-ins';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { writeReportFiles } from '../../src/cli/report-files';
import {
  type ActivitySummary,
  ActivitySummaryBuilder,
  type ClientCheckResult,
  HEAVY_WINDOW_HOURS,
  readTrackingSettings,
  replaySignIns,
  userLabeler,
} from '../../src/relogins';
import { gatherReport, lastCompletePeriod, type PeriodicReport } from '../../src/reports';
import { fixedClock } from '../../src/shared/clock';
import { readTableSettings } from '../../src/shared/config/settings';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/shared/durations';
import type { LambdaHandler } from '../../src/shared/lambda-startup';
import { METRICS } from '../../src/shared/metric-catalog';
import { createLogger } from '../../src/shared/telemetry';
import { readTriggerBudgetMs } from '../../src/sign-ins';
import { type LocalStack, startLocalStack, TRIGGER_ARN } from '../local-stack';
import { addUser, type LocalPoolUser, refresh, setTokenValidity, signIn } from '../stand-ins/cognito-pool';
import type { ProxyFault } from '../stand-ins/counting-proxy';
import { emfValues } from '../stand-ins/emf';
import type { PostedToSlack, UploadedToSlack } from '../stand-ins/fake-slack';
import { lambdaContext } from '../stand-ins/lambda-context';
import { Agenda } from './agenda';
import {
  afterLogin,
  afterRefresh,
  type BrowserSession,
  nextSessionChange,
  nextSessionStep,
} from './argocd-sessions';
import { divertFunctionOutput } from './function-output';
import {
  type ScenarioChange,
  type ScenarioName,
  type ScenarioPlan,
  scenarioPlan,
  type TriggerDynamoDbFault,
} from './scenarios';
import { reportTimeAfter, type ScheduledJob, scheduledRuns } from './schedules';
import { seededRandom, type TeamShape, teamMembers, type WorkSpell, workingDays, workSpells } from './team';

export interface SimulationOptions extends TeamShape {
  scenario: ScenarioName;
  /** Epoch ms of the Monday 00:00 UTC the simulated week starts on. */
  firstMonday: number;
  online: boolean;
  outDir: string;
  dynamoDbEndpoint?: string;
  /** Told of each thing as it happens (the terminal show prints them). */
  onEvent?: (event: SimulationEvent, terminal: (text: string) => void) => void;
}

/** What the simulated team did on one working day: the truth the monitor's figures are checked against. */
export interface DayTally {
  day: number;
  signIns: number;
  /** Sign-ins after the session had expired during the working day: the re-logins users felt. */
  midDaySignIns: number;
  refreshes: number;
}

export type SimulationEvent =
  | { kind: 'started'; plan: ScenarioPlan; userPoolId: string; clientId: string; users: number }
  | { kind: 'change'; change: ScenarioChange }
  | { kind: 'slack-message'; message: PostedToSlack; thread: PostedToSlack | undefined }
  | { kind: 'slack-file'; file: UploadedToSlack; thread: PostedToSlack | undefined }
  | { kind: 'day-ended'; tally: DayTally }
  | { kind: 'job-failed'; job: ScheduledJob; at: number; error: string };

export interface SimulationResult {
  plan: ScenarioPlan;
  /** What the simulated team did, day by day. */
  team: DayTally[];
  /** The monitor's replay of what the trigger logged, as `relogin-monitor analyze` computes it. */
  summary: ActivitySummary;
  slackMessages: PostedToSlack[];
  slackFiles: UploadedToSlack[];
  checks: { at: number; results: ClientCheckResult[] }[];
  /** The periodic report of the simulated week, as gathered for the files. */
  report: PeriodicReport;
  /** Advice ids of the re-login messages that went out, then the report's, in order of first appearance. */
  advice: string[];
  /** EMF metric sums the functions wrote (the trigger's SignInEvents, TokenRefreshEvents, RecordFailures). */
  emf: Record<string, number>;
  /** Sign-ins the hourly check wrote from the trigger's failed-write lines (its `RecoveredSignIns`). */
  recovered: number;
  /** The trigger's writes DynamoDB took but answered after its budget: failed for the trigger, yet in the log. */
  landedLate: number;
  /** Data points the functions sent to CloudWatch with PutMetricData. */
  metricsPublished: number;
  files: { report: string; html: string; chart: string; slack: string; metrics: string; log: string };
}

/** Argo CD's `users.session.duration` default: the fixed refresh's ceiling from the login. */
const SESSION_DURATION_MS = 24 * HOUR_MS;
/** How long after the ID token expires the user's next click reaches the server, at most. */
const MAX_NOTICE_MS = 5 * MINUTE_MS;
/** How much later than the trigger's budget a hanging DynamoDB answers (real time). */
const HANG_PAST_BUDGET_MS = 1_000;
/** The log stream the trigger's lines are shipped to, as Lambda's log agent names one. */
const TRIGGER_LOG_STREAM = '2026/01/01/[$LATEST]simulation';

function proxyFault(fault: TriggerDynamoDbFault, budgetMs: number): ProxyFault {
  return fault === 'hang' ? { kind: 'hang', holdMs: budgetMs + HANG_PAST_BUDGET_MS } : { kind: fault };
}

/**
 * Hourly sums of the metrics CloudWatch would hold beside what the functions publish themselves:
 * Cognito's own counts (cognito-local publishes none) and the trigger's EMF metrics.
 */
class HourlyMetricSums {
  private readonly series = new Map<
    string,
    { namespace: string; name: string; dimensions: Record<string, string>; hours: Map<number, number> }
  >();

  add(namespace: string, name: string, dimensions: Record<string, string>, at: number, value = 1) {
    const key = JSON.stringify([namespace, name, dimensions]);
    const entry = this.series.get(key) ?? { namespace, name, dimensions, hours: new Map() };
    this.series.set(key, entry);
    const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
    entry.hours.set(hour, (entry.hours.get(hour) ?? 0) + value);
  }

  /** Hands every series to the local CloudWatch, for GetMetricData to answer with. */
  publishTo(cloudwatch: LocalStack['cloudwatch']) {
    for (const { namespace, name, dimensions, hours } of this.series.values()) {
      const points = [...hours].map(([hour, value]) => ({ at: hour, value }));
      cloudwatch.setSeries(namespace, name, dimensions, points);
    }
  }
}

function scheduledEvent(at: number) {
  return { source: 'aws.events', 'detail-type': 'Scheduled Event', time: new Date(at).toISOString() };
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const days = workingDays(options.firstMonday, options.days);
  const plan = scenarioPlan(options.scenario, days);
  if (options.days < plan.minDays) {
    throw new RangeError(
      `the ${plan.name} scenario needs at least ${plan.minDays} days, got ${options.days}`,
    );
  }
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const files = {
    report: join(options.outDir, 'report.md'),
    html: join(options.outDir, 'report.html'),
    chart: join(options.outDir, 'relogins.png'),
    slack: join(options.outDir, 'slack.jsonl'),
    metrics: join(options.outDir, 'metrics.jsonl'),
    log: join(options.outDir, 'functions.log'),
  };
  const clock = fixedClock(new Date(options.firstMonday));
  const output = divertFunctionOutput(files.log);
  const tell = (event: SimulationEvent) => options.onEvent?.(event, output.terminal);
  let stack: LocalStack | undefined;
  const interrupted = () => {
    void Promise.allSettled([stack?.stop(), output.restore()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const byTs = new Map<string, PostedToSlack>();
    writeFileSync(files.slack, '');
    stack = await startLocalStack({
      tokenValidityHours: plan.tokenValidityHours,
      argoCdVersion: plan.release.version,
      online: options.online,
      ...(options.dynamoDbEndpoint === undefined ? {} : { dynamoDbEndpoint: options.dynamoDbEndpoint }),
      slack: {
        now: () => clock.now().getTime(),
        onMessage: (message) => {
          byTs.set(message.ts, message);
          appendFileSync(
            files.slack,
            `${JSON.stringify({ ...message, at: new Date(message.at).toISOString() })}\n`,
          );
          tell({ kind: 'slack-message', message, thread: byTs.get(message.threadTs ?? '') });
        },
        onFile: (file) => tell({ kind: 'slack-file', file, thread: byTs.get(file.threadTs ?? '') }),
      },
    });
    const local = stack;
    const { env, pool } = local;
    const trigger = await local.buildTrigger(() => createAuthTriggerHandler(env, clock));
    const { refreshTriggerSource } = plan;
    const metricSums = new HourlyMetricSums();
    const triggerLogGroup = lambdaLogGroup(TRIGGER_ARN);
    // What Lambda's log agent and CloudWatch do with the trigger's output: the log lines into its log
    // group (where the recovery reads them), the EMF metrics (RecordFailures among them) into metrics.
    const shipTriggerOutput = (lines: readonly string[]) => {
      const at = clock.now().getTime();
      for (const line of lines) {
        const parsed = line.includes('"_aws"') ? (JSON.parse(line) as Record<string, unknown>) : null;
        if (parsed === null) {
          local.cloudwatchLogs.addEvents(triggerLogGroup, TRIGGER_LOG_STREAM, [
            { timestamp: at, message: line },
          ]);
          continue;
        }
        for (const { namespace, name, dimensionSets, value } of emfValues(parsed)) {
          for (const dimensions of dimensionSets) metricSums.add(namespace, name, dimensions, at, value);
        }
      }
    };
    local.attachTrigger(async (event) => {
      const delivered =
        refreshTriggerSource === undefined ? event : withRefreshSource(event, refreshTriggerSource);
      const { result, lines } = await output.during(() => trigger(delivered));
      shipTriggerOutput(lines);
      return result;
    });
    const jobs: Record<ScheduledJob, LambdaHandler<unknown, unknown>> = {
      'upstream-watch': await createUpstreamWatchHandler(env, clock),
      'relogin-check': await createReLoginCheckHandler(env, clock),
      report: await createReportHandler(env, clock),
    };
    tell({
      kind: 'started',
      plan,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      users: options.users,
    });

    const spells = workSpells(options, options.firstMonday);
    const users = new Map<string, LocalPoolUser>();
    for (const { email } of teamMembers(options.users)) users.set(email, await addUser(pool, email));

    let validityHours = plan.tokenValidityHours;
    let release = plan.release;
    let thresholdMs = 0;
    const cognitoScope = { UserPool: pool.userPoolId, UserPoolClient: pool.clientId };
    const countCognito = (metric: 'SignInSuccesses' | 'TokenRefreshSuccesses') =>
      metricSums.add('AWS/Cognito', metric, cognitoScope, clock.now().getTime());
    const tallies = days.map((_, day): DayTally => ({ day, signIns: 0, midDaySignIns: 0, refreshes: 0 }));
    const sessions = new Map<string, { session: BrowserSession; refreshToken: string }>();
    const random = seededRandom(options.seed + 1);
    const agenda = new Agenda();

    const act = async (spell: WorkSpell, tally: DayTally, firstOfDay: boolean) => {
      const at = clock.now().getTime();
      const user = users.get(spell.member.email) as LocalPoolUser;
      const current = sessions.get(spell.member.email) ?? null;
      const step = nextSessionStep(current?.session ?? null, at, thresholdMs);
      if (step === 'login') {
        const tokens = await signIn(user);
        const session = afterLogin(at, validityHours * HOUR_MS, release, SESSION_DURATION_MS);
        sessions.set(spell.member.email, { session, refreshToken: tokens.RefreshToken as string });
        tally.signIns += 1;
        if (!firstOfDay) tally.midDaySignIns += 1;
        countCognito('SignInSuccesses');
      } else if (step === 'refresh' && current !== null) {
        await refresh(user, current.refreshToken);
        sessions.set(spell.member.email, {
          ...current,
          session: afterRefresh(current.session, at, validityHours * HOUR_MS),
        });
        tally.refreshes += 1;
        countCognito('TokenRefreshSuccesses');
      }
      const { session } = sessions.get(spell.member.email) as { session: BrowserSession };
      const next = nextSessionChange(session, at, thresholdMs) + Math.floor(random() * MAX_NOTICE_MS);
      if (next < spell.to) agenda.add(next, () => act(spell, tally, false));
    };
    for (const spell of spells) {
      const tally = tallies[
        days.findIndex((day) => spell.from >= day && spell.from < day + DAY_MS)
      ] as DayTally;
      agenda.add(spell.from, () => act(spell, tally, true));
    }
    days.forEach((day, index) => {
      agenda.add(day + DAY_MS - 1, async () =>
        tell({ kind: 'day-ended', tally: tallies[index] as DayTally }),
      );
    });
    for (const change of plan.changes) {
      agenda.add(change.at, async () => {
        if (change.kind === 'token-validity') {
          await setTokenValidity(pool, change.hours);
          validityHours = change.hours;
        } else if (change.kind === 'trigger-slot') {
          await local.setTriggerInSlot(change.inSlot);
        } else if (change.kind === 'trigger-dynamodb') {
          local.triggerDynamoDb.setFault(proxyFault(change.fault, readTriggerBudgetMs(env)));
        } else {
          local.argocd.version = change.release.version;
          release = change.release;
          thresholdMs = change.refreshTokenThresholdMinutes * MINUTE_MS;
        }
        tell({ kind: 'change', change });
      });
    }

    const checks: SimulationResult['checks'] = [];
    const reportAt = reportTimeAfter((days.at(-1) as number) + DAY_MS);
    for (const { at, job } of scheduledRuns(options.firstMonday, reportAt)) {
      agenda.add(at, async () => {
        metricSums.publishTo(local.cloudwatch);
        try {
          const result = await jobs[job](
            scheduledEvent(at),
            lambdaContext({ functionName: job, timeoutMs: 120_000 }),
          );
          if (job === 'relogin-check') checks.push({ at, results: result as ClientCheckResult[] });
        } catch (error) {
          tell({ kind: 'job-failed', job, at, error: (error as Error).message });
        }
      });
    }
    await agenda.runAll((at) => clock.set(new Date(at)));

    const reportDeps = buildReportDeps(env, createLogger(), clock);
    const { settings } = reportDeps;
    const report = await gatherReport(
      reportDeps,
      lastCompletePeriod(reportAt, settings.period, settings.timeZone),
    );
    await writeReportFiles(options.outDir, report, {
      label: userLabeler(settings.identity),
      topUsers: settings.topUsers,
    });
    const published = local.cloudwatch.putData();
    writeFileSync(files.metrics, published.map((datum) => JSON.stringify(datum)).join('\n'));
    const slackMessages = [...local.slack.messages];
    return {
      plan,
      team: tallies,
      summary: await monitorSummary(local, options.firstMonday, reportAt),
      slackMessages,
      slackFiles: [...local.slack.files],
      checks,
      report,
      advice: [
        ...new Set([
          ...checks.flatMap(({ results }) =>
            results.flatMap((result) => ('advice' in result && result.alert === 'sent' ? result.advice : [])),
          ),
          ...report.clients.flatMap((client) => client.advice.map((item) => item.id)),
        ]),
      ],
      emf: output.emfTotals(),
      recovered: published
        .filter((datum) => datum.name === METRICS.RecoveredSignIns.name)
        .reduce((sum, datum) => sum + datum.value, 0),
      landedLate: local.triggerDynamoDb.heldAnswers.filter((operation) => operation === 'PutItem').length,
      metricsPublished: published.length,
      files,
    };
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await stack?.stop();
    await output.restore();
  }
}

/** A refresh's trigger event as Cognito sends it when it reports refreshes under another source. */
function withRefreshSource(event: unknown, source: string): unknown {
  const { triggerSource } = event as { triggerSource?: unknown };
  return triggerSource === 'TokenGeneration_RefreshTokens'
    ? { ...(event as object), triggerSource: source }
    : event;
}

/** The whole log replayed by the monitor's one replay, summarised as `analyze` does (heavy at the last event). */
async function monitorSummary(stack: LocalStack, from: number, to: number): Promise<ActivitySummary> {
  const tracking = readTrackingSettings(stack.env);
  const log = new DynamoSignInLog(createDocumentClient(), readTableSettings(stack.env));
  const events = replaySignIns(await log.list(stack.pool.userPoolId, from, to), tracking.rules);
  const builder = new ActivitySummaryBuilder({
    minReLogins: tracking.heavyReLogins,
    windowHours: HEAVY_WINDOW_HOURS,
    windowEnd: events.at(-1)?.at ?? to,
  });
  for (const event of events) builder.add(event);
  return builder.result();
}
