/**
 * What to change, from the numbers: pure, shared by the scheduled re-login check and
 * `relogin-monitor analyze --client-config`. Each item is `{id, severity, text, ...figures}`.
 *
 * - `upgrade-argocd` (the real fix): no refresh-token use seen.
 * - `extend-token-validity` (stop-gap): heavy users and no refresh seen; with a what-if computed from
 *   each observed user-day's span of activity (a user-day: a contiguous period of activity, split at
 *   gaps of USER_DAY_GAP_HOURS).
 * - `check-refresh-threshold`: refreshes seen, yet some users are still heavy.
 * - `revert-token-validity`: refreshes seen, nobody heavy, token validity still stretched above 1 h.
 */

import { formatDuration, type TokenValidity } from '../../app-clients';
import { median, round } from '../../shared/stats';
import { plural } from '../../shared/wording';
import type { UpstreamReport } from '../../upstream';
import type { ActivityEvent } from './activity';
import type { ActivitySummary } from './activity-summary';

export type AdviceSeverity = 'warning' | 'info';

/** The catalog id of the Argo CD OIDC refresh fix in the upstream watcher's report. */
const REFRESH_FIX_ID = 'argocd-oidc-refresh';
/**
 * First releases whose OIDC refresh works: v3.4.6 on the 3.4 line, v3.5.0 on (argoproj/argo-cd#27777
 * and its backports #28688 / #28689, the `argocd-oidc-refresh` entry of catalog/fixes.json; see the
 * v3.4.6 and v3.5.0 release notes). Only the fallback: the upstream watcher's report, when there is
 * one, names the releases it found (`fixedIn`, `upgradeTo`).
 */
const FIXED_ARGOCD_VERSIONS = ['v3.4.6', 'v3.5.0'] as const;
/** Cognito's upper bound for ID and access tokens. */
export const MAX_TOKEN_VALIDITY_HOURS = 24;
export const DEFAULT_PROPOSED_VALIDITY_HOURS = 8;
/** Token validity above this (ID or access) is the stop-gap, not Cognito's default. */
export const UNSTRETCHED_MINUTES = 60;

export interface UpgradeArgoCdAdvice {
  id: 'upgrade-argocd';
  severity: AdviceSeverity;
  text: string;
  fixedIn: string[];
  deployedVersion: string | null;
  deployedHasFix: boolean | null;
  upgradeTo: string | null;
  /** A Go duration shorter than the ID-token validity, null when the validity is unknown. */
  suggestedRefreshTokenThreshold: string | null;
}

export interface ExtendTokenValidityAdvice {
  id: 'extend-token-validity';
  severity: AdviceSeverity;
  text: string;
  idTokenValidityMinutes: number | null;
  accessTokenValidityMinutes: number | null;
  medianReLoginIntervalMinutes: number | null;
  proposedValidityHours: number;
  observedUserDays: number;
  reLoginsPerUserDayNow: number;
  predictedReLoginsPerUserDay: number;
}

export interface CheckRefreshThresholdAdvice {
  id: 'check-refresh-threshold';
  severity: AdviceSeverity;
  text: string;
  refreshes: number;
  heavyUsers: number;
  idTokenValidityMinutes: number | null;
  /** From the upstream watcher's report when there is one, else FIXED_ARGOCD_VERSIONS. */
  fixedIn: string[];
  deployedVersion: string | null;
  upgradeTo: string | null;
}

export interface RevertTokenValidityAdvice {
  id: 'revert-token-validity';
  severity: AdviceSeverity;
  text: string;
  refreshes: number;
  idTokenValidityMinutes: number;
  accessTokenValidityMinutes: number;
}

export type AdviceItem =
  | UpgradeArgoCdAdvice
  | ExtendTokenValidityAdvice
  | CheckRefreshThresholdAdvice
  | RevertTokenValidityAdvice;

export interface AdviceInput {
  /** The activity the summary was made from (for the what-if). */
  events: readonly ActivityEvent[];
  summary: ActivitySummary;
  heavyReLogins: number;
  /** null when the app client's settings could not be read. */
  tokenValidity: TokenValidity | null;
  /** Cognito's own `TokenRefreshSuccesses` for the client over the same window; null when unknown. */
  cognitoTokenRefreshes: number | null;
  /** Capped at Cognito's 1 day. */
  proposedValidityHours: number;
  upstream?: UpstreamReport | null;
}

/** Hours without any activity that end a user-day: a night or a day off, longer than any lunch break. */
const USER_DAY_GAP_HOURS = 6;

/** One user's contiguous period of activity on one app client: from its first to its last event. */
export interface ObservedUserDay {
  user: string;
  /** Epoch ms of the period's first and last event. */
  first: number;
  last: number;
  spanMinutes: number;
  reLogins: number;
}

/**
 * Splits each user's time-ordered activity (per app client) into user-days at gaps of
 * USER_DAY_GAP_HOURS or more without any activity, so a user-day is one contiguous period of work,
 * whatever the time zone and the hour the check runs (a UTC calendar day would cut a working day that
 * crosses UTC midnight in two). A day, not a session, is the unit of the what-if: an Argo CD session
 * lasts up to 24 h and so spans the night, when nobody needs a token. In the order the days began.
 */
export function observedUserDays(events: readonly ActivityEvent[]): ObservedUserDay[] {
  const gap = USER_DAY_GAP_HOURS * 3_600_000;
  const userDays: { user: string; first: number; last: number; reLogins: number }[] = [];
  // Each user's (per client) user-day still open.
  const open = new Map<string, (typeof userDays)[number]>();
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const key = `${event.clientId}\u0000${event.user}`;
    let userDay = open.get(key);
    if (userDay === undefined || event.at - userDay.last >= gap) {
      userDay = { user: event.user, first: event.at, last: event.at, reLogins: 0 };
      userDays.push(userDay);
      open.set(key, userDay);
    }
    userDay.last = event.at;
    if (event.kind === 're-login') userDay.reLogins += 1;
  }
  return userDays.map(({ user, first, last, reLogins }) => ({
    user,
    first,
    last,
    spanMinutes: (last - first) / 60_000,
    reLogins,
  }));
}

/**
 * Re-logins per user-day now (observed) and predicted at a token validity of `validityMinutes`: a user
 * active for S minutes of a user-day signs in again every V minutes, so floor(S / V) times that day.
 * Activity after a user-day's last sign-in is invisible, so the prediction is a lower bound.
 */
export function reLoginWhatIf(userDays: readonly ObservedUserDay[], validityMinutes: number) {
  if (userDays.length === 0) return { now: 0, predicted: 0 };
  const now = userDays.reduce((sum, userDay) => sum + userDay.reLogins, 0) / userDays.length;
  const predicted =
    userDays.reduce((sum, userDay) => sum + Math.floor(userDay.spanMinutes / validityMinutes), 0) /
    userDays.length;
  return { now, predicted };
}

/** A Go duration (Argo CD's `refreshTokenThreshold`) of a quarter of the ID-token validity: well inside it. */
export function suggestedThreshold(idTokenMinutes: number): string {
  const minutes = Math.max(1, Math.floor(idTokenMinutes / 4));
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

function refreshSetting(validity: TokenValidity | null): string {
  return validity === null
    ? '`oidc.config: refreshTokenThreshold` shorter than the ID-token validity'
    : `\`oidc.config: refreshTokenThreshold: ${suggestedThreshold(validity.idTokenMinutes)}\` (it must be shorter than the ${formatDuration(validity.idTokenMinutes)} ID-token validity)`;
}

/** What the upstream watcher's report says about the refresh fix; the documented releases without a report. */
function refreshFix(input: AdviceInput) {
  const fix = input.upstream?.fixes.find((candidate) => candidate.id === REFRESH_FIX_ID);
  return {
    deployedVersion: input.upstream?.deployedVersion ?? null,
    deployedHasFix: fix?.deployedHasFix ?? null,
    upgradeTo: fix?.upgradeTo ?? null,
    fixedIn: fix !== undefined && fix.fixedIn.length > 0 ? [...fix.fixedIn] : [...FIXED_ARGOCD_VERSIONS],
  };
}

function upgradeArgoCd(input: AdviceInput, heavyUsers: number): UpgradeArgoCdAdvice {
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn } = refreshFix(input);
  const setting = refreshSetting(input.tokenValidity);
  let text: string;
  if (deployedVersion !== null && deployedHasFix === true) {
    text = `Argo CD ${deployedVersion} is deployed and has the refresh fix, yet no refresh-token use was seen: set ${setting}.`;
  } else if (deployedVersion !== null && upgradeTo !== null) {
    text = `The real fix: Argo CD ${deployedVersion} is deployed and does not refresh OIDC tokens. Upgrade to ${upgradeTo} and set ${setting}.`;
  } else {
    text = `The real fix: Argo CD refreshes OIDC tokens only from ${fixedIn.join(' / ')} on, with ${setting}. No refresh-token use was seen.`;
  }
  return {
    id: 'upgrade-argocd',
    severity: heavyUsers > 0 ? 'warning' : 'info',
    text,
    fixedIn,
    deployedVersion,
    deployedHasFix,
    upgradeTo,
    suggestedRefreshTokenThreshold:
      input.tokenValidity === null ? null : suggestedThreshold(input.tokenValidity.idTokenMinutes),
  };
}

function extendTokenValidity(input: AdviceInput): ExtendTokenValidityAdvice | null {
  const proposedHours = Math.min(input.proposedValidityHours, MAX_TOKEN_VALIDITY_HOURS);
  const validity = input.tokenValidity;
  // Already at or beyond the proposal: longer tokens are not the answer.
  if (validity !== null && validity.idTokenMinutes >= proposedHours * 60) return null;
  const userDays = observedUserDays(input.events);
  const whatIf = reLoginWhatIf(userDays, proposedHours * 60);
  const medianInterval = median(input.summary.reLoginIntervalsMinutes);
  const current =
    validity === null
      ? 'the Argo CD app client (current validity unknown)'
      : `the Argo CD app client from ${formatDuration(validity.idTokenMinutes)} (ID) / ${formatDuration(validity.accessTokenMinutes)} (access)`;
  const interval =
    medianInterval === null
      ? ''
      : ` Users are sent back to the login page every ${round(medianInterval, 0)} min (median).`;
  return {
    id: 'extend-token-validity',
    severity: 'warning',
    text:
      `Stop-gap: raise IdTokenValidity and AccessTokenValidity of ${current} to ${proposedHours} h.${interval}` +
      ` Over ${userDays.length} observed user-days that is ${round(whatIf.now, 1)} re-logins per user per day now,` +
      ` about ${round(whatIf.predicted, 1)} at ${proposedHours} h.` +
      ` Trade-off: a leaked ID or access token stays valid for up to ${proposedHours} h, and signing a user out in Cognito` +
      ' ends their Argo CD access only when the token expires. Undo it once Argo CD refreshes tokens.',
    idTokenValidityMinutes: validity?.idTokenMinutes ?? null,
    accessTokenValidityMinutes: validity?.accessTokenMinutes ?? null,
    medianReLoginIntervalMinutes: medianInterval === null ? null : round(medianInterval, 1),
    proposedValidityHours: proposedHours,
    observedUserDays: userDays.length,
    reLoginsPerUserDayNow: round(whatIf.now, 2),
    predictedReLoginsPerUserDay: round(whatIf.predicted, 2),
  };
}

function checkRefreshThreshold(
  input: AdviceInput,
  refreshes: number,
  heavyUsers: number,
): CheckRefreshThresholdAdvice {
  const validity = input.tokenValidity;
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn } = refreshFix(input);
  const watched =
    deployedVersion !== null && deployedHasFix === false && upgradeTo !== null
      ? ` The watched instance runs ${deployedVersion}, which does not refresh: upgrade it to ${upgradeTo}.`
      : '';
  return {
    id: 'check-refresh-threshold',
    severity: 'warning',
    text:
      `Refresh tokens are used (${plural(refreshes, 'refresh', 'refreshes')}), yet ${plural(heavyUsers, 'user')} re-logged in ${input.heavyReLogins} or more times.` +
      ` Check ${refreshSetting(validity)} on every Argo CD instance using this client (0 turns refresh off),` +
      ` and that all of them run ${fixedIn.join(' / ')} or later.${watched}`,
    refreshes,
    heavyUsers,
    idTokenValidityMinutes: validity?.idTokenMinutes ?? null,
    fixedIn,
    deployedVersion,
    upgradeTo,
  };
}

function revertTokenValidity(validity: TokenValidity, refreshes: number): RevertTokenValidityAdvice {
  return {
    id: 'revert-token-validity',
    severity: 'info',
    text:
      `Refresh tokens are used (${plural(refreshes, 'refresh', 'refreshes')}) and no user is heavy: the stop-gap can be undone.` +
      ` Set IdTokenValidity and AccessTokenValidity back to 1 h (now ${formatDuration(validity.idTokenMinutes)} / ${formatDuration(validity.accessTokenMinutes)})` +
      ' and keep `refreshTokenThreshold` shorter than 1 h.',
    refreshes,
    idTokenValidityMinutes: validity.idTokenMinutes,
    accessTokenValidityMinutes: validity.accessTokenMinutes,
  };
}

/** Refreshes seen by the trigger, or by Cognito itself when its figure is larger (e.g. no Pre Token trigger). */
function refreshesSeen(summary: ActivitySummary, cognitoTokenRefreshes: number | null): number {
  return Math.max(summary.totals.refreshes, cognitoTokenRefreshes ?? 0);
}

export function advise(input: AdviceInput): AdviceItem[] {
  const refreshes = refreshesSeen(input.summary, input.cognitoTokenRefreshes);
  const heavyUsers = input.summary.heavyUsers.length;
  const validity = input.tokenValidity;
  if (refreshes === 0) {
    const extend = heavyUsers > 0 ? extendTokenValidity(input) : null;
    return extend === null ? [upgradeArgoCd(input, heavyUsers)] : [upgradeArgoCd(input, heavyUsers), extend];
  }
  if (heavyUsers > 0) return [checkRefreshThreshold(input, refreshes, heavyUsers)];
  const stretched =
    validity !== null &&
    (validity.idTokenMinutes > UNSTRETCHED_MINUTES || validity.accessTokenMinutes > UNSTRETCHED_MINUTES);
  return stretched ? [revertTokenValidity(validity, refreshes)] : [];
}
