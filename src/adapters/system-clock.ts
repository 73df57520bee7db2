import type { Clock } from '../shared/clock';

/** The real time, for the functions and the CLI; everything below them takes a `Clock`. */
export const systemClock: Clock = { now: () => new Date() };
