/** Builds the trigger's real dependencies from the environment, once per cold start. */

import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { systemClock } from '../../src/adapters/system-clock';
import { attributesShown, readReportIdentityMode, readTrackingSettings } from '../../src/relogins';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readMetricsNamespace, readTableSettings } from '../../src/shared/config/settings';
import { chainedCognitoTrigger, cognitoTrigger, startUp } from '../../src/shared/lambda-startup';
import { createEmfMetrics, createLogger, type Telemetry } from '../../src/shared/telemetry';
import {
  type AuthTriggerDeps,
  type AuthTriggerStartup,
  handleAuthTrigger,
  handleChainedTrigger,
  readTriggerBudgetMs,
  type SignInLog,
} from '../../src/sign-ins';
import { chainedFunction } from './chain';

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

export interface AuthTriggerStart {
  startup: AuthTriggerStartup;
  telemetry: Required<Telemetry>;
  /** The log behind the dependencies, for the cold-start warm-up; absent when the start-up failed. */
  log?: SignInLog;
}

/**
 * The cold start: telemetry first (it cannot fail), then the dependencies or the reason they could not
 * be built. A bad deployment must not lock users out: the error is reported on every event instead.
 */
export async function startAuthTrigger(env: Env, clock: Clock = systemClock): Promise<AuthTriggerStart> {
  const logger = createLogger();
  const telemetry = { logger, metrics: createEmfMetrics(readMetricsNamespace(env), logger) };
  const wiring = await startUp(() => buildAuthTrigger(env, clock));
  if ('error' in wiring) return { startup: wiring, telemetry };
  return { startup: { deps: wiring.deps.deps }, telemetry, log: wiring.deps.log };
}

/**
 * One cheap read during the cold start (outside the per-event budget): loads the SDK's lazy modules,
 * resolves credentials and opens the connection, so the first sign-in of a new container is not the
 * one that runs out of budget. Never throws.
 */
export async function warmUp(start: Pick<AuthTriggerStart, 'log'>, timeoutMs = 1_000): Promise<void> {
  await start.log?.warmUp({ abortSignal: AbortSignal.timeout(timeoutMs) }).catch(() => undefined);
}

/**
 * The Lambda handler, warmed up; the local simulation builds it with its own environment and clock. In
 * chain mode (CHAINED_FUNCTION_ARN) it answers with the team's function's answer (functions/auth-event/chain.ts).
 */
export async function createAuthTriggerHandler(env: Env, clock: Clock = systemClock) {
  const start = await startAuthTrigger(env, clock);
  await warmUp(start);
  const chained = chainedFunction(env);
  if (chained === undefined) return cognitoTrigger(start.telemetry, start.startup, handleAuthTrigger);
  return chainedCognitoTrigger(start.telemetry, (event: unknown) =>
    handleChainedTrigger(start.startup, start.telemetry, chained, event),
  );
}
