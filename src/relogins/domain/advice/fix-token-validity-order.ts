/**
 * `fix-token-validity-order`: access-token validity above ID-token validity, which breaks the refresh
 * of a fixed release. Every item that changes validities keeps access at most ID, so another item of
 * the same advice may already make this change.
 */
import type { AppClientDescription, TokenValidity } from '../../../app-clients';
import type { Messages } from '../../../shared/i18n';
import { refreshFix } from './argocd-releases';
import type { ExtendTokenValidityAdvice } from './extend-token-validity';
import { type AdviceInput, type AdviceSeverity, adviceMessages } from './input';
import type { RevertTokenValidityAdvice } from './revert-token-validity';
import { unknownFieldsNote } from './shared-text';
import { type ClientChange, clientChange } from './token-validity';

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

/** The other item of the same advice that also sets the two validities. */
export type AlsoFixedBy = ExtendTokenValidityAdvice | RevertTokenValidityAdvice;

export function fixTokenValidityOrder(
  input: AdviceInput,
  client: AppClientDescription,
  refreshSeen: boolean,
  alsoFixedBy: AlsoFixedBy | undefined,
): FixTokenValidityOrderAdvice {
  const validity = client.tokenValidity;
  const change = clientChange(client, {
    idTokenMinutes: validity.idTokenMinutes,
    accessTokenMinutes: validity.idTokenMinutes,
  });
  const other = alsoFixedBy?.clientChange ?? null;
  const sameChange =
    other !== null &&
    other.idTokenMinutes === change.idTokenMinutes &&
    other.accessTokenMinutes === change.accessTokenMinutes;
  return {
    id: 'fix-token-validity-order',
    severity: 'warning',
    text: fixTokenValidityOrderText(
      {
        validity,
        refreshSeen,
        fixedIn: refreshFix(input.upstream).fixedIn,
        alsoFixedBy,
        sameChange,
        change,
      },
      adviceMessages(input),
    ),
    idTokenValidityMinutes: validity.idTokenMinutes,
    accessTokenValidityMinutes: validity.accessTokenMinutes,
    refreshSeen,
    clientChange: sameChange ? null : change,
  };
}

function fixTokenValidityOrderText(
  facts: {
    validity: TokenValidity;
    refreshSeen: boolean;
    fixedIn: readonly string[];
    alsoFixedBy: AlsoFixedBy | undefined;
    sameChange: boolean;
    change: ClientChange;
  },
  m: Messages,
): string {
  const { validity, sameChange } = facts;
  return (
    m.text.advice.order({
      access: m.format.minutes(validity.accessTokenMinutes),
      id: m.format.minutes(validity.idTokenMinutes),
      refreshSeen: facts.refreshSeen,
      fixedIn: facts.fixedIn.join(' / '),
      alsoFixedBy: facts.alsoFixedBy?.id ?? null,
      sameChange,
    }) + (sameChange ? '' : unknownFieldsNote(facts.change, m))
  );
}
