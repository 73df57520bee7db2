/** The sentences more than one advice kind says (the i18n catalogs' shared part). */
import {
  ADVISED_ROTATION_GRACE_SECONDS,
  type AppClientDescription,
  refreshTokenRotation,
  type TokenValidity,
} from '../../../app-clients';
import { formatMinutes, sessionDuration } from '../../../shared/durations';
import { type ClientChange, isStretched, type ReLoginCeiling } from './token-validity';

/** Said wherever a document is offered and the client's answer had fields this tool does not know. */
export function unknownFieldsNote(change: ClientChange | null): string {
  if (change === null || change.unknownFields.length === 0) return '';
  return (
    ` The client's DescribeUserPoolClient answer also has ${change.unknownFields.join(', ')}, unknown to this tool` +
    ' and left out of the update document: UpdateUserPoolClient resets what it is not given, so check them first.'
  );
}

/**
 * What a release without the fix does with refresh tokens, as a predicate
 * (docs/argocd-and-cognito.md#partial-refresh-before-the-fix): before the `refreshTokenThreshold`
 * setting it never refreshes; with it, it refreshes only before expiry, never an expired session.
 */
export function withoutTheFixText(hasThresholdSetting: boolean, fixPull: number): string {
  return hasThresholdSetting
    ? `does not renew an expired session: it refreshes only before expiry, with \`refreshTokenThreshold\` set and a request inside that window, so a session idle past expiry signs in again (the fix, #${fixPull}, is not in it)`
    : 'never refreshes OIDC sessions';
}

export function ceilingText(
  ceiling: ReLoginCeiling,
  sessionHours: number,
  validity: TokenValidity | null,
): string {
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

/** What a stretched validity costs, for the advice that proposes it and the advice given while it is in place. */
export function stopGapCost(validity: string): string {
  return `a leaked ID or access token stays valid for up to ${validity}, and signing a user out in Cognito ends their Argo CD access only when the token expires.`;
}

/** While the stop-gap is in place without refresh: what it costs, so the upgrade is not put off. */
export function stopGapInPlace(validity: TokenValidity | null): string {
  if (validity === null || isStretched(validity) !== true) return '';
  const longest = formatMinutes(Math.max(validity.idTokenMinutes, validity.accessTokenMinutes));
  return ` The stretched validity (ID ${formatMinutes(validity.idTokenMinutes)} / access ${formatMinutes(validity.accessTokenMinutes)}) is the stop-gap, and it has a cost: ${stopGapCost(longest)} Undo it once users refresh after the upgrade.`;
}

/**
 * The client check for refresh-token rotation, said wherever the advice concerns a client that refreshes
 * (or will): with rotation on, the grace period decides whether concurrent refreshes force a re-login.
 */
export function rotationNote(client: AppClientDescription | null): string {
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

/** The `argocd-cm` data that sets the threshold, with the session setting spelt out when given. */
export function argocdCmYaml(threshold: string | null, sessionHours: number | null): string {
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
