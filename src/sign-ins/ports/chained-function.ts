/**
 * The team's own Pre Token Generation function, in chain mode: called with the very event Cognito sent,
 * its answer is the trigger's answer. One real implementation: `src/adapters/lambda/chained-function.ts`.
 */
export interface ChainedFunction {
  /** The function's answer as it returned it; rejects when the function failed or timed out. */
  invoke(event: unknown): Promise<unknown>;
}
