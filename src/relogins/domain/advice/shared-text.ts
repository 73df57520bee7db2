/** The sentences more than one advice kind says (the i18n catalogs' shared part). */

import type { TokenValidity } from '../../../app-clients';
import { formatMinutes, goDuration } from '../../../shared/durations';
import { codeSpan } from '../../../shared/escaping';
import { truncated } from '../../../shared/safe-text';
import { type ClientChange, isStretched, type ReLoginCeiling } from './token-validity';

/** Said wherever a document is offered and the client's answer had fields this tool does not know. */
/** Field names from the answer, as code, a bounded few of them: the answer is outside data. */
function namedFields(fields: readonly string[]): string {
  const named = fields.slice(0, 10).map((field) => codeSpan(truncated(field, 64)));
  const rest = fields.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}

export function unknownFieldsNote(change: ClientChange | null): string {
  if (change === null || change.unknownFields.length === 0) return '';
  return (
    ` The client's DescribeUserPoolClient answer also has ${namedFields(change.unknownFields)}, unknown to this tool` +
    ' and left out of the update document: UpdateUserPoolClient resets what it is not given, so check them first.'
  );
}

/**
 * What a release without the fix does with refresh tokens, as a predicate
 * (docs/argocd-and-cognito.md#partial-refresh-before-the-fix): before the `refreshTokenThreshold`
 * setting it never refreshes; with it, that refresh is unreliable without the fix.
 */
export function withoutTheFixText(hasThresholdSetting: boolean, fixPull: number): string {
  return hasThresholdSetting
    ? `has \`refreshTokenThreshold\`, but its refresh is unreliable: it caches the token only as long as the ID token and rejects an expired one before any refresh (the fix, #${fixPull}, is not in it)`
    : 'never refreshes OIDC sessions';
}

export function ceilingText(
  ceiling: ReLoginCeiling,
  sessionHours: number,
  validity: TokenValidity | null,
): string {
  const session = `\`users.session.duration\` in \`argocd-cm\` (default 24h; this monitor takes ${goDuration(sessionHours * 3600)} from ARGOCD_SESSION_HOURS)`;
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
