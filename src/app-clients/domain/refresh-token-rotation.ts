/**
 * Refresh-token rotation of an app client (Cognito's `RefreshTokenRotation`, Essentials/Plus plan): each
 * refresh returns a new refresh token and retires the old one after `RetryGracePeriodSeconds` (0-60 s).
 * Argo CD v3.4.6+ stores the rotated token back in its cache, so rotation does not break the fix; but its
 * refresh path takes no lock, so two requests of one session refreshing at once redeem the same token, and
 * with a 0 s grace period the loser gets `invalid_grant` and a re-login (docs/argocd-and-cognito.md#refresh-token-rotation-and-its-grace-period).
 */
import type { AppClientDescription } from './app-client-description';

/** The grace period to advise: Cognito's maximum, wide enough for a page's parallel requests. */
export const ADVISED_ROTATION_GRACE_SECONDS = 60;

export interface RefreshTokenRotation {
  gracePeriodSeconds: number;
}

/** The client's rotation when it is on, else null (off, or not in the answer). */
export function refreshTokenRotation(client: AppClientDescription): RefreshTokenRotation | null {
  const setting = client.updatable.RefreshTokenRotation as
    | { Feature?: unknown; RetryGracePeriodSeconds?: unknown }
    | undefined;
  if (setting === undefined || setting === null || setting.Feature !== 'ENABLED') return null;
  const grace = setting.RetryGracePeriodSeconds;
  return { gracePeriodSeconds: typeof grace === 'number' && grace > 0 ? grace : 0 };
}
