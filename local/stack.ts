/**
 * The whole system on one machine, no AWS account: the sample week's sign-ins go through the real
 * trigger into DynamoDB Local, then the real upstream watch (against a local GitHub API serving the
 * argo-cd fixtures) and the real re-login check run, posting to a local Slack and CloudWatch.
 */
import { startAuthTrigger, warmUp } from '../functions/auth-event/deps';
import { buildReLoginCheckDeps } from '../functions/relogin-check/deps';
import { buildUpstreamWatchDeps } from '../functions/upstream-watch/deps';
import { forEachEventLine, openEventSource } from '../src/cli/event-file';
import { type ClientCheckResult, runReLoginCheck } from '../src/relogins';
import { fixedClock } from '../src/shared/clock';
import { cognitoTrigger } from '../src/shared/lambda-startup';
import { metricsPublishedBy } from '../src/shared/metric-catalog';
import { createLogger } from '../src/shared/telemetry';
import { handleAuthTrigger } from '../src/sign-ins';
import { runUpstreamWatch, type UpstreamWatchResult } from '../src/upstream';
import { startLocalStandIns } from './local-stand-ins';
import { readableText } from './stand-ins/block-kit';
import { captureOutput, metricTotals } from './stand-ins/emf';
import type { FakeCloudWatch, RecordedDatum } from './stand-ins/fake-cloudwatch';
import type { PostedToSlack } from './stand-ins/fake-slack';
import { lambdaContext } from './stand-ins/lambda-context';

export interface LocalStackOptions {
  /** JSON Lines of `{"at", "event"}` (as for `relogin-monitor analyze`). */
  eventsFile: string;
  /** The Argo CD version the local deployment pretends to run. */
  deployedVersion: string;
  /** A DynamoDB Local already running (the tests' one); otherwise one is started and stopped here. */
  dynamoDbEndpoint?: string;
}

export interface LocalStackResult {
  replayed: { events: number; metrics: Record<string, number> };
  upstream: UpstreamWatchResult;
  reloginCheck: ClientCheckResult[];
  slack: PostedToSlack[];
  cloudwatch: RecordedDatum[];
}

async function readEvents(path: string): Promise<{ at: number; event: unknown }[]> {
  const events: { at: number; event: unknown }[] = [];
  const { stream, close } = await openEventSource(path, process.stdin);
  try {
    // The sample week lies in the past; its times are checked against the latest possible run.
    await forEachEventLine(stream, { skipInvalid: false, now: Number.MAX_SAFE_INTEGER }, (at, event) =>
      events.push({ at, event }),
    );
  } finally {
    await close();
  }
  return events.sort((a, b) => a.at - b.at);
}

const HOUR_MS = 3_600_000;

/**
 * What Cognito's own `AWS/Cognito` metrics would show for these events: a sign-in per Post
 * Authentication, a refresh per refresh-token event, in hourly sums.
 */
function simulateCognitoMetrics(
  cloudwatch: FakeCloudWatch,
  events: { at: number; event: unknown }[],
  scope: { UserPool: string; UserPoolClient: string },
): void {
  for (const [metric, source] of [
    ['SignInSuccesses', 'PostAuthentication_Authentication'],
    ['TokenRefreshSuccesses', 'TokenGeneration_RefreshTokens'],
  ] as const) {
    const hourly = new Map<number, number>();
    for (const { at, event } of events) {
      if ((event as { triggerSource?: string }).triggerSource !== source) continue;
      const hour = Math.floor(at / HOUR_MS) * HOUR_MS;
      hourly.set(hour, (hourly.get(hour) ?? 0) + 1);
    }
    const points = [...hourly].map(([at, value]) => ({ at, value }));
    cloudwatch.setSeries('AWS/Cognito', metric, scope, points);
  }
}

export async function runLocalStack(options: LocalStackOptions): Promise<LocalStackResult> {
  const standIns = await startLocalStandIns({ dynamoDbEndpoint: options.dynamoDbEndpoint });
  const { slack, cloudwatch, scope } = standIns;
  const env = { ...standIns.env, ARGOCD_VERSION: options.deployedVersion };
  try {
    // 1. Every sign-in of the week through the trigger, each at its own time.
    const events = await readEvents(options.eventsFile);
    simulateCognitoMetrics(cloudwatch, events, {
      UserPool: scope.userPoolId,
      UserPoolClient: scope.clientId,
    });
    const clock = fixedClock(new Date(events[0]?.at ?? 0));
    const start = await startAuthTrigger(env, clock);
    await warmUp(start);
    const { startup, telemetry } = start;
    const trigger = cognitoTrigger(telemetry, startup, handleAuthTrigger);
    const { output } = await captureOutput(async () => {
      for (const { at, event } of events) {
        clock.set(new Date(at));
        await trigger(event, lambdaContext({ functionName: 'auth-event' }));
      }
    });

    // 2. The upstream watch, then 3. the re-login check, both at the end of the week.
    const end = new Date((events.at(-1)?.at ?? 0) + 60_000);
    clock.set(end);
    const { result: upstream } = await captureOutput(async () =>
      runUpstreamWatch({ ...(await buildUpstreamWatchDeps(env, createLogger())), clock }),
    );
    const { result: reloginCheck } = await captureOutput(() =>
      runReLoginCheck({ ...buildReLoginCheckDeps(env), clock }),
    );
    return {
      replayed: { events: events.length, metrics: metricTotals(output.metrics) },
      upstream,
      reloginCheck,
      slack: [...slack.messages],
      cloudwatch: cloudwatch.putData(),
    };
  } finally {
    await standIns.stop();
  }
}

export function describeLocalStackRun(result: LocalStackResult): string {
  const section = (title: string) => `\n=== ${title} ===`;
  return [
    section('Trigger: the sample week replayed through functions/auth-event into DynamoDB Local'),
    `${result.replayed.events} Cognito trigger events; EMF counts: ${metricsPublishedBy('authEvent')
      .filter((metric) => metric.unit === 'Count')
      .map(({ name }) => `${name} ${result.replayed.metrics[name] ?? 0}`)
      .join(', ')}`,
    section('CloudWatch PutMetricData received (local stand-in)'),
    ...result.cloudwatch.map(
      (datum) => `${datum.namespace} ${datum.name} ${JSON.stringify(datum.dimensions)} = ${datum.value}`,
    ),
    section(`Slack: ${result.slack.length} messages posted to the local Slack API`),
    ...result.slack.flatMap((message) => [`--- #${message.channel}`, readableText(message.blocks)]),
  ].join('\n');
}
