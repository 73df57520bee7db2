/**
 * A Cognito app client as DescribeUserPoolClient describes it, kept in the form UpdateUserPoolClient
 * takes back. UpdateUserPoolClient resets every setting it is not given to its default, so a change of
 * two validities must resend all the others: this keeps each field the update accepts, drops the
 * read-only ones, and never keeps the client secret (only whether there is one).
 */
import * as v from 'valibot';
import { nonEmptyString, parseWith, plainObject } from '../../shared/validation';
import {
  type ClientTokenSettings,
  InvalidClientConfigError,
  parseTokenValidity,
  type TokenValidity,
} from './token-validity';

/**
 * Every field of UpdateUserPoolClient's request, in its order (`UpdateUserPoolClientRequest` of
 * @aws-sdk/client-cognito-identity-provider; a test holds this list equal to that type).
 */
export const UPDATABLE_CLIENT_FIELDS = [
  'UserPoolId',
  'ClientId',
  'ClientName',
  'RefreshTokenValidity',
  'AccessTokenValidity',
  'IdTokenValidity',
  'TokenValidityUnits',
  'ReadAttributes',
  'WriteAttributes',
  'ExplicitAuthFlows',
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'PreventUserExistenceErrors',
  'EnableTokenRevocation',
  'EnablePropagateAdditionalUserContextData',
  'AuthSessionValidity',
  'RefreshTokenRotation',
] as const;

export type UpdatableClientField = (typeof UPDATABLE_CLIENT_FIELDS)[number];

/** What DescribeUserPoolClient reports and UpdateUserPoolClient does not take. */
export const READ_ONLY_CLIENT_FIELDS = [
  'ClientSecret',
  'CreationDate',
  'LastModifiedDate',
  'ClientType',
] as const;

export type UpdatableClientSettings = Partial<Record<UpdatableClientField, unknown>> &
  ClientTokenSettings & { UserPoolId: string; ClientId: string };

export interface AppClientDescription {
  /** Every field of the answer that UpdateUserPoolClient accepts, as Cognito gave it. */
  updatable: UpdatableClientSettings;
  /** A confidential client (Argo CD's server sends the secret); the secret itself is never kept. */
  hasSecret: boolean;
  /**
   * Fields of the answer known neither as updatable nor as read-only (a newer Cognito API): left out of
   * every document and named in the advice, since an update without them may reset them.
   */
  unknownFields: string[];
  tokenValidity: TokenValidity;
}

const UPDATABLE: ReadonlySet<string> = new Set(UPDATABLE_CLIENT_FIELDS);
const READ_ONLY: ReadonlySet<string> = new Set(READ_ONLY_CLIENT_FIELDS);

const RESPONSE =
  'a DescribeUserPoolClient response (as `aws cognito-idp describe-user-pool-client` saves it)';

/** The ids UpdateUserPoolClient needs; every other field is sorted out below, as it comes. */
const USER_POOL_CLIENT = v.pipe(
  plainObject(),
  v.looseObject({ UserPoolId: nonEmptyString, ClientId: nonEmptyString }),
);

const DESCRIBE_RESPONSE = v.pipe(
  plainObject(RESPONSE),
  v.object({ UserPoolClient: v.unknown() }, `is missing: expected ${RESPONSE}`),
);

const invalid = (message: string) => new InvalidClientConfigError(message);

/**
 * Reads the `UserPoolClient` object of a DescribeUserPoolClient answer (the SDK's or the CLI's);
 * `root` names its place in errors.
 */
export function parseUserPoolClient(client: unknown, root = ''): AppClientDescription {
  const fields = parseWith(USER_POOL_CLIENT, client, invalid, root);
  const updatable: Record<string, unknown> = {};
  const unknownFields: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (UPDATABLE.has(field)) updatable[field] = value;
    else if (!READ_ONLY.has(field)) unknownFields.push(field);
  }
  const secret = fields.ClientSecret;
  return {
    updatable: {
      ...updatable,
      UserPoolId: fields.UserPoolId,
      ClientId: fields.ClientId,
    },
    hasSecret: typeof secret === 'string' && secret !== '',
    unknownFields,
    tokenValidity: parseTokenValidity(fields as ClientTokenSettings),
  };
}

/** Reads a whole DescribeUserPoolClient answer, as saved with `aws cognito-idp describe-user-pool-client`. */
export function parseDescribeUserPoolClient(response: unknown): AppClientDescription {
  const { UserPoolClient } = parseWith(DESCRIBE_RESPONSE, response, invalid);
  return parseUserPoolClient(UserPoolClient, 'UserPoolClient');
}
