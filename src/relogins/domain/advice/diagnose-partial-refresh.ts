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
import { formatMinutes } from '../../../shared/durations';
import { plural } from '../../../shared/wording';
import { hasThresholdSetting, REFRESH_FIX_PULL, type RefreshFix, refreshFix } from './argocd-releases';
import type { AdviceInput, AdviceSeverity } from './input';
import { withoutTheFixText } from './shared-text';
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
    text: causeText(id, fix, validity, input.client === null ? null : refreshTokenRotation(input.client)),
  }));
  return {
    id: 'diagnose-partial-refresh',
    severity: 'warning',
    text: diagnosePartialRefreshText({
      refreshes,
      heavyUsers,
      heavyReLogins: input.heavyReLogins,
      heavyWithoutRefresh,
      causes,
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

function diagnosePartialRefreshText(facts: {
  refreshes: number;
  heavyUsers: number;
  heavyReLogins: number;
  heavyWithoutRefresh: number | null;
  causes: readonly PartialRefreshCause[];
}): string {
  const { heavyWithoutRefresh } = facts;
  const split =
    heavyWithoutRefresh === null
      ? ''
      : heavyWithoutRefresh === 0
        ? ' (each of them refreshed at least once)'
        : ` (${heavyWithoutRefresh} of them never refreshed)`;
  return (
    `Refresh tokens are used (${plural(facts.refreshes, 'refresh', 'refreshes')}), yet ${plural(facts.heavyUsers, 'user')} re-logged in ${facts.heavyReLogins} or more times${split}.` +
    ` Causes that fit, most likely first:\n${facts.causes.map((cause, index) => `${index + 1}. ${cause.text}`).join('\n')}`
  );
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
): string {
  switch (id) {
    case 'deployed-release-not-fixed': {
      const deployed = fix.deployedVersion ?? '';
      return `The watched Argo CD runs ${deployed}, which ${withoutTheFixText(hasThresholdSetting(deployed), REFRESH_FIX_PULL)}${fix.upgradeTo === null ? '' : `: upgrade it to ${fix.upgradeTo}`}.`;
    }
    case 'access-longer-than-id':
      return `AccessTokenValidity (${formatMinutes(validity?.accessTokenMinutes ?? 0)}) is longer than IdTokenValidity (${formatMinutes(validity?.idTokenMinutes ?? 0)}): Argo CD then serves the cached, expired ID token instead of refreshing (see fix-token-validity-order).`;
    case 'instance-not-fixed':
      return `Some Argo CD instance using this app client runs a release before ${fix.fixedIn.join(' / ')} (ask each one's \`/api/version\`): only fixed releases refresh.`;
    case 'dex':
      return "Users signing in through Argo CD's bundled Dex: Argo CD gets no refresh token from it (it does not request `offline_access`), so those sessions never refresh.";
    case 'userinfo-groups':
      return '`enableUserInfoGroups: true` in `oidc.config`: the access token for the userinfo call is cached at login and not renewed by the refresh in these releases, so sessions fail after the first expiry.';
    case 'cli':
      return "`argocd login --sso` users: the CLI refreshes by itself with this public client (not through the server), and CLIs before v3.4.0 replace the stored refresh token with Cognito's empty one after the first refresh, so they sign in again at every second expiry: upgrade the CLI (its version matters, not the server's).";
    case 'rotation-without-grace':
      return `Refresh-token rotation is on with a ${rotation?.gracePeriodSeconds ?? 0} s grace period: Argo CD refreshes without a lock, so two requests of one session refreshing at once redeem the same refresh token and the loser gets \`invalid_grant\` and a re-login. Set \`RetryGracePeriodSeconds\` to ${ADVISED_ROTATION_GRACE_SECONDS}.`;
    case 'session-cache-lost':
      return "Argo CD's Redis was flushed or restarted, or `server.secretkey` changed: the refresh tokens Argo CD cached at login are gone or unreadable, so every session signs in once more.";
  }
}
