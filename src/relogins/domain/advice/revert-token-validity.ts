/** `revert-token-validity`: refreshes seen, nobody heavy, token validity still stretched above 1 h. */
import {
  type AppClientDescription,
  suggestedRefreshThreshold,
  type TokenValidity,
} from '../../../app-clients';
import type { Messages } from '../../../shared/i18n';
import { type AdviceInput, type AdviceSeverity, adviceMessages } from './input';
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
  const m = adviceMessages(input);
  return {
    id: 'revert-token-validity',
    severity: 'info',
    text:
      revertTokenValidityText(
        {
          refreshes,
          validity,
          change,
          threshold,
          ceiling,
          sessionHours: input.sessionHours,
        },
        m,
      ) + rotationNote(client, m),
    refreshes,
    idTokenValidityMinutes: validity.idTokenMinutes,
    accessTokenValidityMinutes: validity.accessTokenMinutes,
    reLoginCeiling: ceiling,
    clientChange: change,
  };
}

function revertTokenValidityText(
  facts: {
    refreshes: number;
    validity: TokenValidity;
    change: ClientChange;
    threshold: string;
    ceiling: ReLoginCeiling;
    sessionHours: number;
  },
  m: Messages,
): string {
  const { validity, change } = facts;
  return (
    m.text.advice.revert({
      refreshes: facts.refreshes,
      id: m.format.minutes(change.idTokenMinutes),
      access: m.format.minutes(change.accessTokenMinutes),
      nowId: m.format.minutes(validity.idTokenMinutes),
      nowAccess: m.format.minutes(validity.accessTokenMinutes),
      threshold: facts.threshold,
      ceiling: ceilingText(facts.ceiling, facts.sessionHours, validity, m),
    }) + unknownFieldsNote(change, m)
  );
}
