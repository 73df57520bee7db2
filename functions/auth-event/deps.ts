/** Builds the trigger's real dependencies from the environment, once per cold start. */

import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { systemClock } from '../../src/adapters/system-clock';
import { attributesShown, readReportIdentityMode, readTrackingSettings } from '../../src/relogins';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readMetricsNamespace, readTableSettings } from '../../src/shared/config/settings';
import { createEmfMetrics, createLogger } from '../../src/shared/telemetry';
import {
  type AuthTriggerDeps,
  type AuthTriggerStartup,
  type AuthTriggerTelemetry,
  readTriggerBudgetMs,
  type SignInLog,
} from '../../src/sign-ins';

interface AuthTriggerWiring {
  deps: AuthTriggerDeps;
  /** The same log, for the cold-start warm-up. */
  log: SignInLog;
}

function buildAuthTrigger(env: Env, clock: Clock): AuthTriggerWiring {
  const budgetMs = readTriggerBudgetMs(env);
  // A slow first call (cold connection) may use the whole budget; a quick failure (throttling, 5xx)
  // leaves room for one SDK retry. `withinBudget` cuts off whatever is still running at the end.
  const client = createDocumentClient({ maxAttempts: 2, requestTimeoutMs: budgetMs });
  const log = new DynamoSignInLog(client, readTableSettings(env));
  return {
    log,
    deps: {
      log,
      clock,
      settings: {
        trackedClientIds: readTrackingSettings(env).trackedClientIds,
        budgetMs,
        keep: attributesShown(readReportIdentityMode(env)),
      },
    },
  };
}

export function buildAuthTriggerDeps(env: Env, clock: Clock = systemClock): AuthTriggerDeps {
  return buildAuthTrigger(env, clock).deps;
}

export type AuthTriggerStart = {
  startup: AuthTriggerStartup;
  telemetry: AuthTriggerTelemetry;
  log?: SignInLog;
};

export function startAuthTrigger(env: Env, clock: Clock = systemClock): AuthTriggerStart {
  const telemetry = { logger: createLogger(), metrics: createEmfMetrics(readMetricsNamespace(env)) };
  try {
    const { deps, log } = buildAuthTrigger(env, clock);
    return { startup: { deps }, telemetry, log };
  } catch (error) {
    // A bad deployment must not lock users out: remember the error and report it on every event.
    return { startup: { error }, telemetry };
  }
}

/**
 * One cheap read during the cold start (outside the per-event budget): loads the SDK's lazy modules,
 * resolves credentials and opens the connection, so the first sign-in of a new container is not the
 * one that runs out of budget. Never throws.
 */
export async function warmUp(start: Pick<AuthTriggerStart, 'log'>, timeoutMs = 1_000): Promise<void> {
  await start.log?.warmUp({ abortSignal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
}
