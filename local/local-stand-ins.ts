/**
 * Every outside system of the monitor, running on this machine: DynamoDB Local with a fresh table, and
 * local servers speaking the Slack, CloudWatch, Cognito and GitHub APIs. The AWS SDK finds them through
 * its standard environment settings; `env` holds the rest of the functions' configuration.
 */
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../src/adapters/dynamodb/table-layout';
import type { Env } from '../src/shared/config/env';
import { startDynamoDbLocal } from './stand-ins/dynamodb-local';
import { type FakeCloudWatch, startFakeCloudWatch } from './stand-ins/fake-cloudwatch';
import { type FakeCognito, startFakeCognito } from './stand-ins/fake-cognito';
import { type FakeGitHub, startFakeGitHub } from './stand-ins/fake-github';
import { type FakeSlack, startFakeSlack } from './stand-ins/fake-slack';
import { cognitoFixture } from './stand-ins/fixtures';
import { localAwsEnvironment, overrideEnv } from './stand-ins/local-aws';

export interface LocalStandIns {
  slack: FakeSlack;
  cloudwatch: FakeCloudWatch;
  cognito: FakeCognito;
  github: FakeGitHub;
  /** The app client of the shared DescribeUserPoolClient fixture, served by the Cognito stand-in. */
  scope: { userPoolId: string; clientId: string };
  /** Configuration for the functions' `deps.ts`, pointing at the stand-ins. */
  env: Env & { TABLE_NAME: string };
  stop(): Promise<void>;
}

async function localDynamoDb(
  endpoint: string | undefined,
): Promise<{ endpoint: string; stop(): Promise<void> }> {
  return endpoint === undefined ? startDynamoDbLocal() : { endpoint, stop: async () => undefined };
}

/** @param dynamoDbEndpoint a DynamoDB Local already running (the tests' one); otherwise one is started. */
export async function startLocalStandIns(
  options: { dynamoDbEndpoint?: string } = {},
): Promise<LocalStandIns> {
  const client = cognitoFixture('describe-user-pool-client').UserPoolClient as Record<string, string>;
  const scope = { userPoolId: client.UserPoolId as string, clientId: client.ClientId as string };
  const [dynamo, slack, cloudwatch, cognito, github] = await Promise.all([
    localDynamoDb(options.dynamoDbEndpoint),
    startFakeSlack(),
    startFakeCloudWatch(),
    startFakeCognito(),
    startFakeGitHub({ rateLimit: 60 }),
  ]);
  const restoreEnv = overrideEnv(
    localAwsEnvironment({
      dynamodb: dynamo.endpoint,
      cloudwatch: cloudwatch.url,
      cognitoIdentityProvider: cognito.url,
    }),
  );
  const stop = async () => {
    restoreEnv();
    await Promise.all([dynamo.stop(), slack.close(), cloudwatch.close(), cognito.close(), github.close()]);
  };
  try {
    cognito.addClient(cognitoFixture('describe-user-pool-client'));
    const env = {
      ...process.env,
      TABLE_NAME: `argocd-relogin-monitor-local-${Date.now()}`,
      USER_POOL_ID: scope.userPoolId,
      ARGOCD_CLIENT_IDS: scope.clientId,
      REPORT_HASH_KEY: 'local-stack',
      SLACK_TOKEN: 'xoxb-local',
      SLACK_CHANNEL: 'C0PLATFORM',
      SLACK_API_URL: slack.apiUrl,
      GITHUB_API_URL: github.url,
    };
    const raw = new DynamoDBClient({});
    await raw.send(new CreateTableCommand(tableDefinition(env.TABLE_NAME)));
    raw.destroy();
    return { slack, cloudwatch, cognito, github, scope, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
