/**
 * `extend-token-validity` (stop-gap): heavy users and no refresh seen; with a what-if computed from
 * each observed user-day's span of activity. Both validities go to the same value, so the access token
 * never outlives the ID token.
 */
import type { TokenValidity } from '../../../app-clients';
import type { Messages } from '../../../shared/i18n';
import { median, round } from '../../../shared/stats';
import { type AdviceInput, type AdviceSeverity, adviceMessages } from './input';
import { unknownFieldsNote } from './shared-text';
import { type ClientChange, clientChange, MAX_TOKEN_VALIDITY_HOURS } from './token-validity';
import { observedUserDays, reLoginWhatIf } from './what-if';

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

/** What the text says, decided from the numbers. */
interface ExtendTokenValidityFacts {
  validity: TokenValidity | null;
  proposedHours: number;
  medianInterval: number | null;
  userDays: number;
  whatIf: { now: number; predicted: number };
  change: ClientChange | null;
}

/** null when the validity is already at or beyond the proposal: longer tokens are not the answer. */
export function extendTokenValidity(input: AdviceInput): ExtendTokenValidityAdvice | null {
  const proposedHours = Math.min(input.proposedValidityHours, MAX_TOKEN_VALIDITY_HOURS);
  const validity = input.client?.tokenValidity ?? null;
  if (validity !== null && validity.idTokenMinutes >= proposedHours * 60) return null;
  const userDays = observedUserDays(input.events);
  const whatIf = reLoginWhatIf(userDays, proposedHours * 60);
  const medianInterval = median(input.summary.reLoginIntervalsMinutes);
  // Both to the same value: an access token outliving the ID token breaks the refresh after the upgrade.
  const change =
    input.client === null
      ? null
      : clientChange(input.client, {
          idTokenMinutes: proposedHours * 60,
          accessTokenMinutes: proposedHours * 60,
        });
  const facts = { validity, proposedHours, medianInterval, userDays: userDays.length, whatIf, change };
  return {
    id: 'extend-token-validity',
    severity: 'warning',
    text: extendTokenValidityText(facts, adviceMessages(input)),
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

function extendTokenValidityText(facts: ExtendTokenValidityFacts, m: Messages): string {
  const { validity, proposedHours, medianInterval, whatIf } = facts;
  const proposed = m.format.minutes(proposedHours * 60);
  return (
    m.text.advice.extend({
      id: validity === null ? null : m.format.minutes(validity.idTokenMinutes),
      access: validity === null ? null : m.format.minutes(validity.accessTokenMinutes),
      proposed,
      medianInterval: medianInterval === null ? null : m.format.minutes(round(medianInterval, 0)),
      userDays: facts.userDays,
      now: m.format.decimal(whatIf.now, 1),
      predicted: m.format.decimal(whatIf.predicted, 1),
      cost: m.text.advice.stopGapCost(proposed),
    }) + unknownFieldsNote(facts.change, m)
  );
}
