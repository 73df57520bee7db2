/**
 * Chain mode: our trigger holds the Pre Token Generation slot for the team's function. The team's
 * function gets the very event and its answer goes back to Cognito unchanged (its claims, its groups);
 * the recording runs beside it, bounded by its own budget, and never decides anything. When the team's
 * function fails or times out, the sign-in fails exactly as it did before we came: that is its contract.
 */
import type { AuthTriggerStartup, AuthTriggerTelemetry } from './handle-auth-trigger';
import { handleAuthTrigger } from './handle-auth-trigger';
import type { ChainedFunction } from './ports/chained-function';

/**
 * One turn of the event loop: a warm SDK client serializes, signs and writes its request in microtasks,
 * so after this the team's request is on its way and our recording's CPU work (classify, marshal, sign
 * the PutItem) runs while the team's function does, instead of before its request leaves.
 */
const afterPendingRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function handleChainedTrigger(
  startup: AuthTriggerStartup,
  telemetry: AuthTriggerTelemetry,
  chained: ChainedFunction,
  event: unknown,
): Promise<unknown> {
  const answer = chained.invoke(event);
  const recording = afterPendingRequests().then(() => handleAuthTrigger(startup, telemetry, event));
  // Waited for even when the answer is an error: Lambda freezes the function once it returns.
  const [outcome] = await Promise.allSettled([answer, recording]);
  if (outcome.status === 'rejected') throw outcome.reason;
  return outcome.value;
}
