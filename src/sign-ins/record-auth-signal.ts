/**
 * Records one sign-in or refresh: read the user's state, let the pure session rules decide, commit
 * with optimistic concurrency. A lost race re-reads and decides again, so a concurrent copy of the same
 * sign-in becomes a duplicate and a distinct sign-in is still counted.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ActivityEvent,
  activityFor,
  applySignal,
  type SessionRules,
  type SignalOutcome,
} from '../relogins';
import type { AuthSignal } from './domain/auth-signal';
import { type ActivityStore, StaleStateError } from './ports/activity-store';

export interface RecordOptions {
  maxAttempts: number;
  abortSignal?: AbortSignal;
  /** Upper bound of the random pause before a retry, doubled each attempt up to `maxBackoffMs`. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface RecordResult {
  outcome: SignalOutcome;
  event: ActivityEvent | null;
  attempts: number;
}

export class ContentionError extends Error {
  constructor(attempts: number) {
    super(`user state kept changing; gave up after ${attempts} attempts`);
    this.name = 'ContentionError';
  }
}

export async function recordAuthSignal(
  deps: { store: ActivityStore; rules: SessionRules },
  signal: AuthSignal,
  at: number,
  options: RecordOptions,
): Promise<RecordResult> {
  const { maxAttempts, abortSignal, baseBackoffMs = 5, maxBackoffMs = 200 } = options;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const { state, version } = await deps.store.readUserState(signal, { abortSignal });
    const { outcome, next } = applySignal(state, signal.kind, at, deps.rules);
    const event = activityFor(signal, at, outcome);
    if (event === null) return { outcome, event, attempts: attempt };
    try {
      await deps.store.commit(signal, version, next, event, { abortSignal });
      return { outcome, event, attempts: attempt };
    } catch (error) {
      if (!(error instanceof StaleStateError)) throw error;
    }
    if (attempt < maxAttempts) {
      // Full jitter keeps concurrent writers of one user from colliding in lockstep.
      const ceiling = Math.min(maxBackoffMs, baseBackoffMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling, undefined, { signal: abortSignal });
    }
  }
  throw new ContentionError(maxAttempts);
}
