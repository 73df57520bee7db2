/** The periodic report's real dependencies, built from the environment once per cold start. */
import { VegaPngRenderer } from '../../src/adapters/chart/vega-png-renderer';
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CloudWatchRecoveredSignIns } from '../../src/adapters/cloudwatch/recovered-sign-ins';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { readChatSettings } from '../../src/notifications';
import { type ReportDeps, readReportSettings, runReport } from '../../src/reports';
import { scheduledFunction } from '../shared/scheduled-handler';

/** The report goes to REPORT_CHANNEL, else to SLACK_CHANNEL like the alerts. */
const REPORT_CHANNEL_SETTINGS = ['REPORT_CHANNEL', 'SLACK_CHANNEL'] as const;

const report = scheduledFunction({
  build: ({ env, logger, clock, table, dynamo, cloudwatch, cognito, notify }): ReportDeps => {
    const settings = readReportSettings(env);
    const chatSettings = readChatSettings(env, REPORT_CHANNEL_SETTINGS);
    return {
      signIns: new DynamoSignInLog(dynamo(), table()),
      cognitoUsage: new CloudWatchCognitoUsage(cloudwatch()),
      recoveredSignIns: new CloudWatchRecoveredSignIns(cloudwatch()),
      userPoolClients: new CognitoUserPoolClients(cognito()),
      upstream: new DynamoUpstreamFindingsStore(dynamo(), table()),
      chart: new VegaPngRenderer(),
      notify: notify(chatSettings),
      metrics: new CloudWatchMetricsPublisher(cloudwatch()),
      clock,
      logger,
      settings: { ...settings, channel: chatSettings.channel ?? 'log' },
    };
  },
  job: runReport,
});

export const buildReportDeps = report.buildDeps;
/** The Lambda handler; the local simulation builds it with its own environment and clock. */
export const createReportHandler = report.createHandler;
