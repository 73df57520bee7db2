/**
 * Which Argo CD releases refresh OIDC sessions, from the upstream watcher's report when there is one,
 * else from the releases `catalog/fixes.json` documents (argoproj/argo-cd#27777 and its backports,
 * `argocd-oidc-refresh`; the `refreshTokenThreshold` setting, #23727, `argocd-oidc-refresh-setting`).
 */
import { compareVersions, shippedFirstReleases, type UpstreamFindings } from '../../../upstream';

/** The catalog id of the Argo CD OIDC refresh fix in the upstream watcher's report. */
const REFRESH_FIX_ID = 'argocd-oidc-refresh';
const documentedFix = shippedFirstReleases(REFRESH_FIX_ID);
/** The fix's original pull request, as the advice names it. */
export const REFRESH_FIX_PULL = documentedFix.entry.pulls[0] as number;

/** First release with `refreshTokenThreshold` (the earliest the catalog documents). */
const THRESHOLD_SETTING_SINCE = shippedFirstReleases('argocd-oidc-refresh-setting')
  .firstReleases.slice()
  .sort(compareVersions)[0] as string;

/** What the advice knows about the refresh fix and the deployed Argo CD. */
export interface RefreshFix {
  deployedVersion: string | null;
  deployedHasFix: boolean | null;
  upgradeTo: string | null;
  /** From the upstream watcher's report when there is one, else the catalog's documented releases. */
  fixedIn: string[];
}

/** What the upstream watcher's report says about the refresh fix; the documented releases without a report. */
export function refreshFix(upstream: UpstreamFindings | null | undefined): RefreshFix {
  const fix = upstream?.fixes.find((candidate) => candidate.id === REFRESH_FIX_ID);
  return {
    deployedVersion: upstream?.deployedVersion ?? null,
    deployedHasFix: fix?.deployedHasFix ?? null,
    upgradeTo: fix?.upgradeTo ?? null,
    fixedIn:
      fix !== undefined && fix.fixedIn.length > 0 ? [...fix.fixedIn] : [...documentedFix.firstReleases],
  };
}

/**
 * Whether a release without the fix has `refreshTokenThreshold` (and so an unreliable refresh) or
 * never refreshes OIDC sessions at all.
 */
export function hasThresholdSetting(version: string): boolean {
  return compareVersions(version, THRESHOLD_SETTING_SINCE) >= 0;
}
