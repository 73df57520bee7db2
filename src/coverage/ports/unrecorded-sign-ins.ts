import type { LoggedSignIn } from '../../sign-ins';

/** The trigger's failed-write lines. One real implementation: `src/adapters/cloudwatch-logs/`. */
export interface UnrecordedSignInSource {
  /**
   * The items of the failed-write lines logged from `from` to `to` (epoch ms, both inclusive), and how
   * many such lines could not be read back (left alone, never guessed at).
   */
  read(from: number, to: number): Promise<{ signIns: LoggedSignIn[]; unreadable: number }>;
}

/** Writes a recovered item unless the log holds it already (its write did land after all). */
export interface RecoveryLog {
  /** @returns whether the item was written (false: it was there already). */
  appendIfAbsent(signIn: LoggedSignIn): Promise<boolean>;
}
