/** Builds the upstream watch's real dependencies from the environment, once per cold start. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { deployedVersionSource } from '../../src/adapters/argocd/version-source';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { DynamoUpstreamKnowledgeStore } from '../../src/adapters/dynamodb/upstream-knowledge-store';
import { createGitHubClient } from '../../src/adapters/github/create-client';
import { createChatPoster } from '../../src/adapters/slack/create-chat-poster';
import { systemClock } from '../../src/adapters/system-clock';
import { readChatSettings } from '../../src/notifications';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readMetricsNamespace, readTableSettings } from '../../src/shared/config/settings';
import { type JobRun, type Startup, scheduledJob, startUp } from '../../src/shared/lambda-startup';
import { createLogger, type Telemetry } from '../../src/shared/telemetry';
import {
  readAppClientSettings,
  readDeployedVersionSettings,
  readFixCatalog,
  readGitHubSettings,
  runUpstreamWatch,
  type UpstreamWatchDeps,
  type UpstreamWatchResult,
} from '../../src/upstream';

export async function buildUpstreamWatchDeps(
  env: Env,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<UpstreamWatchDeps> {
  const table = readTableSettings(env);
  const dynamo = createDocumentClient();
  const appClients = readAppClientSettings(env);
  return {
    github: createGitHubClient(readGitHubSettings(env), clock),
    knowledgeStore: new DynamoUpstreamKnowledgeStore(dynamo, table.tableName),
    reportStore: new DynamoUpstreamFindingsStore(dynamo, table),
    deployedVersion: deployedVersionSource(readDeployedVersionSettings(env)),
    notify: {
      ledger: new DynamoNotificationLedger(dynamo, table.tableName),
      chat: createChatPoster(readChatSettings(env), logger),
    },
    metrics: new CloudWatchMetricsPublisher(new CloudWatchClient({})),
    clock,
    logger,
    ...(appClients === undefined
      ? {}
      : { userPoolClients: new CognitoUserPoolClients(new CognitoIdentityProviderClient({})) }),
    settings: {
      catalog: await readFixCatalog(env),
      metricsNamespace: readMetricsNamespace(env),
      ...(appClients === undefined ? {} : { appClients }),
    },
  };
}

/** The cold start: the logger, then the dependencies or the reason they could not be built. */
export async function startUpstreamWatch(
  env: Env,
  clock: Clock = systemClock,
): Promise<{ startup: Startup<UpstreamWatchDeps>; telemetry: Telemetry }> {
  const logger = createLogger();
  return { startup: await startUp(() => buildUpstreamWatchDeps(env, logger, clock)), telemetry: { logger } };
}

/** One run, answering Lambda with the outcome only (the report is stored, and in the log). */
export async function watchUpstream(
  deps: UpstreamWatchDeps,
  run: JobRun,
): Promise<{ outcome: UpstreamWatchResult['outcome'] }> {
  const { outcome } = await runUpstreamWatch(deps, run);
  return { outcome };
}

/** The Lambda handler; the local simulation builds it with its own environment and clock. */
export async function createUpstreamWatchHandler(env: Env, clock: Clock = systemClock) {
  const { startup, telemetry } = await startUpstreamWatch(env, clock);
  return scheduledJob(telemetry, startup, watchUpstream);
}
