/** The sentences more than one advice kind says; their words come from the locale's catalog. */
import {
  ADVISED_ROTATION_GRACE_SECONDS,
  type AppClientDescription,
  refreshTokenRotation,
  type TokenValidity,
} from '../../../app-clients';
import { sessionDuration } from '../../../shared/durations';
import { codeSpan } from '../../../shared/escaping';
import type { Messages } from '../../../shared/i18n';
import { truncated } from '../../../shared/safe-text';
import { type ClientChange, isStretched, type ReLoginCeiling } from './token-validity';

/** Field names from the answer, as code, a bounded few of them: the answer is outside data. */
function namedFields(fields: readonly string[], m: Messages): string {
  const named = fields.slice(0, 10).map((field) => codeSpan(truncated(field, 64)));
  const rest = fields.length - named.length;
  return rest > 0 ? m.text.advice.moreFields(named.join(', '), rest) : named.join(', ');
}

/** Said wherever a document is offered and the client's answer had fields this tool does not know. */
export function unknownFieldsNote(change: ClientChange | null, m: Messages): string {
  if (change === null || change.unknownFields.length === 0) return '';
  return m.text.advice.unknownFields(namedFields(change.unknownFields, m));
}

export function ceilingText(
  ceiling: ReLoginCeiling,
  sessionHours: number,
  validity: TokenValidity | null,
  m: Messages,
): string {
  return m.text.advice.ceiling({
    ceiling: m.format.minutes(ceiling.minutes),
    session: sessionDuration(sessionHours * 3600),
    setByRefreshToken: ceiling.setBy === 'RefreshTokenValidity',
    refreshValidity: validity === null ? null : m.format.minutes(validity.refreshTokenMinutes),
  });
}

/** While the stop-gap is in place without refresh: what it costs, so the upgrade is not put off. */
export function stopGapInPlace(validity: TokenValidity | null, m: Messages): string {
  if (validity === null || isStretched(validity) !== true) return '';
  const longest = m.format.minutes(Math.max(validity.idTokenMinutes, validity.accessTokenMinutes));
  return m.text.advice.stopGapInPlace({
    id: m.format.minutes(validity.idTokenMinutes),
    access: m.format.minutes(validity.accessTokenMinutes),
    cost: m.text.advice.stopGapCost(longest),
  });
}

/**
 * The client check for refresh-token rotation, said wherever the advice concerns a client that refreshes
 * (or will): with rotation on, the grace period decides whether concurrent refreshes force a re-login.
 */
export function rotationNote(client: AppClientDescription | null, m: Messages): string {
  const rotation = client === null ? null : refreshTokenRotation(client);
  if (rotation === null) return '';
  return rotation.gracePeriodSeconds >= ADVISED_ROTATION_GRACE_SECONDS
    ? m.text.advice.rotationFine(rotation.gracePeriodSeconds)
    : m.text.advice.rotationWithoutGrace(rotation.gracePeriodSeconds, ADVISED_ROTATION_GRACE_SECONDS);
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
