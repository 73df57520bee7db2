/** The only way domain and use-case code learns the time; tests pass a fixed clock. */
export interface Clock {
  now(): Date;
}

export function fixedClock(at: Date | string): Clock & { set(next: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set(next) {
      current = new Date(next);
    },
  };
}

/**
 * Elapsed time within one run (a time budget), apart from the Clock: a run's Clock may be fixed at the
 * moment it checks (the simulation, the benchmarks) while its budget is real.
 */
export interface Stopwatch {
  /** Milliseconds on a clock that only moves forward; only differences mean anything. */
  elapsedMs(): number;
}

/** A stopwatch reading the Clock: enough where the Clock moves with real time. */
export function clockStopwatch(clock: Clock): Stopwatch {
  return { elapsedMs: () => clock.now().getTime() };
}
