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
