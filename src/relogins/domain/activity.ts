/** One counted (not duplicate) sign-in or refresh, as kept in the activity log. */
import type { AuthSignal } from '../../sign-ins';
import type { ActivityKind, SignalOutcome } from './session-rules';

export interface ActivityEvent {
  /** Epoch milliseconds. */
  at: number;
  kind: ActivityKind;
  userPoolId: string;
  clientId: string;
  user: string;
  username: string;
  email?: string;
  /** Minutes since the user's previous login; set on re-logins only. */
  intervalMinutes: number | null;
}

export function isLogin(event: Pick<ActivityEvent, 'kind'>): boolean {
  return event.kind === 'session-start' || event.kind === 're-login';
}

/** The log entry for a signal's outcome, or `null` for a duplicate (nothing to record). */
export function activityFor(signal: AuthSignal, at: number, outcome: SignalOutcome): ActivityEvent | null {
  if (outcome.kind === 'duplicate') return null;
  return {
    at,
    kind: outcome.kind,
    userPoolId: signal.userPoolId,
    clientId: signal.clientId,
    user: signal.user,
    username: signal.username,
    ...(signal.email ? { email: signal.email } : {}),
    intervalMinutes: outcome.kind === 're-login' ? outcome.intervalMinutes : null,
  };
}
