import type { AuthSignal } from '../domain/auth-signal';

/**
 * One classified trigger event as the log keeps it: the signal and when the trigger saw it. Only the
 * user attributes the configured REPORT_IDENTITY shows are kept (`username`, `email`).
 */
export type LoggedSignIn = Omit<AuthSignal, 'username' | 'email'> & {
  /** Epoch ms. */
  at: number;
  username?: string;
  email?: string;
};

export interface CallOptions {
  abortSignal?: AbortSignal;
}

/**
 * The append-only, time-partitioned log of sign-ins and refreshes. Writing is one request per signal;
 * everything derived (sessions, re-logins, duplicates) comes from replaying it.
 */
export interface SignInLog {
  append(signIn: LoggedSignIn, options?: CallOptions): Promise<void>;
  /** Every logged signal of the pool with `from <= at < to` (epoch ms), oldest first, read with Queries. */
  list(userPoolId: string, from: number, to: number, options?: CallOptions): Promise<LoggedSignIn[]>;
  /**
   * The same signals as `list`, a page at a time (oldest first, pages in order), so that a long read
   * holds one page and not the whole range: the check's first run replays the retained log this way.
   */
  pages(userPoolId: string, from: number, to: number, options?: CallOptions): AsyncIterable<LoggedSignIn[]>;
  /** One cheap request that opens the connection (cold start); never part of an event's budget. */
  warmUp(options?: CallOptions): Promise<void>;
}
