/**
 * `mitigate-with-threshold`: the deployed release refreshes before expiry once `refreshTokenThreshold` is
 * set (v3.3.0 on, argoproj/argo-cd#23727) but does not renew an expired session (before the fix): a real
 * partial mitigation for active sessions until the upgrade, never a replacement for it
 * (docs/argocd-and-cognito.md#partial-refresh-before-the-fix).
 */
import { suggestedRefreshThreshold } from '../../../app-clients';
import { hasThresholdSetting, refreshFix } from './argocd-releases';
import { type AdviceInput, type AdviceSeverity, adviceMessages } from './input';
import { argocdCmYaml } from './shared-text';

export interface MitigateWithThresholdAdvice {
  id: 'mitigate-with-threshold';
  severity: AdviceSeverity;
  text: string;
  deployedVersion: string;
  upgradeTo: string | null;
  /** The Go duration to set, shorter than the ID-token validity. */
  refreshTokenThreshold: string;
  idTokenValidityMinutes: number | null;
  /** The `argocd-cm` data to set, as YAML. */
  argocdCm: string;
}

/** Threshold for the usual 1 h tokens when the client's validity is unknown: a quarter of it. */
const THRESHOLD_FOR_ONE_HOUR = '15m';

/** Null when the deployed release is unknown, has no threshold setting, or already has the fix. */
export function mitigateWithThreshold(
  input: AdviceInput,
  heavyUsers: number,
): MitigateWithThresholdAdvice | null {
  const fix = refreshFix(input.upstream);
  const deployed = fix.deployedVersion;
  if (deployed === null || fix.deployedHasFix === true || !hasThresholdSetting(deployed)) return null;
  const idTokenMinutes = input.client?.tokenValidity.idTokenMinutes ?? null;
  const threshold =
    idTokenMinutes === null ? THRESHOLD_FOR_ONE_HOUR : suggestedRefreshThreshold(idTokenMinutes).goDuration;
  const m = adviceMessages(input);
  return {
    id: 'mitigate-with-threshold',
    severity: heavyUsers > 0 ? 'warning' : 'info',
    text: m.text.advice.mitigate({
      deployed,
      threshold,
      idValidity: idTokenMinutes === null ? null : m.format.minutes(idTokenMinutes),
      upgrade: fix.upgradeTo ?? m.text.advice.orLater(fix.fixedIn.join(' / ')),
    }),
    deployedVersion: deployed,
    upgradeTo: fix.upgradeTo,
    refreshTokenThreshold: threshold,
    idTokenValidityMinutes: idTokenMinutes,
    argocdCm: argocdCmYaml(threshold, null),
  };
}
