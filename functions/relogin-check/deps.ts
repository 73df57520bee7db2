/** The re-login check's real dependencies, built from the environment once per cold start. */
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CloudWatchUsageCounters } from '../../src/adapters/cloudwatch/usage-counters';
import {
  CloudWatchUnrecordedSignIns,
  lambdaLogGroup,
} from '../../src/adapters/cloudwatch-logs/unrecorded-sign-ins';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { CognitoUserPoolDirectory } from '../../src/adapters/cognito/user-pool-directory';
import { CognitoUserPoolTriggers } from '../../src/adapters/cognito/user-pool-triggers';
import { DynamoSessionCheckpointStore } from '../../src/adapters/dynamodb/session-checkpoint-store';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { systemStopwatch } from '../../src/adapters/system-clock';
import { readCoverageSettings } from '../../src/coverage';
import { readChatSettings } from '../../src/notifications';
import { type ReLoginCheckDeps, readReLoginCheckSettings, runReLoginCheck } from '../../src/relogins';
import { scheduledFunction } from '../shared/scheduled-handler';

const reLoginCheck = scheduledFunction({
  build: ({
    env,
    logger,
    clock,
    table,
    dynamo,
    cloudwatch,
    cloudwatchLogs,
    cognito,
    notify,
  }): ReLoginCheckDeps => {
    const settings = readReLoginCheckSettings(env);
    const coverage = readCoverageSettings(env);
    const signIns = new DynamoSignInLog(dynamo(), table());
    const functionArn = coverage.expected?.functionArn;
    return {
      signIns,
      notify: notify(readChatSettings(env)),
      metrics: new CloudWatchMetricsPublisher(cloudwatch()),
      cognitoUsage: new CloudWatchCognitoUsage(cloudwatch()),
      userPoolClients: new CognitoUserPoolClients(cognito()),
      userPools: new CognitoUserPoolDirectory(cognito()),
      upstream: new DynamoUpstreamFindingsStore(dynamo(), table()),
      coverage: {
        deps: {
          counters: new CloudWatchUsageCounters(cloudwatch()),
          triggers: new CognitoUserPoolTriggers(cognito()),
          recovery:
            functionArn === undefined
              ? null
              : {
                  unrecorded: new CloudWatchUnrecordedSignIns(cloudwatchLogs(), lambdaLogGroup(functionArn)),
                  log: signIns,
                },
          logger,
        },
        settings: coverage,
      },
      replay: {
        checkpoints: new DynamoSessionCheckpointStore(dynamo(), table().tableName),
        retentionDays: table().retentionDays,
        // The catch-up budget is real time, whatever clock the run is given (the simulation fixes it).
        stopwatch: systemStopwatch,
      },
      clock,
      logger,
      settings,
    };
  },
  job: runReLoginCheck,
});

export const buildReLoginCheckDeps = reLoginCheck.buildDeps;
/** The Lambda handler; the local simulation builds it with its own environment and clock. */
export const createReLoginCheckHandler = reLoginCheck.createHandler;
