/** The app client's token validities as the advice sees them: the limits, the stop-gap, the order, and the change documents. */
import {
  type AppClientDescription,
  type TokenValidity,
  type ValidityChange,
  type ValidityChangeDocuments,
  validityChangeDocuments,
} from '../../../app-clients';

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

/** An access token outliving the ID token, which breaks the refresh of a fixed release. */
export function accessAboveId(validity: TokenValidity | null): validity is TokenValidity {
  return validity !== null && validity.accessTokenMinutes > validity.idTokenMinutes;
}

/** A change of the app client's validities, as Terraform and as an UpdateUserPoolClient document. */
export interface ClientChange extends ValidityChange, ValidityChangeDocuments {
  /** Fields of the client's answer this tool does not know, left out of the document. */
  unknownFields: string[];
}

export function clientChange(client: AppClientDescription, change: ValidityChange): ClientChange {
  return { ...change, ...validityChangeDocuments(client, change), unknownFields: [...client.unknownFields] };
}

/** When users sign in again once Argo CD refreshes: the shorter of its session and the refresh token. */
export interface ReLoginCeiling {
  minutes: number;
  /** Which setting sets it. */
  setBy: 'users.session.duration' | 'RefreshTokenValidity';
}

/** Users sign in again every `users.session.duration`, or every RefreshTokenValidity if that is shorter. */
export function reLoginCeiling(sessionHours: number, validity: TokenValidity | null): ReLoginCeiling {
  const sessionMinutes = sessionHours * 60;
  return validity !== null && validity.refreshTokenMinutes < sessionMinutes
    ? { minutes: validity.refreshTokenMinutes, setBy: 'RefreshTokenValidity' }
    : { minutes: sessionMinutes, setBy: 'users.session.duration' };
}
