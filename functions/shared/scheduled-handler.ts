/**
 * The one composition root of the scheduled (EventBridge) functions: each `functions/<fn>/deps.ts`
 * says which dependencies its job needs and which job runs; the cold start, the logger, the clock and
 * the AWS clients are built here the same way for all of them.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { createChatPoster } from '../../src/adapters/slack/create-chat-poster';
import { systemClock } from '../../src/adapters/system-clock';
import type { ChatSettings, NotificationDeps } from '../../src/notifications';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readTableSettings, type TableSettings } from '../../src/shared/config/settings';
import { type JobRun, type LambdaHandler, scheduledJob, startUp } from '../../src/shared/lambda-startup';
import { createLogger } from '../../src/shared/telemetry';

/**
 * What a scheduled function builds its dependencies from. The table settings and the clients are made
 * on first use and then shared, so a function pays only for the clients it uses, and a bad setting is
 * named in the order the function reads its settings.
 */
export interface ScheduledWiring {
  env: Env;
  logger: Logger;
  clock: Clock;
  table(): TableSettings;
  dynamo(): DynamoDBDocumentClient;
  cloudwatch(): CloudWatchClient;
  cloudwatchLogs(): CloudWatchLogsClient;
  cognito(): CognitoIdentityProviderClient;
  /** The notification ledger in the table and the chat poster for `chat` (Slack, or the log). */
  notify(chat: ChatSettings): NotificationDeps;
}

/**
 * One scheduled function: how its dependencies are built (`Built` is `D`, or a promise of it when the
 * build reads something first) and the job that runs with them.
 */
export interface ScheduledFunction<D extends { clock: Clock }, R, Built extends D | Promise<D>> {
  /** Endpoints come from the SDK's own settings (`AWS_ENDPOINT_URL_<SERVICE>` for local stand-ins). */
  build(wiring: ScheduledWiring): Built;
  job(deps: D, run: JobRun): Promise<R>;
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

function scheduledWiring(env: Env, logger: Logger, clock: Clock): ScheduledWiring {
  const table = once(() => readTableSettings(env));
  const dynamo = once(() => createDocumentClient());
  return {
    env,
    logger,
    clock,
    table,
    dynamo,
    cloudwatch: once(() => new CloudWatchClient({})),
    cloudwatchLogs: once(() => new CloudWatchLogsClient({})),
    cognito: once(() => new CognitoIdentityProviderClient({})),
    notify: (chat) => ({
      ledger: new DynamoNotificationLedger(dynamo(), table().tableName),
      chat: createChatPoster(chat, logger),
    }),
  };
}

export interface ScheduledEntryPoints<R, Built> {
  /** The real dependencies from `env`; tests and the bench run the job with them directly. */
  buildDeps(env: Env, logger?: Logger, clock?: Clock): Built;
  /**
   * The Lambda handler after the cold start: the logger, then the dependencies or the reason they could
   * not be built (reported on every invocation). The local simulation passes its own `env` and clock.
   */
  createHandler(env: Env, clock?: Clock): Promise<LambdaHandler<unknown, R>>;
}

export function scheduledFunction<D extends { clock: Clock }, R, Built extends D | Promise<D>>(
  fn: ScheduledFunction<D, R, Built>,
): ScheduledEntryPoints<R, Built> {
  const buildDeps = (env: Env, logger: Logger = createLogger(), clock: Clock = systemClock) =>
    fn.build(scheduledWiring(env, logger, clock));
  return {
    buildDeps,
    createHandler: async (env, clock = systemClock) => {
      const logger = createLogger();
      return scheduledJob({ logger }, await startUp<D>(() => buildDeps(env, logger, clock)), fn.job);
    },
  };
}
