/**
 * The embeddable recorder (package export `argocd-relogin-monitor/recorder`), for a team that keeps its
 * own Pre Token Generation function and adds one line to it instead of attaching ours. It is the
 * trigger's own recording: the same settings (TABLE_NAME, TRIGGER_BUDGET_MS, METRICS_NAMESPACE,
 * ARGOCD_CLIENT_IDS, ...), the same table, the same budget and the same metrics. `record` never throws
 * and returns within the budget. Example: docs/adopting.md.
 */
import type { Clock } from '../../src/shared/clock';
import type { Env } from '../../src/shared/config/env';
import { handleAuthTrigger } from '../../src/sign-ins';
import { startAuthTrigger, warmUp } from './deps';

export interface SignInRecorder {
  /** Records the sign-in or refresh this event is; never throws, never changes the event. */
  record(event: unknown): Promise<void>;
}

/** Builds the recorder once per cold start (outside the handler), from the function's environment. */
export async function createSignInRecorder(env: Env, clock?: Clock): Promise<SignInRecorder> {
  const start = await startAuthTrigger(env, clock);
  await warmUp(start);
  const { startup, telemetry } = start;
  return {
    async record(event) {
      try {
        await handleAuthTrigger(startup, telemetry, event);
        // No middleware flushes the metrics inside someone else's function: one EMF line per event.
        telemetry.metrics.publishStoredMetrics();
      } catch {
        // handleAuthTrigger never throws; the EMF flush writes to stdout. Nothing may reach the caller.
      }
    },
  };
}
