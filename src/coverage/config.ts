/** Settings of the self-check, read and validated once per cold start of the re-login check. */
import { ConfigError, type Env, oneOf, optionalString, positiveNumber } from '../shared/config/env';
import { ATTACH_MODES } from './domain/attachment';
import { type CoveragePolicy, DEFAULT_COVERAGE_POLICY } from './domain/self-check';
import type { CoverageSettings } from './self-check-run';

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

/**
 * AUTH_EVENT_FUNCTION_ARN: our trigger function (the stack sets it); without it the pool's LambdaConfig
 * is not checked and nothing is recovered (the log group is named after the function).
 * ATTACH_MODE: auto | chain | none | post-authentication, the slot the function is expected in.
 * COVERAGE_MIN_SHARE (0.9), COVERAGE_MIN_COUNT (20), COVERAGE_WINDOW_HOURS (24).
 */
export function readCoverageSettings(env: Env): CoverageSettings {
  const functionArn = optionalString(env, 'AUTH_EVENT_FUNCTION_ARN');
  if (functionArn !== undefined && !LAMBDA_ARN.test(functionArn)) {
    throw new ConfigError(
      `AUTH_EVENT_FUNCTION_ARN must be a Lambda function ARN, got ${JSON.stringify(functionArn)}`,
    );
  }
  const minShare = positiveNumber(env, 'COVERAGE_MIN_SHARE', DEFAULT_COVERAGE_POLICY.minShare);
  if (minShare > 1)
    throw new ConfigError(`COVERAGE_MIN_SHARE must be a share from 0 to 1 (0.9 is 90 %), got ${minShare}`);
  const policy: CoveragePolicy = {
    minShare,
    minCount: positiveNumber(env, 'COVERAGE_MIN_COUNT', DEFAULT_COVERAGE_POLICY.minCount),
    windowHours: positiveNumber(env, 'COVERAGE_WINDOW_HOURS', DEFAULT_COVERAGE_POLICY.windowHours),
  };
  const mode = oneOf(env, 'ATTACH_MODE', ATTACH_MODES, 'auto');
  return { expected: functionArn === undefined ? null : { functionArn, mode }, policy };
}
