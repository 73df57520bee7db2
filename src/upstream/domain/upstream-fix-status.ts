/**
 * What the upstream watcher learnt about one tracked fix, as printed by `relogin-monitor upstream-check`
 * and read by the re-login check's `upgrade-argocd` advice.
 */
export interface FixStatus {
  id: string;
  title: string;
  merged: boolean;
  /** For each minor line, the first GA release containing the fix, ascending (e.g. ["v3.4.6", "v3.5.0"]). */
  fixedIn: string[];
  /** For each minor line whose first containing release is a prerelease, that prerelease. */
  fixedInPrerelease: string[];
  /** null when the deployed version is unknown. */
  deployedHasFix: boolean | null;
  /** Smallest release to upgrade to from the deployed version; null when not needed or unknown. */
  upgradeTo: string | null;
  /** What to configure once the fix is deployed (from the fix catalog). */
  advice?: string;
}

export interface UpstreamFindings {
  /** e.g. "v3.3.14" (build suffix stripped); null when unknown. */
  deployedVersion: string | null;
  /** Epoch ms of the check. */
  checkedAt: number;
  fixes: FixStatus[];
}
