/**
 * The one replay: runs logged sign-ins through the session rules in time order, per user and client.
 * Session starts, re-logins, refreshes, intervals and duplicates (both triggers for one sign-in,
 * Cognito retries) are all decided here, for the scheduled check and for `analyze` alike.
 */
import type { LoggedSignIn } from '../../sign-ins';
import { type ActivityEvent, activityFor } from './activity';
import { applySignal, EMPTY_SESSION_STATE, type SessionRules, type UserSessionState } from './session-rules';

/** Time order, with a fixed order for equal times, so any shuffle of a log replays the same way. */
function chronological(a: LoggedSignIn, b: LoggedSignIn): number {
  return (
    a.at - b.at ||
    (a.triggerSource < b.triggerSource ? -1 : a.triggerSource > b.triggerSource ? 1 : 0) ||
    (a.user < b.user ? -1 : a.user > b.user ? 1 : 0)
  );
}

/** The counted activity (duplicates dropped), oldest first. */
export function replaySignIns(signIns: readonly LoggedSignIn[], rules: SessionRules): ActivityEvent[] {
  const states = new Map<string, UserSessionState>();
  const events: ActivityEvent[] = [];
  for (const signIn of [...signIns].sort(chronological)) {
    const key = `${signIn.userPoolId}\u0000${signIn.clientId}\u0000${signIn.user}`;
    const { outcome, next } = applySignal(
      states.get(key) ?? EMPTY_SESSION_STATE,
      signIn.kind,
      signIn.at,
      rules,
    );
    states.set(key, next);
    const event = activityFor(signIn, outcome);
    if (event !== null) events.push(event);
  }
  return events;
}
