/**
 * The one threshold policy: which `refreshTokenThreshold` (Argo CD's `oidc.config`, a Go duration) to
 * suggest for an ID-token validity. Every message asks here, so one client always gets the same text.
 *
 * Argo CD (from v3.4.6 / v3.5.0-rc3) refreshes an expired session without any threshold; the threshold
 * only adds refreshing before expiry, when `exp - now < threshold`. A threshold as long as the validity
 * would refresh on every request, so the suggestion is a quarter of it, in whole minutes (a Go duration
 * people can read at a glance: 90 min tokens give `22m`), and at least one minute.
 */
import { goDuration } from '../../shared/durations';

export interface SuggestedThreshold {
  seconds: number;
  /** The Go duration for `oidc.config`, e.g. "15m". */
  goDuration: string;
}

export function suggestedRefreshThreshold(idTokenMinutes: number): SuggestedThreshold {
  const minutes = Math.max(1, Math.floor(idTokenMinutes / 4));
  return { seconds: minutes * 60, goDuration: goDuration(minutes * 60) };
}
