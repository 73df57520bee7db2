/** App clients for advice tests, from the shared DescribeUserPoolClient fixture (units honoured). */

import { cognitoFixture, type JsonObject } from '../../local/stand-ins/fixtures';
import { type AppClientDescription, parseDescribeUserPoolClient } from '../../src/app-clients';

/** The shared fixture's answer, with some fields replaced (e.g. `{ IdTokenValidity: 8 }`). */
export function describeAnswer(changes: JsonObject = {}): { UserPoolClient: JsonObject } {
  const answer = cognitoFixture('describe-user-pool-client') as { UserPoolClient: JsonObject };
  return { UserPoolClient: { ...answer.UserPoolClient, ...changes } };
}

export function fixtureClient(changes: JsonObject = {}): AppClientDescription {
  return parseDescribeUserPoolClient(describeAnswer(changes));
}

/** The fixture's client secret: no output may ever contain it. */
export const FIXTURE_CLIENT_SECRET = describeAnswer().UserPoolClient.ClientSecret as string;
