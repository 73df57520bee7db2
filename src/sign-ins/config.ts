/** Settings of the sign-in trigger, read and validated once per cold start. */
import { ConfigError, type Env, positiveNumber } from '../shared/config/env';

/**
 * Cognito fails the sign-in when the trigger takes 5 s (in chain mode the team's function runs in that
 * time too), so the recording's budget must leave room under that.
 */
export const MAX_TRIGGER_BUDGET_MS = 2_000;

export function readTriggerBudgetMs(env: Env): number {
  const budgetMs = positiveNumber(env, 'TRIGGER_BUDGET_MS', 500);
  if (budgetMs > MAX_TRIGGER_BUDGET_MS) {
    throw new ConfigError(
      `TRIGGER_BUDGET_MS must be at most ${MAX_TRIGGER_BUDGET_MS} (Cognito waits 5 s at most for the whole trigger), got ${budgetMs}`,
    );
  }
  return budgetMs;
}

/**
 * Chain mode: the team's own Pre Token Generation function that ours calls with every event, or
 * undefined when ours holds the slot alone. The deploy sets it from the `chainFunctionArn` parameter.
 */
export function readChainedFunctionArn(env: Env): string | undefined {
  const arn = env.CHAINED_FUNCTION_ARN?.trim();
  if (arn === undefined || arn === '') return undefined;
  if (!/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(arn)) {
    throw new ConfigError(`CHAINED_FUNCTION_ARN must be a Lambda function ARN, got "${arn}"`);
  }
  return arn;
}
