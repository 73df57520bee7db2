/** `revert-token-validity`: refreshes seen, nobody heavy, token validity still stretched above 1 h. */
import {
  type AppClientDescription,
  suggestedRefreshThreshold,
  type TokenValidity,
} from '../../../app-clients';
import { formatMinutes } from '../../../shared/durations';
import { plural } from '../../../shared/wording';
import type { AdviceInput, AdviceSeverity } from './input';
import { ceilingText, rotationNote, unknownFieldsNote } from './shared-text';
import {
  type ClientChange,
  clientChange,
  type ReLoginCeiling,
  reLoginCeiling,
  UNSTRETCHED_MINUTES,
} from './token-validity';

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

export function revertTokenValidity(
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
      revertTokenValidityText({
        refreshes,
        validity,
        change,
        threshold,
        ceiling,
        sessionHours: input.sessionHours,
      }) + rotationNote(client),
    refreshes,
    idTokenValidityMinutes: validity.idTokenMinutes,
    accessTokenValidityMinutes: validity.accessTokenMinutes,
    reLoginCeiling: ceiling,
    clientChange: change,
  };
}

function revertTokenValidityText(facts: {
  refreshes: number;
  validity: TokenValidity;
  change: ClientChange;
  threshold: string;
  ceiling: ReLoginCeiling;
  sessionHours: number;
}): string {
  const { validity, change } = facts;
  return (
    `Refresh tokens are used (${plural(facts.refreshes, 'refresh', 'refreshes')}) and no user is heavy: Argo CD renews sessions itself, so the stop-gap can be undone (long-lived tokens are security debt).` +
    ` Set IdTokenValidity / AccessTokenValidity to ${formatMinutes(change.idTokenMinutes)} / ${formatMinutes(change.accessTokenMinutes)} (now ${formatMinutes(validity.idTokenMinutes)} / ${formatMinutes(validity.accessTokenMinutes)}); the access token must never outlive the ID token.` +
    ` If \`refreshTokenThreshold\` is set in \`oidc.config\`, keep it shorter than the new ID-token validity (for example ${facts.threshold}).` +
    ` Users then sign in again ${ceilingText(facts.ceiling, facts.sessionHours, validity)}.` +
    unknownFieldsNote(change)
  );
}
