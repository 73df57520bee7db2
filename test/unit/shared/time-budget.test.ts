import { afterEach, describe, expect, it, vi } from 'vitest';
import { BudgetExceededError, withinBudget } from '../../../src/shared/time-budget';

describe('Function: withinBudget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('should give up at the budget and abort the work, even when the work ignores the signal', async () => {
    vi.useFakeTimers();
    let seen: AbortSignal | undefined;
    let settled = false;
    const running = withinBudget(50, (signal) => {
      seen = signal;
      return new Promise(() => undefined);
    }).finally(() => {
      settled = true;
    });
    running.catch(() => undefined);

    await vi.advanceTimersByTimeAsync(49);
    expect(settled).toBe(false);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    await expect(running).rejects.toThrow(new BudgetExceededError(50));
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toEqual(new BudgetExceededError(50));
  });

  it('should hand back the result of work that finishes in time and leave its signal alone', async () => {
    let seen: AbortSignal | undefined;
    const result = await withinBudget(1_000, async (signal) => {
      seen = signal;
      return 'recorded';
    });
    expect(result).toBe('recorded');
    expect(seen?.aborted).toBe(false);
  });

  it('should pass on the work failing before the budget', async () => {
    await expect(withinBudget(1_000, async () => Promise.reject(new Error('table missing')))).rejects.toThrow(
      'table missing',
    );
  });
});
