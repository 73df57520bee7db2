/** The re-login check's real dependencies, built from the environment once per cold start. */
import { CloudWatchCognitoUsage } from '../../src/adapters/cloudwatch/cognito-usage';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { CognitoUserPoolDirectory } from '../../src/adapters/cognito/user-pool-directory';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { readChatSettings } from '../../src/notifications';
import { type ReLoginCheckDeps, readReLoginCheckSettings, runReLoginCheck } from '../../src/relogins';
import { scheduledFunction } from '../shared/scheduled-handler';

const reLoginCheck = scheduledFunction({
  build: ({ env, logger, clock, table, dynamo, cloudwatch, cognito, notify }): ReLoginCheckDeps => {
    const settings = readReLoginCheckSettings(env);
    return {
      signIns: new DynamoSignInLog(dynamo(), table()),
      notify: notify(readChatSettings(env)),
      metrics: new CloudWatchMetricsPublisher(cloudwatch()),
      cognitoUsage: new CloudWatchCognitoUsage(cloudwatch()),
      userPoolClients: new CognitoUserPoolClients(cognito()),
      userPools: new CognitoUserPoolDirectory(cognito()),
      upstream: new DynamoUpstreamFindingsStore(dynamo(), table()),
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
