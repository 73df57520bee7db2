/** Runs `work` with an abort signal and gives up once `budgetMs` has passed, whatever `work` does. */
export class BudgetExceededError extends Error {
  constructor(budgetMs: number) {
    super(`gave up after the ${budgetMs} ms budget`);
    this.name = 'BudgetExceededError';
  }
}

export async function withinBudget<T>(
  budgetMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new BudgetExceededError(budgetMs);
      controller.abort(error);
      reject(error);
    }, budgetMs);
  });
  const running = work(controller.signal);
  // The losing side of the race must not surface later as an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
