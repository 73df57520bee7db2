/**
 * The one shape of every Lambda function here (`functions/<fn>/handler.ts`):
 *
 * 1. At the cold start, build the dependencies from the environment once, and keep a failure as a value
 *    (`startUp`) instead of letting the module import throw: a bad setting then surfaces on every
 *    invocation with the request id, and the trigger can still let the sign-in through.
 * 2. The handler is one call wrapped in Powertools' middy middlewares: `injectLambdaContext` puts the
 *    request id, cold start and function name on every log line; `logMetrics` flushes the EMF metrics at
 *    the end of each invocation, also when it fails.
 *
 * The Cognito trigger (`cognitoTrigger`) records what it can and always returns the event; a scheduled
 * job (`scheduledJob`) logs a start-up failure and fails loudly, and gets a deadline from
 * `context.getRemainingTimeInMillis()`.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { Clock } from './clock';
import { type Deadline, deadlineFromContext, NO_DEADLINE } from './deadline';
import { redactError } from './redaction';
import { errorDetails, type Telemetry } from './telemetry';

/** What the cold start produced: the dependencies, or the reason they could not be built. */
export type Startup<D> = { deps: D } | { error: unknown };

export async function startUp<D>(build: () => D | Promise<D>): Promise<Startup<D>> {
  try {
    return { deps: await build() };
  } catch (error) {
    return { error };
  }
}

/** The Lambda context as far as this code reads it; tests and local runs may leave the rest out. */
export type InvocationContext = Partial<Context>;

export type LambdaHandler<E, R> = (event: E, context?: InvocationContext) => Promise<R>;

function withPowertools<E, R>(
  telemetry: Telemetry,
  body: (event: E, context: InvocationContext) => Promise<R>,
): LambdaHandler<E, R> {
  // resetKeys: keys a use case appends never leak into the next invocation's log lines.
  const handler = middy<E, R, Error, Context>(body).use(
    injectLambdaContext(telemetry.logger, { resetKeys: true }),
  );
  if (telemetry.metrics !== undefined) handler.use(logMetrics(telemetry.metrics));
  // Lambda always passes a whole context; tests and local runs may pass part of one, or none.
  return (event, context = {}) => handler(event, context as Context);
}

/**
 * A Cognito trigger: `handle` never throws by contract, and this resolves to the very event even if
 * the Powertools layer around it fails (a throw would fail the user's sign-in).
 */
export function cognitoTrigger<E, D, T>(
  telemetry: Telemetry & T,
  startup: Startup<D>,
  handle: (startup: Startup<D>, telemetry: T, event: E) => Promise<E>,
): LambdaHandler<E, E> {
  const handler = withPowertools<E, E>(telemetry, (event) => handle(startup, telemetry, event));
  return async (event, context) => {
    try {
      return await handler(event, context);
    } catch (error) {
      try {
        telemetry.logger.error('trigger failed around the recording; the sign-in goes on', {
          error: errorDetails(error),
        });
      } catch {
        // Nothing left to tell; the event must still go back.
      }
      return event;
    }
  };
}

/**
 * A Cognito trigger in chain mode: it answers with the team's function's answer, so that function's
 * failure is the sign-in's failure, as it was before the chain (the recording inside never throws).
 */
export function chainedCognitoTrigger<E, R>(
  telemetry: Telemetry,
  answer: (event: E) => Promise<R>,
): LambdaHandler<E, R> {
  return withPowertools<E, R>(telemetry, (event) => answer(event));
}

/** What one run of a scheduled job is given besides its dependencies. */
export interface JobRun {
  /** When to stop waiting on Slack and GitHub; what was not done is retried by the next run. */
  deadline: Deadline;
}

/**
 * A scheduled (EventBridge) job. A start-up failure is logged with the request id and thrown, so the
 * invocation fails (Lambda's `Errors` metric, the schedule's retry) instead of passing silently.
 */
export function scheduledJob<D extends { clock: Clock }, R>(
  telemetry: Telemetry,
  startup: Startup<D>,
  job: (deps: D, run: JobRun) => Promise<R>,
): LambdaHandler<unknown, R> {
  return withPowertools<unknown, R>(telemetry, async (_event, context) => {
    if ('error' in startup) {
      telemetry.logger.error('start-up failed: fix the setting named below and redeploy', {
        error: errorDetails(startup.error),
      });
      // The runtime prints a thrown error's message and stack itself: redacted first.
      throw redactError(startup.error);
    }
    const { deps } = startup;
    const deadline =
      typeof context.getRemainingTimeInMillis === 'function'
        ? deadlineFromContext(context as Pick<Context, 'getRemainingTimeInMillis'>, deps.clock)
        : NO_DEADLINE;
    try {
      return await job(deps, { deadline });
    } catch (error) {
      throw redactError(error);
    }
  });
}
