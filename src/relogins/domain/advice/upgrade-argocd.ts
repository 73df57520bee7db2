/**
 * `upgrade-argocd` (the real fix): no refresh-token use seen. Upgrading makes refresh work;
 * `refreshTokenThreshold` is only recommended (it adds refreshing before expiry).
 */
import { suggestedRefreshThreshold, type TokenValidity } from '../../../app-clients';
import type { Messages } from '../../../shared/i18n';
import { round } from '../../../shared/stats';
import { hasThresholdSetting, REFRESH_FIX_PULL, type RefreshFix, refreshFix } from './argocd-releases';
import { type AdviceInput, type AdviceSeverity, adviceMessages } from './input';
import { argocdCmYaml, ceilingText, rotationNote, stopGapInPlace } from './shared-text';
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
  const m = adviceMessages(input);
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
    text: upgradeArgoCdText(facts, m) + rotationNote(input.client, m),
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

function upgradeArgoCdText(facts: UpgradeArgoCdFacts, m: Messages): string {
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn, validity, threshold, ceiling, whatIf } = facts;
  const words = m.text.advice.upgrade;
  let lead: string;
  if (deployedVersion !== null && deployedHasFix === true) {
    lead = words.deployedHasFix(deployedVersion);
  } else if (deployedVersion !== null && upgradeTo !== null) {
    lead = words.deployed(
      deployedVersion,
      m.text.advice.withoutTheFix(facts.deployedHasThresholdSetting, REFRESH_FIX_PULL),
      upgradeTo,
    );
  } else {
    lead = words.unknownDeployment(fixedIn.join(' / '));
  }
  const recommended = words.recommended(
    threshold,
    validity === null ? null : m.format.minutes(validity.idTokenMinutes),
  );
  const after = words.after({
    fixed: deployedHasFix === true,
    ceiling: ceilingText(ceiling, facts.sessionHours, validity, m),
    userDays: facts.userDays,
    now: m.format.decimal(whatIf.now, 1),
    predicted: m.format.decimal(whatIf.predicted, 1),
  });
  return lead + recommended + after + stopGapInPlace(validity, m);
}
