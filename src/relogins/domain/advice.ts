/**
 * What to change, from the numbers, true to Argo CD's fixed refresh code (FACTS.md): pure, shared by
 * the scheduled re-login check and `relogin-monitor analyze --client-config`. Each item is
 * `{id, severity, text, ...figures}`.
 *
 * - `upgrade-argocd` (the real fix): no refresh-token use seen. Upgrading makes refresh work;
 *   `refreshTokenThreshold` is only recommended (it adds refreshing before expiry).
 * - `extend-token-validity` (stop-gap): heavy users and no refresh seen; with a what-if computed from
 *   each observed user-day's span of activity (a user-day: a contiguous period of activity, split at
 *   gaps of USER_DAY_GAP_HOURS).
 * - `diagnose-partial-refresh`: refreshes seen, yet some users are still heavy; the causes that fit.
 * - `revert-token-validity`: refreshes seen, nobody heavy, token validity still stretched above 1 h.
 * - `fix-token-validity-order`: access-token validity above ID-token validity, which breaks the refresh
 *   of a fixed release. Every item that changes validities keeps access at most ID.
 */

import {
  ADVISED_ROTATION_GRACE_SECONDS,
  type AppClientDescription,
  refreshTokenRotation,
  suggestedRefreshThreshold,
  type TokenValidity,
  type ValidityChange,
  type ValidityChangeDocuments,
  validityChangeDocuments,
} from '../../app-clients';
import { formatMinutes, sessionDuration } from '../../shared/durations';
import { median, round } from '../../shared/stats';
import { plural } from '../../shared/wording';
import { compareVersions, type UpstreamReport } from '../../upstream';
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
/** Cognito's default ID- and access-token validity: above it is the stop-gap, and it is what the stop-gap is undone to. */
export const UNSTRETCHED_MINUTES = 60;

/** ID or access token validity above 1 h: the stop-gap; null when the client could not be described. */
export function isStretched(validity: TokenValidity | null): boolean | null {
  if (validity === null) return null;
  return validity.idTokenMinutes > UNSTRETCHED_MINUTES || validity.accessTokenMinutes > UNSTRETCHED_MINUTES;
}

/** A change of the app client's validities, as Terraform and as an UpdateUserPoolClient document. */
export interface ClientChange extends ValidityChange, ValidityChangeDocuments {
  /** Fields of the client's answer this tool does not know, left out of the document. */
  unknownFields: string[];
}

/** When users sign in again once Argo CD refreshes: the shorter of its session and the refresh token. */
export interface ReLoginCeiling {
  minutes: number;
  /** Which setting sets it. */
  setBy: 'users.session.duration' | 'RefreshTokenValidity';
}

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

/**
 * A deployed 3.3.x (or 3.4.0-3.4.5) refreshes before expiry once `refreshTokenThreshold` is set: a real
 * partial mitigation for active sessions until the upgrade, never a replacement for it.
 */
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
  /** null when the app client could not be read. */
  clientChange: ClientChange | null;
}

/** One reason why refresh works for some users and not for others. */
export interface PartialRefreshCause {
  id:
    | 'deployed-release-not-fixed'
    | 'access-longer-than-id'
    | 'instance-not-fixed'
    | 'dex'
    | 'userinfo-groups'
    | 'rotation-without-grace'
    | 'cli'
    | 'session-cache-lost';
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
  reLoginCeiling: ReLoginCeiling;
  clientChange: ClientChange;
}

export interface FixTokenValidityOrderAdvice {
  id: 'fix-token-validity-order';
  severity: AdviceSeverity;
  text: string;
  idTokenValidityMinutes: number;
  accessTokenValidityMinutes: number;
  /** Whether refresh is in use (then the order breaks it now) or not yet (harmless until the upgrade). */
  refreshSeen: boolean;
  /** null when another item of the same advice makes this very change (its documents are shown there). */
  clientChange: ClientChange | null;
}

export type AdviceItem =
  | UpgradeArgoCdAdvice
  | MitigateWithThresholdAdvice
  | ExtendTokenValidityAdvice
  | DiagnosePartialRefreshAdvice
  | RevertTokenValidityAdvice
  | FixTokenValidityOrderAdvice;

export interface AdviceInput {
  /** The activity the summary was made from (for the what-if). */
  events: readonly ActivityEvent[];
  summary: ActivitySummary;
  heavyReLogins: number;
  /** The app client's DescribeUserPoolClient answer; null when it could not be read. */
  client: AppClientDescription | null;
  /** Cognito's own `TokenRefreshSuccesses` for the client over the same window; null when unknown. */
  cognitoTokenRefreshes: number | null;
  /** Capped at Cognito's 1 day. */
  proposedValidityHours: number;
  /** Argo CD's `users.session.duration` in hours, as ARGOCD_SESSION_HOURS states it. */
  sessionHours: number;
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

/** First release with `refreshTokenThreshold` (argoproj/argo-cd#23727): v3.3.0. */
const THRESHOLD_SETTING_SINCE = 'v3.3.0';

/**
 * What a release without the fix does with refresh tokens (FACTS.md), as a predicate: before v3.3 it
 * never refreshes; from v3.3.0 it refreshes before expiry with `refreshTokenThreshold`, never after (#27777).
 */
function withoutTheFix(version: string): string {
  return compareVersions(version, THRESHOLD_SETTING_SINCE) < 0
    ? 'never refreshes OIDC sessions'
    : 'does not renew an expired session: it refreshes only before expiry, with `refreshTokenThreshold` set and a request inside that window, so a session idle past expiry signs in again (the fix, #27777, is not in it)';
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

function clientChange(client: AppClientDescription, change: ValidityChange): ClientChange {
  return { ...change, ...validityChangeDocuments(client, change), unknownFields: [...client.unknownFields] };
}

/** Said wherever a document is offered and the client's answer had fields this tool does not know. */
function unknownFieldsNote(change: ClientChange | null): string {
  if (change === null || change.unknownFields.length === 0) return '';
  return (
    ` The client's DescribeUserPoolClient answer also has ${change.unknownFields.join(', ')}, unknown to this tool` +
    ' and left out of the update document: UpdateUserPoolClient resets what it is not given, so check them first.'
  );
}

function accessAboveId(validity: TokenValidity | null): validity is TokenValidity {
  return validity !== null && validity.accessTokenMinutes > validity.idTokenMinutes;
}

/**
 * The client check for refresh-token rotation, said wherever the advice concerns a client that refreshes
 * (or will): with rotation on, the grace period decides whether concurrent refreshes force a re-login.
 */
function rotationNote(client: AppClientDescription | null): string {
  const rotation = client === null ? null : refreshTokenRotation(client);
  if (rotation === null) return '';
  if (rotation.gracePeriodSeconds >= ADVISED_ROTATION_GRACE_SECONDS) {
    return ` Refresh-token rotation is on with a ${rotation.gracePeriodSeconds} s grace period: fine, Argo CD v3.4.6+ stores the rotated refresh token.`;
  }
  return (
    ` Refresh-token rotation is on with a ${rotation.gracePeriodSeconds} s grace period (\`RetryGracePeriodSeconds\`):` +
    ' Argo CD refreshes without a lock, so two requests of one session refreshing at once redeem the same refresh token' +
    ` and the one that loses gets \`invalid_grant\` and a re-login. Set the grace period to ${ADVISED_ROTATION_GRACE_SECONDS} s.`
  );
}

/** Users sign in again every `users.session.duration`, or every RefreshTokenValidity if that is shorter. */
export function reLoginCeiling(sessionHours: number, validity: TokenValidity | null): ReLoginCeiling {
  const sessionMinutes = sessionHours * 60;
  return validity !== null && validity.refreshTokenMinutes < sessionMinutes
    ? { minutes: validity.refreshTokenMinutes, setBy: 'RefreshTokenValidity' }
    : { minutes: sessionMinutes, setBy: 'users.session.duration' };
}

function ceilingText(ceiling: ReLoginCeiling, sessionHours: number, validity: TokenValidity | null): string {
  const session = `\`users.session.duration\` in \`argocd-cm\` (default 24h; this monitor takes ${sessionDuration(sessionHours * 3600)} from ARGOCD_SESSION_HOURS)`;
  if (ceiling.setBy === 'RefreshTokenValidity') {
    return `every ${formatMinutes(ceiling.minutes)}, the app client's RefreshTokenValidity, which is shorter than ${session}`;
  }
  const refresh =
    validity === null
      ? "or the app client's RefreshTokenValidity if that is shorter"
      : `shorter than the app client's ${formatMinutes(validity.refreshTokenMinutes)} RefreshTokenValidity`;
  return `every ${formatMinutes(ceiling.minutes)}: ${session}, ${refresh}`;
}

/** The `argocd-cm` data that sets the threshold, with the session setting spelt out when given. */
function argocdCmYaml(threshold: string | null, sessionHours: number | null): string {
  const thresholdLine =
    threshold === null
      ? '    refreshTokenThreshold: 15m   # a quarter of the ID-token validity (15m for 1 h tokens)'
      : `    refreshTokenThreshold: ${threshold}`;
  return [
    'data:',
    '  oidc.config: |',
    '    # keep your keys (name, issuer, clientID, clientSecret, requestedScopes, ...) and add:',
    thresholdLine,
    ...(sessionHours === null
      ? []
      : [
          `  users.session.duration: ${sessionDuration(sessionHours * 3600)}   # optional (default 24h): how often users sign in again once Argo CD refreshes`,
        ]),
  ].join('\n');
}

/** What a stretched validity costs, for the advice that proposes it and the advice given while it is in place. */
function stopGapCost(validity: string): string {
  return `a leaked ID or access token stays valid for up to ${validity}, and signing a user out in Cognito ends their Argo CD access only when the token expires.`;
}

/** While the stop-gap is in place without refresh: what it costs, so the upgrade is not put off. */
function stopGapInPlace(validity: TokenValidity | null): string {
  if (validity === null || isStretched(validity) !== true) return '';
  const longest = formatMinutes(Math.max(validity.idTokenMinutes, validity.accessTokenMinutes));
  return ` The stretched validity (ID ${formatMinutes(validity.idTokenMinutes)} / access ${formatMinutes(validity.accessTokenMinutes)}) is the stop-gap, and it has a cost: ${stopGapCost(longest)} Undo it once users refresh after the upgrade.`;
}

function upgradeArgoCd(input: AdviceInput, heavyUsers: number): UpgradeArgoCdAdvice {
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn } = refreshFix(input);
  const validity = input.client?.tokenValidity ?? null;
  const threshold = validity === null ? null : suggestedRefreshThreshold(validity.idTokenMinutes).goDuration;
  const fixed = fixedIn.join(' / ');
  const refreshesItself =
    'Argo CD then renews an expired session with the refresh token it cached at login, with no setting needed';
  let lead: string;
  if (deployedVersion !== null && deployedHasFix === true) {
    lead =
      `Argo CD ${deployedVersion} is deployed and has the refresh fix, which needs no setting, yet no refresh-token use was seen:` +
      ' check that every Argo CD instance using this app client runs a fixed release and signs users in with Cognito directly (Argo CD gets no refresh token from its bundled Dex).';
  } else if (deployedVersion !== null && upgradeTo !== null) {
    lead = `The real fix: Argo CD ${deployedVersion} is deployed and ${withoutTheFix(deployedVersion)}. Upgrade to ${upgradeTo}: upgrading is what makes refresh work. ${refreshesItself}.`;
  } else {
    lead = `The real fix: no refresh-token use was seen. Upgrade Argo CD to ${fixed} or later: upgrading is what makes refresh work. ${refreshesItself}.`;
  }
  const recommended =
    threshold === null
      ? ' Recommended, not required: set `refreshTokenThreshold` inside the `oidc.config` block of `argocd-cm` to a Go duration shorter than the ID-token validity, so sessions are also refreshed before they expire.'
      : ` Recommended, not required: \`refreshTokenThreshold: ${threshold}\` inside the \`oidc.config\` block of \`argocd-cm\` also refreshes sessions before they expire (a Go duration shorter than the ${formatMinutes(validity?.idTokenMinutes ?? 0)} ID-token validity; the server picks up a changed \`oidc.config\` by itself).`;
  const ceiling = reLoginCeiling(input.sessionHours, validity);
  const userDays = observedUserDays(input.events);
  const now = reLoginWhatIf(userDays, ceiling.minutes);
  const once = deployedHasFix === true ? 'Once refresh works,' : 'After the upgrade';
  const after =
    ` ${once} users sign in again ${ceilingText(ceiling, input.sessionHours, validity)}.` +
    (userDays.length === 0
      ? ''
      : ` Over ${plural(userDays.length, 'observed user-day')} that is ${round(now.now, 1)} re-logins per user per day now, about ${round(now.predicted, 1)} with refresh.`);
  return {
    id: 'upgrade-argocd',
    severity: heavyUsers > 0 ? 'warning' : 'info',
    text: lead + recommended + after + stopGapInPlace(validity) + rotationNote(input.client),
    fixedIn,
    deployedVersion,
    deployedHasFix,
    upgradeTo,
    suggestedRefreshTokenThreshold: threshold,
    argocdCm: argocdCmYaml(threshold, input.sessionHours),
    reLoginCeiling: ceiling,
    observedUserDays: userDays.length,
    reLoginsPerUserDayNow: round(now.now, 2),
    predictedReLoginsPerUserDayAfterFix: round(now.predicted, 2),
  };
}

/**
 * The deployed release refreshes before expiry once `refreshTokenThreshold` is set (v3.3.0 on) but does
 * not renew an expired session (before v3.4.6 / v3.5.0): the partial mitigation until the upgrade.
 * Null when the deployed release is unknown, older than v3.3.0 or fixed.
 */
function mitigateWithThreshold(input: AdviceInput, heavyUsers: number): MitigateWithThresholdAdvice | null {
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn } = refreshFix(input);
  if (deployedVersion === null || deployedHasFix === true) return null;
  if (compareVersions(deployedVersion, THRESHOLD_SETTING_SINCE) < 0) return null;
  const validity = input.client?.tokenValidity ?? null;
  const threshold = validity === null ? '15m' : suggestedRefreshThreshold(validity.idTokenMinutes).goDuration;
  const shorterThan =
    validity === null
      ? 'shorter than the ID-token validity (15m for 1 h tokens)'
      : `shorter than the ${formatMinutes(validity.idTokenMinutes)} ID-token validity`;
  const upgrade = upgradeTo ?? `${fixedIn.join(' / ')} or later`;
  return {
    id: 'mitigate-with-threshold',
    severity: heavyUsers > 0 ? 'warning' : 'info',
    text:
      `Until the upgrade: Argo CD ${deployedVersion} already refreshes a session *before* it expires when \`refreshTokenThreshold\` is set` +
      ` and the session makes a request while its ID token has less than that left. Set \`refreshTokenThreshold: ${threshold}\` in the \`oidc.config\` block of \`argocd-cm\`, ${shorterThan}` +
      ' (the server picks up a changed `oidc.config` by itself).' +
      ` This helps active sessions only: a session idle past its expiry (overnight, a long meeting) still signs in again, because only ${upgrade} renews an expired session. Do it next to the upgrade, not instead of it.`,
    deployedVersion,
    upgradeTo,
    refreshTokenThreshold: threshold,
    idTokenValidityMinutes: validity?.idTokenMinutes ?? null,
    argocdCm: argocdCmYaml(threshold, null),
  };
}

function extendTokenValidity(input: AdviceInput): ExtendTokenValidityAdvice | null {
  const proposedHours = Math.min(input.proposedValidityHours, MAX_TOKEN_VALIDITY_HOURS);
  const validity = input.client?.tokenValidity ?? null;
  // Already at or beyond the proposal: longer tokens are not the answer.
  if (validity !== null && validity.idTokenMinutes >= proposedHours * 60) return null;
  const userDays = observedUserDays(input.events);
  const whatIf = reLoginWhatIf(userDays, proposedHours * 60);
  const medianInterval = median(input.summary.reLoginIntervalsMinutes);
  const current =
    validity === null
      ? 'the Argo CD app client (current validity unknown)'
      : `the Argo CD app client from ${formatMinutes(validity.idTokenMinutes)} (ID) / ${formatMinutes(validity.accessTokenMinutes)} (access)`;
  const interval =
    medianInterval === null
      ? ''
      : ` Users are sent back to the login page every ${round(medianInterval, 0)} min (median).`;
  // Both to the same value: an access token outliving the ID token breaks the refresh after the upgrade.
  const change =
    input.client === null
      ? null
      : clientChange(input.client, {
          idTokenMinutes: proposedHours * 60,
          accessTokenMinutes: proposedHours * 60,
        });
  return {
    id: 'extend-token-validity',
    severity: 'warning',
    text:
      `Stop-gap: raise IdTokenValidity and AccessTokenValidity of ${current} to ${proposedHours} h, both the same` +
      ` (an access token outliving the ID token breaks Argo CD's refresh once it is upgraded).${interval}` +
      ` Over ${userDays.length} observed user-days that is ${round(whatIf.now, 1)} re-logins per user per day now,` +
      ` about ${round(whatIf.predicted, 1)} at ${proposedHours} h.` +
      ` Trade-off: ${stopGapCost(`${proposedHours} h`)} Undo it once Argo CD refreshes tokens.` +
      unknownFieldsNote(change),
    idTokenValidityMinutes: validity?.idTokenMinutes ?? null,
    accessTokenValidityMinutes: validity?.accessTokenMinutes ?? null,
    medianReLoginIntervalMinutes: medianInterval === null ? null : round(medianInterval, 1),
    proposedValidityHours: proposedHours,
    observedUserDays: userDays.length,
    reLoginsPerUserDayNow: round(whatIf.now, 2),
    predictedReLoginsPerUserDay: round(whatIf.predicted, 2),
    clientChange: change,
  };
}

/**
 * The causes of "refresh works, yet users are heavy" that fit, most likely first: what the settings and
 * the upstream report prove, then what the per-user data points to. Heavy users who never refreshed are
 * on a path without refresh (an unfixed instance, Dex); heavy users who did refresh lose their session
 * after it (`enableUserInfoGroups`, an old CLI).
 */
function partialRefreshCauses(
  input: AdviceInput,
  heavyWithoutRefresh: number | null,
  heavyUsers: number,
): PartialRefreshCause[] {
  const validity = input.client?.tokenValidity ?? null;
  const { deployedVersion, deployedHasFix, upgradeTo, fixedIn } = refreshFix(input);
  const proven: PartialRefreshCause[] = [];
  if (deployedVersion !== null && deployedHasFix === false) {
    proven.push({
      id: 'deployed-release-not-fixed',
      text: `The watched Argo CD runs ${deployedVersion}, which ${withoutTheFix(deployedVersion)}${upgradeTo === null ? '' : `: upgrade it to ${upgradeTo}`}.`,
    });
  }
  if (accessAboveId(validity)) {
    proven.push({
      id: 'access-longer-than-id',
      text: `AccessTokenValidity (${formatMinutes(validity.accessTokenMinutes)}) is longer than IdTokenValidity (${formatMinutes(validity.idTokenMinutes)}): Argo CD then serves the cached, expired ID token instead of refreshing (see fix-token-validity-order).`,
    });
  }
  const noRefreshPath: PartialRefreshCause[] = [
    {
      id: 'instance-not-fixed',
      text: `Some Argo CD instance using this app client runs a release before ${fixedIn.join(' / ')} (ask each one's \`/api/version\`): only fixed releases refresh.`,
    },
    {
      id: 'dex',
      text: "Users signing in through Argo CD's bundled Dex: Argo CD gets no refresh token from it (it does not request `offline_access`), so those sessions never refresh.",
    },
  ];
  const lostAfterRefresh: PartialRefreshCause[] = [
    {
      id: 'userinfo-groups',
      text: '`enableUserInfoGroups: true` in `oidc.config`: the access token for the userinfo call is cached at login and not renewed by the refresh in these releases, so sessions fail after the first expiry.',
    },
  ];
  const rotation = input.client === null ? null : refreshTokenRotation(input.client);
  if (rotation !== null && rotation.gracePeriodSeconds < ADVISED_ROTATION_GRACE_SECONDS) {
    lostAfterRefresh.push({
      id: 'rotation-without-grace',
      text: `Refresh-token rotation is on with a ${rotation.gracePeriodSeconds} s grace period: Argo CD refreshes without a lock, so two requests of one session refreshing at once redeem the same refresh token and the loser gets \`invalid_grant\` and a re-login. Set \`RetryGracePeriodSeconds\` to ${ADVISED_ROTATION_GRACE_SECONDS}.`,
    });
  }
  // A confidential client is the server's: `argocd login --sso` sends no secret, so its sign-ins are elsewhere.
  if (input.client === null || !input.client.hasSecret) {
    lostAfterRefresh.push({
      id: 'cli',
      text: "`argocd login --sso` users: the CLI refreshes by itself with this public client (not through the server), and CLIs before v3.4.0 replace the stored refresh token with Cognito's empty one after the first refresh, so they sign in again at every second expiry: upgrade the CLI (its version matters, not the server's).",
    });
  }
  // Once for everyone, so it explains a burst of re-logins rather than a steady rate: last.
  const cacheLost: PartialRefreshCause = {
    id: 'session-cache-lost',
    text: "Argo CD's Redis was flushed or restarted, or `server.secretkey` changed: the refresh tokens Argo CD cached at login are gone or unreadable, so every session signs in once more.",
  };
  const mostlyWithoutRefresh = heavyWithoutRefresh === null || heavyWithoutRefresh * 2 >= heavyUsers;
  return [
    ...proven,
    ...(mostlyWithoutRefresh
      ? [...noRefreshPath, ...lostAfterRefresh]
      : [...lostAfterRefresh, ...noRefreshPath]),
    cacheLost,
  ];
}

function diagnosePartialRefresh(
  input: AdviceInput,
  refreshes: number,
  heavyUsers: number,
): DiagnosePartialRefreshAdvice {
  const validity = input.client?.tokenValidity ?? null;
  const { deployedVersion, upgradeTo, fixedIn } = refreshFix(input);
  // Per user only when the trigger saw refreshes; Cognito's counts have no users.
  const heavy = new Set(input.summary.heavyUsers);
  const heavyWithoutRefresh =
    input.summary.totals.refreshes === 0
      ? null
      : input.summary.users.filter((user) => heavy.has(user.user) && user.refreshes === 0).length;
  const causes = partialRefreshCauses(input, heavyWithoutRefresh, heavyUsers);
  const split =
    heavyWithoutRefresh === null
      ? ''
      : heavyWithoutRefresh === 0
        ? ' (each of them refreshed at least once)'
        : ` (${heavyWithoutRefresh} of them never refreshed)`;
  return {
    id: 'diagnose-partial-refresh',
    severity: 'warning',
    text:
      `Refresh tokens are used (${plural(refreshes, 'refresh', 'refreshes')}), yet ${plural(heavyUsers, 'user')} re-logged in ${input.heavyReLogins} or more times${split}.` +
      ` Causes that fit, most likely first:\n${causes.map((cause, index) => `${index + 1}. ${cause.text}`).join('\n')}`,
    refreshes,
    heavyUsers,
    heavyUsersWithoutRefresh: heavyWithoutRefresh,
    causes,
    idTokenValidityMinutes: validity?.idTokenMinutes ?? null,
    fixedIn,
    deployedVersion,
    upgradeTo,
  };
}

function revertTokenValidity(
  input: AdviceInput,
  client: AppClientDescription,
  refreshes: number,
): RevertTokenValidityAdvice {
  const validity = client.tokenValidity;
  // Down to 1 h, never up, and the access token at most the ID token.
  const idTokenMinutes = Math.min(validity.idTokenMinutes, UNSTRETCHED_MINUTES);
  const accessTokenMinutes = Math.min(validity.accessTokenMinutes, idTokenMinutes);
  const change = clientChange(client, { idTokenMinutes, accessTokenMinutes });
  const ceiling = reLoginCeiling(input.sessionHours, validity);
  const threshold = suggestedRefreshThreshold(idTokenMinutes).goDuration;
  return {
    id: 'revert-token-validity',
    severity: 'info',
    text:
      `Refresh tokens are used (${plural(refreshes, 'refresh', 'refreshes')}) and no user is heavy: Argo CD renews sessions itself, so the stop-gap can be undone (long-lived tokens are security debt).` +
      ` Set IdTokenValidity / AccessTokenValidity to ${formatMinutes(idTokenMinutes)} / ${formatMinutes(accessTokenMinutes)} (now ${formatMinutes(validity.idTokenMinutes)} / ${formatMinutes(validity.accessTokenMinutes)}); the access token must never outlive the ID token.` +
      ` If \`refreshTokenThreshold\` is set in \`oidc.config\`, keep it shorter than the new ID-token validity (for example ${threshold}).` +
      ` Users then sign in again ${ceilingText(ceiling, input.sessionHours, validity)}.` +
      rotationNote(client) +
      unknownFieldsNote(change),
    refreshes,
    idTokenValidityMinutes: validity.idTokenMinutes,
    accessTokenValidityMinutes: validity.accessTokenMinutes,
    reLoginCeiling: ceiling,
    clientChange: change,
  };
}

function fixTokenValidityOrder(
  input: AdviceInput,
  client: AppClientDescription,
  refreshSeen: boolean,
  alsoFixedBy: ExtendTokenValidityAdvice | RevertTokenValidityAdvice | undefined,
): FixTokenValidityOrderAdvice {
  const validity = client.tokenValidity;
  const { fixedIn } = refreshFix(input);
  const change = clientChange(client, {
    idTokenMinutes: validity.idTokenMinutes,
    accessTokenMinutes: validity.idTokenMinutes,
  });
  const other = alsoFixedBy?.clientChange ?? null;
  const sameChange =
    other !== null &&
    other.idTokenMinutes === change.idTokenMinutes &&
    other.accessTokenMinutes === change.accessTokenMinutes;
  const when = refreshSeen
    ? 'Refresh is in use, so this breaks it now:'
    : `Harmless while Argo CD does not refresh; once it runs ${fixedIn.join(' / ')} or later it breaks the refresh:`;
  let also = '';
  if (sameChange) also = ` ${alsoFixedBy?.id} above makes this very change.`;
  else if (alsoFixedBy !== undefined)
    also = ` (${alsoFixedBy.id} above keeps the two equal too: apply one of them.)`;
  return {
    id: 'fix-token-validity-order',
    severity: 'warning',
    text:
      `AccessTokenValidity (${formatMinutes(validity.accessTokenMinutes)}) is longer than IdTokenValidity (${formatMinutes(validity.idTokenMinutes)}). ${when}` +
      ' Argo CD treats the access token as expired only `refreshTokenThreshold` early (10 s when it is unset), so when it outlives the ID token by more than that,' +
      ' Argo CD finds the cached token still valid, serves the already expired ID token,' +
      ' logs `failed to verify refreshed token`, and the user must sign in again.' +
      ` Set AccessTokenValidity to ${formatMinutes(validity.idTokenMinutes)}, at most IdTokenValidity.${also}` +
      (sameChange ? '' : unknownFieldsNote(change)),
    idTokenValidityMinutes: validity.idTokenMinutes,
    accessTokenValidityMinutes: validity.accessTokenMinutes,
    refreshSeen,
    clientChange: sameChange ? null : change,
  };
}

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
    (item): item is ExtendTokenValidityAdvice | RevertTokenValidityAdvice =>
      item.id === 'extend-token-validity' || item.id === 'revert-token-validity',
  );
  return [...items, fixTokenValidityOrder(input, client, refreshes > 0, alsoFixedBy)];
}
