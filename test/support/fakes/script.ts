/**
 * What a fake does on its next calls besides its normal job: fail, never answer (until aborted), or let
 * something else happen first (another run's write, to stage a race). Shared by every fake port, so each
 * one scripts faults the same way: `fake.script.failNext('post', error)`.
 */
type Step = { kind: 'fail'; error: unknown } | { kind: 'hang' } | { kind: 'first'; run: () => unknown };

export class Script<Operation extends string> {
  private readonly steps = new Map<Operation, Step[]>();

  /** The next `times` calls of `operation` reject with `error` and change nothing. */
  failNext(operation: Operation, error: unknown, times = 1): this {
    for (let i = 0; i < times; i += 1) this.queue(operation, { kind: 'fail', error });
    return this;
  }

  /** The next call of `operation` never answers; it rejects with the abort reason once its signal aborts. */
  hangNext(operation: Operation): this {
    return this.queue(operation, { kind: 'hang' });
  }

  /** `run` is awaited at the start of the next call of `operation`, before it does its job. */
  beforeNext(operation: Operation, run: () => unknown): this {
    return this.queue(operation, { kind: 'first', run });
  }

  /** Called by the fake at the start of each call: plays the step queued for it, if any. */
  async play(operation: Operation, signal?: AbortSignal): Promise<void> {
    const step = this.steps.get(operation)?.shift();
    if (step === undefined) return;
    if (step.kind === 'fail') throw step.error;
    if (step.kind === 'first') {
      await step.run();
      return;
    }
    await new Promise<never>((_, reject) => {
      if (signal === undefined) return;
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }

  private queue(operation: Operation, step: Step): this {
    const queued = this.steps.get(operation) ?? [];
    queued.push(step);
    this.steps.set(operation, queued);
    return this;
  }
}

/**
 * One ordered record of calls across several fakes, for order-of-work assertions ("every metric was
 * published before the first Slack post"). Each fake appends `<port>.<operation>` when it is given one.
 */
export class Timeline {
  readonly entries: string[] = [];

  record(entry: string): void {
    this.entries.push(entry);
  }

  /** Index of the first entry equal to `entry`; -1 when it never happened. */
  first(entry: string): number {
    return this.entries.indexOf(entry);
  }

  last(entry: string): number {
    return this.entries.lastIndexOf(entry);
  }
}

export interface Call<Operation extends string> {
  operation: Operation;
  args: readonly unknown[];
}

/** What every fake port shares: the calls it was asked, in order, and its script of faults. */
export abstract class FakePort<Operation extends string> {
  readonly calls: Call<Operation>[] = [];
  readonly script = new Script<Operation>();

  constructor(
    /** `<port>` in the timeline's `<port>.<operation>` entries. */
    private readonly portName: string,
    private readonly timeline?: Timeline,
  ) {}

  /** The arguments of every call of `operation`, in order. */
  argsOf(operation: Operation): (readonly unknown[])[] {
    return this.calls.filter((call) => call.operation === operation).map((call) => call.args);
  }

  /**
   * Records the call, then plays its scripted step (which may throw or hang). A call made with an
   * already aborted signal rejects with its reason, as the AWS SDK's `send` does.
   */
  protected async enter(operation: Operation, args: readonly unknown[], signal?: AbortSignal): Promise<void> {
    this.calls.push({ operation, args });
    this.timeline?.record(`${this.portName}.${operation}`);
    signal?.throwIfAborted();
    await this.script.play(operation, signal);
  }
}
