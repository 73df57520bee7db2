/**
 * What the simulated Argo CD server does with a user's browser session when the user acts, by the rules
 * docs/argocd-and-cognito.md#how-the-fixed-refresh-works lists from argo-cd's code: before the fix an expired ID token sends the user back to the login
 * page; from v3.4.6 / v3.5.0 the server redeems the cached refresh token instead, until
 * `users.session.duration` (default 24 h) after the login, a hard ceiling. With `refreshTokenThreshold`
 * set, a fixed release also refreshes a still valid token once `exp - now < threshold`. Pure.
 */

export interface ArgoCdRelease {
  version: string;
  /** Whether this release renews an expired session with the cached refresh token (#27777). */
  refreshesExpiredSessions: boolean;
}

export interface BrowserSession {
  loginAt: number;
  idTokenExpiresAt: number;
  /** The refresh token cached at login: only a release with the fix keeps it past the ID token's expiry. */
  refreshCachedUntil: number | null;
}

export type SessionStep = 'keep' | 'login' | 'refresh';

/** `refreshTokenThreshold` in `oidc.config`, in ms; 0 when unset. */
export type RefreshThresholdMs = number;

function canRefresh(session: BrowserSession, at: number): boolean {
  return session.refreshCachedUntil !== null && at < session.refreshCachedUntil;
}

export function nextSessionStep(
  session: BrowserSession | null,
  at: number,
  thresholdMs: RefreshThresholdMs = 0,
): SessionStep {
  if (session === null) return 'login';
  if (at < session.idTokenExpiresAt) {
    const nearExpiry = session.idTokenExpiresAt - at < thresholdMs;
    return nearExpiry && canRefresh(session, at) ? 'refresh' : 'keep';
  }
  return canRefresh(session, at) ? 'refresh' : 'login';
}

/** When the session next needs the server: at the threshold before expiry while it can refresh, else at expiry. */
export function nextSessionChange(
  session: BrowserSession,
  at: number,
  thresholdMs: RefreshThresholdMs = 0,
): number {
  const early = session.idTokenExpiresAt - thresholdMs;
  return thresholdMs > 0 && early > at && canRefresh(session, early) ? early : session.idTokenExpiresAt;
}

export function afterLogin(
  at: number,
  idTokenValidityMs: number,
  release: ArgoCdRelease,
  sessionDurationMs: number,
): BrowserSession {
  return {
    loginAt: at,
    idTokenExpiresAt: at + idTokenValidityMs,
    refreshCachedUntil: release.refreshesExpiredSessions ? at + sessionDurationMs : null,
  };
}

/** Cognito's refresh answer: a new ID token of the client's current validity; the session keeps its ceiling. */
export function afterRefresh(session: BrowserSession, at: number, idTokenValidityMs: number): BrowserSession {
  return { ...session, idTokenExpiresAt: at + idTokenValidityMs };
}
