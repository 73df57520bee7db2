/** Builds the re-login check's real dependencies from the environment, once per cold start. */

import type { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { CognitoUserPoolDirectory } from '../../src/adapters/cognito/user-pool-directory';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { createChatPoster } from '../../src/adapters/slack/create-chat-poster';
import { systemClock } from '../../src/adapters/system-clock';
import { readChatSettings } from '../../src/notifications';
import { type ReLoginCheckDeps, readReLoginCheckSettings, runReLoginCheck } from '../../src/relogins';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readTableSettings } from '../../src/shared/config/settings';
import { type Startup, scheduledJob, startUp } from '../../src/shared/lambda-startup';
import { createLogger, type Telemetry } from '../../src/shared/telemetry';

/** Endpoints come from the SDK's own settings (`AWS_ENDPOINT_URL_<SERVICE>` for local stand-ins). */
export function buildReLoginCheckDeps(
  env: Env,
  logger: Logger = createLogger(),
  clock: Clock = systemClock,
): ReLoginCheckDeps {
  const settings = readReLoginCheckSettings(env);
  const table = readTableSettings(env);
  const documentClient = createDocumentClient();
  const cloudwatch = new CloudWatchClient({});
  const cognito = new CognitoIdentityProviderClient({});
  return {
    signIns: new DynamoSignInLog(documentClient, table),
    notify: {
      ledger: new DynamoNotificationLedger(documentClient, table.tableName),
      chat: createChatPoster(readChatSettings(env), logger),
    },
    metrics: new CloudWatchMetricsPublisher(cloudwatch),
    cognitoUsage: new CloudWatchCognitoUsage(cloudwatch),
    userPoolClients: new CognitoUserPoolClients(cognito),
    userPools: new CognitoUserPoolDirectory(cognito),
    upstream: new DynamoUpstreamFindingsStore(documentClient, table),
    clock,
    logger,
    settings,
  };
}

/** The cold start: the logger, then the dependencies or the reason they could not be built. */
export async function startReLoginCheck(
  env: Env,
  clock: Clock = systemClock,
): Promise<{ startup: Startup<ReLoginCheckDeps>; telemetry: Telemetry }> {
  const logger = createLogger();
  return { startup: await startUp(() => buildReLoginCheckDeps(env, logger, clock)), telemetry: { logger } };
}

/** The Lambda handler; the local simulation builds it with its own environment and clock. */
export async function createReLoginCheckHandler(env: Env, clock: Clock = systemClock) {
  const { startup, telemetry } = await startReLoginCheck(env, clock);
  return scheduledJob(telemetry, startup, runReLoginCheck);
}
