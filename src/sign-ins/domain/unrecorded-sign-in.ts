/**
 * The trigger's failed-write line, one format for both sides: the trigger logs the exact item it could
 * not write under UNRECORDED_FIELD (identity fields only as the table keeps them, never a token), and
 * the recovery reads it back from the trigger's CloudWatch Logs and writes it. Pure.
 */
import * as v from 'valibot';
import type { LoggedSignIn } from '../ports/sign-in-log';

export const UNRECORDED_MESSAGE = 'could not record sign-in; the sign-in goes on';
/** The log line's key holding the item; the recovery's filter pattern selects lines by it. */
export const UNRECORDED_FIELD = 'unrecordedSignIn';

/** A write that failed (or ran out of budget) with the item it would have written. */
export class UnrecordedSignInError extends Error {
  constructor(
    readonly signIn: LoggedSignIn,
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = cause instanceof Error ? cause.name : 'UnrecordedSignInError';
  }
}

const text = v.pipe(v.string(), v.minLength(1), v.maxLength(2_048));
const LOGGED_SIGN_IN = v.object({
  at: v.pipe(v.number(), v.integer(), v.minValue(0)),
  kind: v.picklist(['login', 'refresh']),
  triggerSource: text,
  userPoolId: text,
  clientId: text,
  user: text,
  username: v.optional(text),
  email: v.optional(text),
});

/**
 * The item of one failed-write line (the whole JSON line as Powertools writes it), or null when the
 * line is not one or its item is malformed: a recovery never writes what it cannot vouch for.
 */
export function readUnrecordedLine(line: string): LoggedSignIn | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const result = v.safeParse(LOGGED_SIGN_IN, (parsed as Record<string, unknown>)[UNRECORDED_FIELD]);
  if (!result.success) return null;
  const { username, email, ...signIn } = result.output;
  return {
    ...signIn,
    ...(username === undefined ? {} : { username }),
    ...(email === undefined ? {} : { email }),
  };
}
