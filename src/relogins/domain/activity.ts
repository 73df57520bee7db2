/** One counted (not duplicate) sign-in or refresh, as the replay of the sign-in log derives it. */
import type { LoggedSignIn } from '../../sign-ins';
import type { ActivityKind, SignalOutcome } from './session-rules';

export interface ActivityEvent {
  /** Epoch milliseconds. */
  at: number;
  kind: ActivityKind;
  userPoolId: string;
  clientId: string;
  user: string;
  /** Kept only where REPORT_IDENTITY shows it. */
  username?: string;
  email?: string;
  /** Minutes since the user's previous login; set on re-logins only. */
  intervalMinutes: number | null;
}

export function isLogin(event: Pick<ActivityEvent, 'kind'>): boolean {
  return event.kind === 'session-start' || event.kind === 're-login';
}

/** The counted activity of a logged signal's outcome, or `null` for a duplicate. */
export function activityFor(signIn: LoggedSignIn, outcome: SignalOutcome): ActivityEvent | null {
  if (outcome.kind === 'duplicate') return null;
  return {
    at: signIn.at,
    kind: outcome.kind,
    userPoolId: signIn.userPoolId,
    clientId: signIn.clientId,
    user: signIn.user,
    ...(signIn.username === undefined ? {} : { username: signIn.username }),
    ...(signIn.email === undefined ? {} : { email: signIn.email }),
    intervalMinutes: outcome.kind === 're-login' ? outcome.intervalMinutes : null,
  };
}
