/**
 * `diagnose-partial-refresh`: refreshes seen, yet some users are still heavy; the causes that fit, most
 * likely first.
 */
import {
  ADVISED_ROTATION_GRACE_SECONDS,
  type RefreshTokenRotation,
  refreshTokenRotation,
  type TokenValidity,
} from '../../../app-clients';
import type { Messages } from '../../../shared/i18n';
import { hasThresholdSetting, REFRESH_FIX_PULL, type RefreshFix, refreshFix } from './argocd-releases';
import { type AdviceInput, type AdviceSeverity, adviceMessages } from './input';
import { accessAboveId } from './token-validity';

type PartialRefreshCauseId =
  | 'deployed-release-not-fixed'
  | 'access-longer-than-id'
  | 'instance-not-fixed'
  | 'dex'
  | 'userinfo-groups'
  | 'rotation-without-grace'
  | 'cli'
  | 'session-cache-lost';

/** One reason why refresh works for some users and not for others. */
export interface PartialRefreshCause {
  id: PartialRefreshCauseId;
  text: string;
}

export interface DiagnosePartialRefreshAdvice {
  id: 'diagnose-partial-refresh';
  severity: AdviceSeverity;
  text: string;
  refreshes: number;
  heavyUsers: number;
  /** Heavy users the trigger never saw refresh; null when only Cognito's counts show refreshes. */
  heavyUsersWithoutRefresh: number | null;
  /** The causes that fit the data and the settings, most likely first. */
  causes: PartialRefreshCause[];
  idTokenValidityMinutes: number | null;
  /** From the upstream watcher's report when there is one, else the catalog's documented releases. */
  fixedIn: string[];
  deployedVersion: string | null;
  upgradeTo: string | null;
}

/**
 * The causes of "refresh works, yet users are heavy" that fit, most likely first: what the settings and
 * the upstream report prove, then what the per-user data points to. Heavy users who never refreshed are
 * on a path without refresh (an unfixed instance, Dex); heavy users who did refresh lose their session
 * after it (`enableUserInfoGroups`, an old CLI).
 */
function partialRefreshCauses(
  input: AdviceInput,
  fix: RefreshFix,
  heavyWithoutRefresh: number | null,
  heavyUsers: number,
): PartialRefreshCauseId[] {
  const proven: PartialRefreshCauseId[] = [];
  if (fix.deployedVersion !== null && fix.deployedHasFix === false) proven.push('deployed-release-not-fixed');
  if (accessAboveId(input.client?.tokenValidity ?? null)) proven.push('access-longer-than-id');
  const noRefreshPath: PartialRefreshCauseId[] = ['instance-not-fixed', 'dex'];
  // A confidential client is the server's: `argocd login --sso` sends no secret, so its sign-ins are elsewhere.
  const lostAfterRefresh: PartialRefreshCauseId[] = ['userinfo-groups'];
  const rotation = input.client === null ? null : refreshTokenRotation(input.client);
  if (rotation !== null && rotation.gracePeriodSeconds < ADVISED_ROTATION_GRACE_SECONDS) {
    lostAfterRefresh.push('rotation-without-grace');
  }
  if (input.client === null || !input.client.hasSecret) lostAfterRefresh.push('cli');
  const mostlyWithoutRefresh = heavyWithoutRefresh === null || heavyWithoutRefresh * 2 >= heavyUsers;
  // Once for everyone, so it explains a burst of re-logins rather than a steady rate: last.
  return [
    ...proven,
    ...(mostlyWithoutRefresh
      ? [...noRefreshPath, ...lostAfterRefresh]
      : [...lostAfterRefresh, ...noRefreshPath]),
    'session-cache-lost',
  ];
}

export function diagnosePartialRefresh(
  input: AdviceInput,
  refreshes: number,
  heavyUsers: number,
): DiagnosePartialRefreshAdvice {
  const m = adviceMessages(input);
  const validity = input.client?.tokenValidity ?? null;
  const fix = refreshFix(input.upstream);
  // Per user only when the trigger saw refreshes; Cognito's counts have no users.
  const heavy = new Set(input.summary.heavyUsers);
  const heavyWithoutRefresh =
    input.summary.totals.refreshes === 0
      ? null
      : input.summary.users.filter((user) => heavy.has(user.user) && user.refreshes === 0).length;
  const causes = partialRefreshCauses(input, fix, heavyWithoutRefresh, heavyUsers).map((id) => ({
    id,
    text: causeText(id, fix, validity, input.client === null ? null : refreshTokenRotation(input.client), m),
  }));
  return {
    id: 'diagnose-partial-refresh',
    severity: 'warning',
    text: m.text.advice.diagnose({
      refreshes,
      heavyUsers,
      heavyReLogins: input.heavyReLogins,
      heavyWithoutRefresh,
      causes: causes.map((cause) => cause.text),
    }),
    refreshes,
    heavyUsers,
    heavyUsersWithoutRefresh: heavyWithoutRefresh,
    causes,
    idTokenValidityMinutes: validity?.idTokenMinutes ?? null,
    fixedIn: fix.fixedIn,
    deployedVersion: fix.deployedVersion,
    upgradeTo: fix.upgradeTo,
  };
}

/**
 * The text of each cause. The CLI's release (v3.4.0, argoproj/argo-cd#24638,
 * docs/argocd-and-cognito.md#the-cli) is not a tracked fix of the catalog: the server's version does
 * not tell it, so the watcher cannot check it.
 */
function causeText(
  id: PartialRefreshCauseId,
  fix: RefreshFix,
  validity: TokenValidity | null,
  rotation: RefreshTokenRotation | null,
  m: Messages,
): string {
  const causes = m.text.advice.causes;
  switch (id) {
    case 'deployed-release-not-fixed': {
      const deployed = fix.deployedVersion ?? '';
      return causes.deployedNotFixed(
        deployed,
        m.text.advice.withoutTheFix(hasThresholdSetting(deployed), REFRESH_FIX_PULL),
        fix.upgradeTo,
      );
    }
    case 'access-longer-than-id':
      return causes.accessLongerThanId(
        m.format.minutes(validity?.accessTokenMinutes ?? 0),
        m.format.minutes(validity?.idTokenMinutes ?? 0),
      );
    case 'instance-not-fixed':
      return causes.instanceNotFixed(fix.fixedIn.join(' / '));
    case 'dex':
      return causes.dex;
    case 'userinfo-groups':
      return causes.userinfoGroups;
    case 'rotation-without-grace':
      return causes.rotationWithoutGrace(rotation?.gracePeriodSeconds ?? 0, ADVISED_ROTATION_GRACE_SECONDS);
    case 'cli':
      return causes.cli;
    case 'session-cache-lost':
      return causes.sessionCacheLost;
  }
}
