import { describe, expect, it } from 'vitest';
import { BudgetExceededError, withinBudget } from '../../../src/shared/time-budget';

describe('Function: withinBudget', () => {
  it('should give up at the budget and abort the work, even when the work ignores the signal', async () => {
    let seen: AbortSignal | undefined;
    const started = performance.now();
    await expect(
      withinBudget(50, (signal) => {
        seen = signal;
        return new Promise(() => undefined);
      }),
    ).rejects.toThrow(new BudgetExceededError(50));
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(seen?.aborted).toBe(true);
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
