/**
 * The Cognito trigger's whole job, bounded and fail-safe: classify the event, record it, add its EMF
 * metrics, and hand the event back untouched. Cognito fails the user's sign-in when a trigger throws or
 * takes over 5 s, so nothing in here may escape or wait past the budget. The metrics are written by
 * Powertools' `logMetrics` at the end of the invocation (`src/shared/lambda-startup.ts`).
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SessionRules } from '../relogins';
import type { Clock } from '../shared/clock';
import type { Startup } from '../shared/lambda-startup';
import { addEmfMetric, METRICS } from '../shared/metric-catalog';
import { errorDetails } from '../shared/telemetry';
import { withinBudget } from '../shared/time-budget';
import { classifyAuthEvent, eventScope } from './domain/auth-signal';
import type { ActivityStore } from './ports/activity-store';
import { recordAuthSignal } from './record-auth-signal';

export interface AuthTriggerSettings {
  trackedClientIds: ReadonlySet<string>;
  rules: SessionRules;
  budgetMs: number;
  /** Optimistic-concurrency attempts per event; the budget bounds them too. */
  maxAttempts: number;
}

export type TriggerLogger = Pick<Logger, 'debug' | 'error'>;

export interface AuthTriggerDeps {
  store: ActivityStore;
  clock: Clock;
  settings: AuthTriggerSettings;
}

export interface AuthTriggerTelemetry {
  logger: TriggerLogger;
  metrics: Metrics;
}

/** What the cold start produced: the recorder's dependencies, or the reason they could not be built. */
export type AuthTriggerStartup = Startup<AuthTriggerDeps>;

async function record(deps: AuthTriggerDeps, telemetry: AuthTriggerTelemetry, event: unknown): Promise<void> {
  const { settings } = deps;
  const classification = classifyAuthEvent(event, settings.trackedClientIds);
  if (!classification.tracked) {
    telemetry.logger.debug('ignored trigger event', { reason: classification.reason });
    return;
  }
  const at = deps.clock.now().getTime();
  const { outcome } = await withinBudget(settings.budgetMs, (abortSignal) =>
    recordAuthSignal({ store: deps.store, rules: settings.rules }, classification.signal, at, {
      maxAttempts: settings.maxAttempts,
      abortSignal,
    }),
  );
  const { metrics } = telemetry;
  switch (outcome.kind) {
    case 'duplicate':
      telemetry.logger.debug('duplicate sign-in ignored', {
        triggerSource: classification.signal.triggerSource,
      });
      return;
    case 'refresh':
      addEmfMetric(metrics, METRICS.TokenRefreshes, 1);
      return;
    case 'session-start':
      addEmfMetric(metrics, METRICS.Logins, 1);
      return;
    case 're-login':
      addEmfMetric(metrics, METRICS.Logins, 1);
      addEmfMetric(metrics, METRICS.ReLogins, 1);
      // CloudWatch has no minutes unit; the value is in minutes.
      if (outcome.intervalMinutes !== null) {
        addEmfMetric(metrics, METRICS.ReLoginInterval, outcome.intervalMinutes);
      }
      return;
  }
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
    logger.error('could not record sign-in; the sign-in goes on', { error: errorDetails(error) });
    addEmfMetric(metrics, METRICS.RecordFailures, 1);
  }
  return event;
}
