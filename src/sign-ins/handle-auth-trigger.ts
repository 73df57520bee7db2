/**
 * The Cognito trigger's whole job, bounded and fail-safe: classify the event, append it to the sign-in
 * log (one PutItem), count it in EMF metrics, and hand the event back untouched. Cognito fails the
 * user's sign-in when a trigger throws or takes over 5 s, so nothing in here may escape or wait past
 * the budget. Nothing is read: sessions, re-logins and duplicates are decided later by the replay.
 * The metrics are written by Powertools' `logMetrics` at the end of the invocation
 * (`src/shared/lambda-startup.ts`). A write that fails or runs out of budget is logged with the exact
 * item (`domain/unrecorded-sign-in.ts`): logging is synchronous, so it costs nothing of the budget,
 * and the scheduled recovery writes the item later.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { Clock } from '../shared/clock';
import type { Startup } from '../shared/lambda-startup';
import { addEmfMetric, METRICS } from '../shared/metric-catalog';
import { errorDetails } from '../shared/telemetry';
import { withinBudget } from '../shared/time-budget';
import { type AuthSignal, classifyAuthEvent, eventScope } from './domain/auth-signal';
import { UNRECORDED_FIELD, UNRECORDED_MESSAGE, UnrecordedSignInError } from './domain/unrecorded-sign-in';
import type { LoggedSignIn, SignInLog } from './ports/sign-in-log';

/** Which user attributes the log keeps: only those the configured REPORT_IDENTITY shows. */
export interface KeptAttributes {
  username: boolean;
  email: boolean;
}

export interface AuthTriggerSettings {
  trackedClientIds: ReadonlySet<string>;
  budgetMs: number;
  keep: KeptAttributes;
}

export type TriggerLogger = Pick<Logger, 'debug' | 'error'>;

export interface AuthTriggerDeps {
  log: Pick<SignInLog, 'append'>;
  clock: Clock;
  settings: AuthTriggerSettings;
}

export interface AuthTriggerTelemetry {
  logger: TriggerLogger;
  metrics: Metrics;
}

/** What the cold start produced: the recorder's dependencies, or the reason they could not be built. */
export type AuthTriggerStartup = Startup<AuthTriggerDeps>;

export function toLoggedSignIn(signal: AuthSignal, at: number, keep: KeptAttributes): LoggedSignIn {
  const { username, email, ...identity } = signal;
  return {
    ...identity,
    at,
    ...(keep.username ? { username } : {}),
    ...(keep.email && email !== undefined ? { email } : {}),
  };
}

async function record(deps: AuthTriggerDeps, telemetry: AuthTriggerTelemetry, event: unknown): Promise<void> {
  const { settings } = deps;
  const classification = classifyAuthEvent(event, settings.trackedClientIds);
  if (!classification.tracked) {
    telemetry.logger.debug('ignored trigger event', { reason: classification.reason });
    return;
  }
  const { signal } = classification;
  const signIn = toLoggedSignIn(signal, deps.clock.now().getTime(), settings.keep);
  try {
    await withinBudget(settings.budgetMs, (abortSignal) => deps.log.append(signIn, { abortSignal }));
  } catch (error) {
    throw new UnrecordedSignInError(signIn, error);
  }
  addEmfMetric(
    telemetry.metrics,
    signal.kind === 'refresh' ? METRICS.TokenRefreshEvents : METRICS.SignInEvents,
    1,
  );
}

/** Always resolves to the very event it was given. */
export async function handleAuthTrigger<E>(
  startup: AuthTriggerStartup,
  telemetry: AuthTriggerTelemetry,
  event: E,
): Promise<E> {
  const { metrics, logger } = telemetry;
  try {
    const { userPoolId, clientId } = eventScope(event);
    metrics.addDimensions({ UserPoolId: userPoolId, ClientId: clientId });
    if ('error' in startup) throw startup.error;
    await record(startup.deps, telemetry, event);
  } catch (error) {
    // One line with the exact item (when there is one) for the scheduled recovery to write later.
    const unrecorded = error instanceof UnrecordedSignInError ? { [UNRECORDED_FIELD]: error.signIn } : {};
    logger.error(UNRECORDED_MESSAGE, { error: errorDetails(error), ...unrecorded });
    addEmfMetric(metrics, METRICS.RecordFailures, 1);
  }
  return event;
}
