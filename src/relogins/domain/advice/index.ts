/**
 * What to change, from the numbers, true to Argo CD's fixed refresh code (docs/argocd-and-cognito.md): pure, shared by
 * the scheduled re-login check and `relogin-monitor analyze --client-config`. Each item is
 * `{id, severity, text, ...figures}`; each kind is a module with its decision and its text:
 *
 * - `upgrade-argocd` (the real fix): no refresh-token use seen.
 * - `mitigate-with-threshold`: beside the upgrade, for a deployed release that refreshes before expiry.
 * - `extend-token-validity` (stop-gap): heavy users and no refresh seen.
 * - `diagnose-partial-refresh`: refreshes seen, yet some users are still heavy.
 * - `revert-token-validity`: refreshes seen, nobody heavy, token validity still stretched above 1 h.
 * - `fix-token-validity-order`: access-token validity above ID-token validity.
 */
import type { ActivitySummary } from '../activity-summary';
import { type DiagnosePartialRefreshAdvice, diagnosePartialRefresh } from './diagnose-partial-refresh';
import { type ExtendTokenValidityAdvice, extendTokenValidity } from './extend-token-validity';
import {
  type AlsoFixedBy,
  type FixTokenValidityOrderAdvice,
  fixTokenValidityOrder,
} from './fix-token-validity-order';
import type { AdviceInput } from './input';
import { type MitigateWithThresholdAdvice, mitigateWithThreshold } from './mitigate-with-threshold';
import { type RevertTokenValidityAdvice, revertTokenValidity } from './revert-token-validity';
import { accessAboveId, isStretched } from './token-validity';
import { type UpgradeArgoCdAdvice, upgradeArgoCd } from './upgrade-argocd';

export type { DiagnosePartialRefreshAdvice, PartialRefreshCause } from './diagnose-partial-refresh';
export type { ExtendTokenValidityAdvice } from './extend-token-validity';
export type { FixTokenValidityOrderAdvice } from './fix-token-validity-order';
export type { AdviceInput, AdviceSeverity } from './input';
export type { MitigateWithThresholdAdvice } from './mitigate-with-threshold';
export type { RevertTokenValidityAdvice } from './revert-token-validity';
export {
  type ClientChange,
  DEFAULT_PROPOSED_VALIDITY_HOURS,
  isStretched,
  MAX_TOKEN_VALIDITY_HOURS,
  type ReLoginCeiling,
  reLoginCeiling,
  UNSTRETCHED_MINUTES,
} from './token-validity';
export type { UpgradeArgoCdAdvice } from './upgrade-argocd';
export { type ObservedUserDay, observedUserDays, reLoginWhatIf } from './what-if';

export type AdviceItem =
  | UpgradeArgoCdAdvice
  | MitigateWithThresholdAdvice
  | ExtendTokenValidityAdvice
  | DiagnosePartialRefreshAdvice
  | RevertTokenValidityAdvice
  | FixTokenValidityOrderAdvice;

/** Refreshes seen by the trigger, or by Cognito itself when its figure is larger (e.g. no Pre Token trigger). */
function refreshesSeen(summary: ActivitySummary, cognitoTokenRefreshes: number | null): number {
  return Math.max(summary.totals.refreshes, cognitoTokenRefreshes ?? 0);
}

/** The items for the state the numbers show: nothing refreshes, refresh works for some, or for all. */
function stateAdvice(input: AdviceInput, refreshes: number, heavyUsers: number): AdviceItem[] {
  const validity = input.client?.tokenValidity ?? null;
  if (refreshes === 0) {
    const mitigate = mitigateWithThreshold(input, heavyUsers);
    const extend = heavyUsers > 0 ? extendTokenValidity(input) : null;
    return [
      upgradeArgoCd(input, heavyUsers),
      ...(mitigate === null ? [] : [mitigate]),
      ...(extend === null ? [] : [extend]),
    ];
  }
  if (heavyUsers > 0) return [diagnosePartialRefresh(input, refreshes, heavyUsers)];
  return isStretched(validity) === true && input.client !== null
    ? [revertTokenValidity(input, input.client, refreshes)]
    : [];
}

export function advise(input: AdviceInput): AdviceItem[] {
  const refreshes = refreshesSeen(input.summary, input.cognitoTokenRefreshes);
  const items = stateAdvice(input, refreshes, input.summary.heavyUsers.length);
  const client = input.client;
  if (client === null || !accessAboveId(client.tokenValidity)) return items;
  const alsoFixedBy = items.find(
    (item): item is AlsoFixedBy => item.id === 'extend-token-validity' || item.id === 'revert-token-validity',
  );
  return [...items, fixTokenValidityOrder(input, client, refreshes > 0, alsoFixedBy)];
}
