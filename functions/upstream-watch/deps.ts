/** The upstream watch's real dependencies, built from the environment once per cold start. */
import { deployedVersionSource } from '../../src/adapters/argocd/version-source';
import { CloudWatchMetricsPublisher } from '../../src/adapters/cloudwatch/metrics-publisher';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { DynamoUpstreamFindingsStore } from '../../src/adapters/dynamodb/upstream-findings-store';
import { DynamoUpstreamKnowledgeStore } from '../../src/adapters/dynamodb/upstream-knowledge-store';
import { createGitHubClient } from '../../src/adapters/github/create-client';
import { readChatSettings } from '../../src/notifications';
import { readMessages, readMetricsNamespace } from '../../src/shared/config/settings';
import type { JobRun } from '../../src/shared/lambda-startup';
import {
  readAppClientSettings,
  readDeployedVersionSettings,
  readFixCatalog,
  readGitHubSettings,
  runUpstreamWatch,
  type UpstreamWatchDeps,
  type UpstreamWatchResult,
} from '../../src/upstream';
import { scheduledFunction } from '../shared/scheduled-handler';

/** One run, answering Lambda with the outcome only (the report is stored, and in the log). */
async function watchUpstream(
  deps: UpstreamWatchDeps,
  run: JobRun,
): Promise<{ outcome: UpstreamWatchResult['outcome'] }> {
  const { outcome } = await runUpstreamWatch(deps, run);
  return { outcome };
}

const upstreamWatch = scheduledFunction({
  build: async ({
    env,
    logger,
    clock,
    table,
    dynamo,
    cloudwatch,
    cognito,
    notify,
  }): Promise<UpstreamWatchDeps> => {
    const tableName = table().tableName;
    const appClients = readAppClientSettings(env);
    return {
      github: createGitHubClient(readGitHubSettings(env), clock),
      knowledgeStore: new DynamoUpstreamKnowledgeStore(dynamo(), tableName),
      reportStore: new DynamoUpstreamFindingsStore(dynamo(), table()),
      deployedVersion: deployedVersionSource(readDeployedVersionSettings(env)),
      notify: notify(readChatSettings(env)),
      metrics: new CloudWatchMetricsPublisher(cloudwatch()),
      clock,
      logger,
      ...(appClients === undefined ? {} : { userPoolClients: new CognitoUserPoolClients(cognito()) }),
      settings: {
        catalog: await readFixCatalog(env),
        metricsNamespace: readMetricsNamespace(env),
        messages: readMessages(env),
        ...(appClients === undefined ? {} : { appClients }),
      },
    };
  },
  job: watchUpstream,
});

export const buildUpstreamWatchDeps = upstreamWatch.buildDeps;
/** The Lambda handler; the local simulation builds it with its own environment and clock. */
export const createUpstreamWatchHandler = upstreamWatch.createHandler;
