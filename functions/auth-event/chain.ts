/** Chain mode's one dependency: the team's function, called through Lambda's Invoke API. */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaChainedFunction } from '../../src/adapters/lambda/chained-function';
import type { Env } from '../../src/shared/config/env';
import { type ChainedFunction, readChainedFunctionArn } from '../../src/sign-ins';

/** The chained function when CHAINED_FUNCTION_ARN is set; a bad ARN fails the cold start loudly. */
export function chainedFunction(env: Env): ChainedFunction | undefined {
  const arn = readChainedFunctionArn(env);
  // A throttled invoke is retried once; a function error is never retried (it is the answer).
  return arn === undefined ? undefined : new LambdaChainedFunction(new LambdaClient({ maxAttempts: 2 }), arn);
}
