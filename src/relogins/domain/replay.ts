/**
 * The one replay: runs logged sign-ins through the session rules in time order, per user and client.
 * Session starts, re-logins, refreshes, intervals and duplicates (both triggers for one sign-in,
 * Cognito retries) are all decided here, for the scheduled check and for `analyze` alike; the check
 * starts from a checkpoint of the states (`session-checkpoint.ts`), the same loop.
 */
import type { LoggedSignIn } from '../../sign-ins';
import type { ActivityEvent } from './activity';
import { replayFromCheckpoint } from './session-checkpoint';
import type { SessionRules } from './session-rules';

/** The counted activity (duplicates dropped), oldest first. */
export function replaySignIns(signIns: readonly LoggedSignIn[], rules: SessionRules): ActivityEvent[] {
  return replayFromCheckpoint(null, signIns, rules).events;
}
