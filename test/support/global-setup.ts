/**
 * One DynamoDB Local for the whole test run; each test file makes its own tables. The integration and
 * e2e projects both name this setup and Vitest runs it once per project, so the first one starts the
 * jar and the last teardown stops it (one Java process, not two).
 */
import type { TestProject } from 'vitest/node';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from '../../local/stand-ins/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

interface Shared {
  running: Promise<RunningDynamoDbLocal>;
  users: number;
}

// Global setups run in Vitest's main process, but each project loads this module anew.
const SHARED = Symbol.for('argocd-relogin-monitor.dynamodb-local');
const registry = globalThis as { [SHARED]?: Shared };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = registry[SHARED] ?? { running: startDynamoDbLocal(), users: 0 };
  registry[SHARED] = shared;
  shared.users += 1;
  const dynamo = await shared.running;
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete registry[SHARED];
    await dynamo.stop();
  };
}
