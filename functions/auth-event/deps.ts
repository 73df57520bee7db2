/** Builds the trigger's real dependencies from the environment, once per cold start. */

import { DynamoActivityStore } from '../../src/adapters/dynamodb/activity-store';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { systemClock } from '../../src/adapters/system-clock';
import { readTrackingSettings } from '../../src/relogins';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readMetricsNamespace, readTableSettings } from '../../src/shared/config/settings';
import { startUp } from '../../src/shared/lambda-startup';
import { createEmfMetrics, createLogger, type Telemetry } from '../../src/shared/telemetry';
import { type AuthTriggerDeps, type AuthTriggerStartup, readTriggerBudgetMs } from '../../src/sign-ins';

export function buildAuthTriggerDeps(env: Env, clock: Clock = systemClock): AuthTriggerDeps {
  const budgetMs = readTriggerBudgetMs(env);
  const tracking = readTrackingSettings(env);
  // A slow first call (cold connection) may use the whole budget; a quick failure (throttling, 5xx)
  // leaves room for one SDK retry. `withinBudget` cuts off whatever is still running at the end.
  const client = createDocumentClient({ maxAttempts: 2, requestTimeoutMs: budgetMs });
  return {
    store: new DynamoActivityStore(client, readTableSettings(env)),
    clock,
    settings: {
      trackedClientIds: tracking.trackedClientIds,
      rules: tracking.rules,
      budgetMs,
      maxAttempts: 5,
    },
  };
}

/**
 * The cold start: telemetry first (it cannot fail), then the dependencies or the reason they could not
 * be built. A bad deployment must not lock users out: the error is reported on every event instead.
 */
export async function startAuthTrigger(
  env: Env,
  clock: Clock = systemClock,
): Promise<{ startup: AuthTriggerStartup; telemetry: Required<Telemetry> }> {
  const logger = createLogger();
  const telemetry = { logger, metrics: createEmfMetrics(readMetricsNamespace(env), logger) };
  return { startup: await startUp(() => buildAuthTriggerDeps(env, clock)), telemetry };
}

const WARM_UP_KEY = { userPoolId: 'warm-up', clientId: 'warm-up', user: 'warm-up' };

/**
 * One cheap read during the cold start (outside the per-event budget): loads the SDK's lazy modules,
 * resolves credentials and opens the connection, so the first sign-in of a new container is not the
 * one that runs out of budget. Never throws.
 */
export async function warmUp(startup: AuthTriggerStartup, timeoutMs = 1_000): Promise<void> {
  if (!('deps' in startup)) return;
  await startup.deps.store
    .readUserState(WARM_UP_KEY, { abortSignal: AbortSignal.timeout(timeoutMs) })
    .catch(() => undefined);
}
