/**
 * `extend-token-validity` (stop-gap): heavy users and no refresh seen; with a what-if computed from
 * each observed user-day's span of activity. Both validities go to the same value, so the access token
 * never outlives the ID token.
 */
import type { TokenValidity } from '../../../app-clients';
import { formatMinutes } from '../../../shared/durations';
import { median, round } from '../../../shared/stats';
import type { AdviceInput, AdviceSeverity } from './input';
import { stopGapCost, unknownFieldsNote } from './shared-text';
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
    text: extendTokenValidityText(facts),
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

function extendTokenValidityText(facts: ExtendTokenValidityFacts): string {
  const { validity, proposedHours, medianInterval, whatIf } = facts;
  const current =
    validity === null
      ? 'the Argo CD app client (current validity unknown)'
      : `the Argo CD app client from ${formatMinutes(validity.idTokenMinutes)} (ID) / ${formatMinutes(validity.accessTokenMinutes)} (access)`;
  const interval =
    medianInterval === null
      ? ''
      : ` Users are sent back to the login page every ${round(medianInterval, 0)} min (median).`;
  return (
    `Stop-gap: raise IdTokenValidity and AccessTokenValidity of ${current} to ${proposedHours} h, both the same` +
    ` (an access token outliving the ID token breaks Argo CD's refresh once it is upgraded).${interval}` +
    ` Over ${facts.userDays} observed user-days that is ${round(whatIf.now, 1)} re-logins per user per day now,` +
    ` about ${round(whatIf.predicted, 1)} at ${proposedHours} h.` +
    ` Trade-off: ${stopGapCost(`${proposedHours} h`)} Undo it once Argo CD refreshes tokens.` +
    unknownFieldsNote(facts.change)
  );
}
