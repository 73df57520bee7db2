/**
 * In-memory SignInLog keeping the port's contract: an append stores the signal as it came, keyed as
 * the DynamoDB log keys it (pool, time, client, user, trigger source), so a copy of the same signal at
 * the same millisecond replaces the first, as PutItem does; `list` answers one pool's `from <= at < to`
 * oldest first, `pages` the same in pages of `pageSize` (small, so readers cross page edges often). Each call records its options last (`[signIn, options]`), so a test can see the abort
 * signal a caller passed, and honours that signal while scripted to hang.
 */
import type { CallOptions, LoggedSignIn, SignInLog } from '../../../src/sign-ins';
import { FakePort, type Timeline } from './script';

type Operation = 'append' | 'list' | 'pages' | 'warmUp';

/** The parts of the DynamoDB item key (`table-layout.ts`), kept apart whatever characters they hold. */
function keyOf({ userPoolId, at, clientId, user, triggerSource }: LoggedSignIn): string {
  return JSON.stringify([userPoolId, at, clientId, user, triggerSource]);
}

export class FakeSignInLog extends FakePort<Operation> implements SignInLog {
  private readonly stored = new Map<string, LoggedSignIn>();

  constructor(
    timeline?: Timeline,
    private readonly pageSize = 3,
  ) {
    super('signIns', timeline);
  }

  /** Every stored signal of every pool, oldest first. */
  signIns(): LoggedSignIn[] {
    return [...this.stored.values()].sort((a, b) => a.at - b.at).map((signIn) => structuredClone(signIn));
  }

  async append(signIn: LoggedSignIn, options: CallOptions = {}): Promise<void> {
    await this.enter('append', [signIn, options], options.abortSignal);
    this.stored.set(keyOf(signIn), structuredClone(signIn));
  }

  async list(
    userPoolId: string,
    from: number,
    to: number,
    options: CallOptions = {},
  ): Promise<LoggedSignIn[]> {
    await this.enter('list', [userPoolId, from, to, options], options.abortSignal);
    return this.between(userPoolId, from, to);
  }

  async *pages(
    userPoolId: string,
    from: number,
    to: number,
    options: CallOptions = {},
  ): AsyncGenerator<LoggedSignIn[]> {
    await this.enter('pages', [userPoolId, from, to, options], options.abortSignal);
    const listed = this.between(userPoolId, from, to);
    for (let start = 0; start < listed.length; start += this.pageSize) {
      yield listed.slice(start, start + this.pageSize);
    }
  }

  private between(userPoolId: string, from: number, to: number): LoggedSignIn[] {
    return this.signIns().filter(
      (signIn) => signIn.userPoolId === userPoolId && signIn.at >= from && signIn.at < to,
    );
  }

  async warmUp(options: CallOptions = {}): Promise<void> {
    await this.enter('warmUp', [options], options.abortSignal);
  }
}
