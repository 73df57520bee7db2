/** Settings of the sign-in trigger, read and validated once per cold start. */
import { ConfigError, type Env, positiveNumber } from '../shared/config/env';

/**
 * Cognito fails the sign-in when the trigger takes 5 s; the function's timeout is 3 s
 * (serverless.yml), so the budget must leave room under that.
 */
export const MAX_TRIGGER_BUDGET_MS = 2_000;

export function readTriggerBudgetMs(env: Env): number {
  const budgetMs = positiveNumber(env, 'TRIGGER_BUDGET_MS', 500);
  if (budgetMs > MAX_TRIGGER_BUDGET_MS) {
    throw new ConfigError(
      `TRIGGER_BUDGET_MS must be at most ${MAX_TRIGGER_BUDGET_MS} (the function times out at 3 s, Cognito at 5 s), got ${budgetMs}`,
    );
  }
  return budgetMs;
}
