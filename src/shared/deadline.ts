/**
 * When a scheduled job must be done waiting on other services (Slack, GitHub), so that it still has
 * time to release its leases, publish what failed and log before Lambda stops it.
 *
 * A deadline only says how much time is left; each adapter knows how long its own next step can take
 * (a Retry-After wait, one request with its retries) and refuses to start a step that cannot finish in
 * time. Nothing is abandoned half-way: a request cut off mid-flight could still be accepted later, and
 * a Slack message accepted after its lease was released would be posted again by the next run.
 */
import type { Clock } from './clock';

export interface Deadline {
  /** Milliseconds left before the job must have stopped waiting; 0 or less once it has passed. */
  remainingMs(): number;
}

/** For runs that Lambda does not bound (the CLI, tests): never runs out. */
export const NO_DEADLINE: Deadline = { remainingMs: () => Number.POSITIVE_INFINITY };

export function deadlineIn(clock: Clock, ms: number): Deadline {
  const at = clock.now().getTime() + ms;
  return { remainingMs: () => at - clock.now().getTime() };
}

/**
 * What a scheduled job keeps after its deadline: releasing a lease (one DynamoDB write), the
 * `AlertFailures` publish (one PutMetricData) and the last log lines, each well under a second.
 */
export const FINISH_RESERVE_MS = 5_000;

/** The deadline of one invocation: Lambda's remaining time less the reserve for finishing cleanly. */
export function deadlineFromContext(
  context: { getRemainingTimeInMillis(): number },
  clock: Clock,
  reserveMs = FINISH_RESERVE_MS,
): Deadline {
  return deadlineIn(clock, context.getRemainingTimeInMillis() - reserveMs);
}

/** A step was not started because it could not finish before the deadline; the next run does it. */
export class DeadlineExceededError extends Error {
  constructor(
    readonly step: string,
    readonly neededMs: number,
    readonly remainingMs: number,
  ) {
    super(
      `out of time: ${step} may take ${Math.ceil(neededMs)} ms, ${Math.max(0, Math.floor(remainingMs))} ms left before the deadline`,
    );
    this.name = 'DeadlineExceededError';
  }
}

/** Throws DeadlineExceededError unless a step of at most `neededMs` still fits before the deadline. */
export function ensureTimeFor(deadline: Deadline, neededMs: number, step: string): void {
  const remaining = deadline.remainingMs();
  if (remaining < neededMs) throw new DeadlineExceededError(step, neededMs, remaining);
}
