/**
 * `upgrade-argocd` (the real fix): no refresh-token use seen. Upgrading makes refresh work;
 * `refreshTokenThreshold` is only recommended (it adds refreshing before expiry).
 */
import { suggestedRefreshThreshold, type TokenValidity } from '../../../app-clients';
import { formatMinutes } from '../../../shared/durations';
import { round } from '../../../shared/stats';
import { plural } from '../../../shared/wording';
import { hasThresholdSetting, REFRESH_FIX_PULL, type RefreshFix, refreshFix } from './argocd-releases';
import type { AdviceInput, AdviceSeverity } from './input';
import { argocdCmYaml, ceilingText, rotationNote, stopGapInPlace, withoutTheFixText } from './shared-text';
import { type ReLoginCeiling, reLoginCeiling } from './token-validity';
import { observedUserDays, reLoginWhatIf } from './what-if';

export interface UpgradeArgoCdAdvice {
  id: 'upgrade-argocd';
  severity: AdviceSeverity;
  text: string;
  fixedIn: string[];
  deployedVersion: string | null;
  deployedHasFix: boolean | null;
  upgradeTo: string | null;
  /** The recommended (never required) Go duration, null when the ID-token validity is unknown. */
  suggestedRefreshTokenThreshold: string | null;
  /** The `argocd-cm` data to set, as YAML. */
  argocdCm: string;
  reLoginCeiling: ReLoginCeiling;
  observedUserDays: number;
  reLoginsPerUserDayNow: number;
  /** At one sign-in per `reLoginCeiling`, the same user-days' re-logins after the upgrade. */
  predictedReLoginsPerUserDayAfterFix: number;
}

/** What the text says, decided from the numbers. */
interface UpgradeArgoCdFacts extends RefreshFix {
  validity: TokenValidity | null;
  threshold: string | null;
  /** Whether the deployed release, without the fix, at least has `refreshTokenThreshold`. */
  deployedHasThresholdSetting: boolean;
  sessionHours: number;
  ceiling: ReLoginCeiling;
  userDays: number;
  whatIf: { now: number; predicted: number };
}

export function upgradeArgoCd(input: AdviceInput, heavyUsers: number): UpgradeArgoCdAdvice {
  const fix = refreshFix(input.upstream);
  const validity = input.client?.tokenValidity ?? null;
  const threshold = validity === null ? null : suggestedRefreshThreshold(validity.idTokenMinutes).goDuration;
  const ceiling = reLoginCeiling(input.sessionHours, validity);
  const userDays = observedUserDays(input.events);
  const whatIf = reLoginWhatIf(userDays, ceiling.minutes);
  const facts = {
    ...fix,
    validity,
    threshold,
    deployedHasThresholdSetting: fix.deployedVersion !== null && hasThresholdSetting(fix.deployedVersion),
    sessionHours: input.sessionHours,
    ceiling,
    userDays: userDays.length,
    whatIf,
  };
  return {
    id: 'upgrade-argocd',
    severity: heavyUsers > 0 ? 'warning' : 'info',
    text: upgradeArgoCdText(facts) + rotationNote(input.client),
    fixedIn: fix.fixedIn,
    deployedVersion: fix.deployedVersion,
    deployedHasFix: fix.deployedHasFix,
    upgradeTo: fix.upgradeTo,
    suggestedRefreshTokenThreshold: threshold,
    argocdCm: argocdCmYaml(threshold, input.sessionHours),
    reLoginCeiling: ceiling,
    observedUserDays: userDays.length,
    reLoginsPerUserDayNow: round(whatIf.now, 2),
    predictedReLoginsPerUserDayAfterFix: round(whatIf.predicted, 2),
  };
}

function upgradeArgoCdText(facts: UpgradeArgoCdFacts): string {
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn, validity, threshold, ceiling, whatIf } = facts;
  const refreshesItself =
    'Argo CD then renews an expired session with the refresh token it cached at login, with no setting needed';
  let lead: string;
  if (deployedVersion !== null && deployedHasFix === true) {
    lead =
      `Argo CD ${deployedVersion} is deployed and has the refresh fix, which needs no setting, yet no refresh-token use was seen:` +
      ' check that every Argo CD instance using this app client runs a fixed release and signs users in with Cognito directly (Argo CD gets no refresh token from its bundled Dex).';
  } else if (deployedVersion !== null && upgradeTo !== null) {
    lead = `The real fix: Argo CD ${deployedVersion} is deployed and ${withoutTheFixText(facts.deployedHasThresholdSetting, REFRESH_FIX_PULL)}. Upgrade to ${upgradeTo}: upgrading is what makes refresh work. ${refreshesItself}.`;
  } else {
    lead = `The real fix: no refresh-token use was seen. Upgrade Argo CD to ${fixedIn.join(' / ')} or later: upgrading is what makes refresh work. ${refreshesItself}.`;
  }
  const recommended =
    threshold === null
      ? ' Recommended, not required: set `refreshTokenThreshold` inside the `oidc.config` block of `argocd-cm` to a Go duration shorter than the ID-token validity, so sessions are also refreshed before they expire.'
      : ` Recommended, not required: \`refreshTokenThreshold: ${threshold}\` inside the \`oidc.config\` block of \`argocd-cm\` also refreshes sessions before they expire (a Go duration shorter than the ${formatMinutes(validity?.idTokenMinutes ?? 0)} ID-token validity; the server picks up a changed \`oidc.config\` by itself).`;
  const once = deployedHasFix === true ? 'Once refresh works,' : 'After the upgrade';
  const after =
    ` ${once} users sign in again ${ceilingText(ceiling, facts.sessionHours, validity)}.` +
    (facts.userDays === 0
      ? ''
      : ` Over ${plural(facts.userDays, 'observed user-day')} that is ${round(whatIf.now, 1)} re-logins per user per day now, about ${round(whatIf.predicted, 1)} with refresh.`);
  return lead + recommended + after + stopGapInPlace(validity);
}
