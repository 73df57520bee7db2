import type { Clock, Stopwatch } from '../shared/clock';

/** The real time, for the functions and the CLI; everything below them takes a `Clock`. */
export const systemClock: Clock = { now: () => new Date() };

/** Monotonic elapsed time, for the time budgets of the functions. */
export const systemStopwatch: Stopwatch = { elapsedMs: () => performance.now() };
