/**
 * A Lambda context as the Node.js runtime passes it to a handler, for tests and local runs: a fresh
 * request id each time, and the time left counted down from the function's timeout.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface LambdaContextOptions {
  functionName?: string;
  /** The function's timeout, from which `getRemainingTimeInMillis()` counts down. */
  timeoutMs?: number;
  /** Overrides the count-down (a deadline test that must not depend on real time). */
  remainingMs?: () => number;
}

export function lambdaContext(options: LambdaContextOptions = {}): Context {
  const functionName = options.functionName ?? 'argocd-relogin-monitor-test';
  const startedAt = performance.now();
  const timeoutMs = options.timeoutMs ?? 3_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis:
      options.remainingMs ?? (() => Math.max(0, timeoutMs - (performance.now() - startedAt))),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
