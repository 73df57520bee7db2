/** Builds the periodic report's real dependencies from the environment, once per cold start. */
import type { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { VegaPngRenderer } from '../../src/adapters/chart/vega-png-renderer';
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { createChatPoster } from '../../src/adapters/slack/create-chat-poster';
import { systemClock } from '../../src/adapters/system-clock';
import { readChatSettings } from '../../src/notifications';
import { type ReportDeps, readReportSettings, runReport } from '../../src/reports';
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { readTableSettings } from '../../src/shared/config/settings';
import { type Startup, scheduledJob, startUp } from '../../src/shared/lambda-startup';
import { createLogger, type Telemetry } from '../../src/shared/telemetry';

/** The report goes to REPORT_CHANNEL, else to SLACK_CHANNEL like the alerts. */
const REPORT_CHANNEL_SETTINGS = ['REPORT_CHANNEL', 'SLACK_CHANNEL'] as const;

export function buildReportDeps(
  env: Env,
  logger: Logger = createLogger(),
  clock: Clock = systemClock,
): ReportDeps {
  const settings = readReportSettings(env);
  const chatSettings = readChatSettings(env, REPORT_CHANNEL_SETTINGS);
  const table = readTableSettings(env);
  const documentClient = createDocumentClient();
  const cloudwatch = new CloudWatchClient({});
  return {
    signIns: new DynamoSignInLog(documentClient, table),
    cognitoUsage: new CloudWatchCognitoUsage(cloudwatch),
    userPoolClients: new CognitoUserPoolClients(new CognitoIdentityProviderClient({})),
    upstream: new DynamoUpstreamFindingsStore(documentClient, table),
    chart: new VegaPngRenderer(),
    notify: {
      ledger: new DynamoNotificationLedger(documentClient, table.tableName),
      chat: createChatPoster(chatSettings, logger),
    },
    metrics: new CloudWatchMetricsPublisher(cloudwatch),
    clock,
    logger,
    settings: { ...settings, channel: chatSettings.channel ?? 'log' },
  };
}

/** The cold start: the logger, then the dependencies or the reason they could not be built. */
export async function startReport(
  env: Env,
  clock: Clock = systemClock,
): Promise<{ startup: Startup<ReportDeps>; telemetry: Telemetry }> {
  const logger = createLogger();
  return { startup: await startUp(() => buildReportDeps(env, logger, clock)), telemetry: { logger } };
}

/** The Lambda handler; the local simulation builds it with its own environment and clock. */
export async function createReportHandler(env: Env, clock: Clock = systemClock) {
  const { startup, telemetry } = await startReport(env, clock);
  return scheduledJob(telemetry, startup, runReport);
}
