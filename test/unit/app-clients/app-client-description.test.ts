import type {
  UpdateUserPoolClientRequest,
  UserPoolClientType,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  parseDescribeUserPoolClient,
  READ_ONLY_CLIENT_FIELDS,
  UPDATABLE_CLIENT_FIELDS,
} from '../../../src/app-clients/domain/app-client-description';
import { validityChangeDocuments } from '../../../src/app-clients/domain/validity-change';
import { describeAnswer, FIXTURE_CLIENT_SECRET } from '../../support/app-clients';

type Updatable = (typeof UPDATABLE_CLIENT_FIELDS)[number];
type ReadOnly = (typeof READ_ONLY_CLIENT_FIELDS)[number];
/** `true` only when A and B are the same set of names (checked by the compiler). */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

describe('Constant: UPDATABLE_CLIENT_FIELDS', () => {
  it("should be exactly UpdateUserPoolClient's input fields, and with the read-only ones every field DescribeUserPoolClient returns", () => {
    // Assess: compile-time against the SDK's types in node_modules, so a new SDK field fails `tsc`.
    const updatableIsTheRequest: SameNames<Updatable, keyof UpdateUserPoolClientRequest> = true;
    const describeIsCovered: SameNames<Updatable | ReadOnly, keyof UserPoolClientType> = true;
    expect([updatableIsTheRequest, describeIsCovered]).toEqual([true, true]);
    expect(new Set(UPDATABLE_CLIENT_FIELDS).size).toBe(UPDATABLE_CLIENT_FIELDS.length);
  });
});

describe('Function: parseDescribeUserPoolClient', () => {
  it('should keep every settable field of the shared fixture, drop the read-only ones and never keep the secret', () => {
    // Prepare
    const answer = describeAnswer().UserPoolClient;

    // Act
    const client = parseDescribeUserPoolClient(describeAnswer());

    // Assess
    expect(client.hasSecret).toBe(true);
    expect(client.unknownFields).toEqual([]);
    expect(JSON.stringify(client)).not.toContain(FIXTURE_CLIENT_SECRET);
    const readOnly: readonly string[] = READ_ONLY_CLIENT_FIELDS;
    const settable = Object.keys(answer).filter((field) => !readOnly.includes(field));
    expect(Object.keys(answer)).toEqual(
      expect.arrayContaining(['ClientSecret', 'CreationDate', 'LastModifiedDate']),
    );
    expect(Object.keys(client.updatable).sort()).toEqual([...settable].sort());
    expect(client.tokenValidity).toEqual({
      idTokenMinutes: 60,
      accessTokenMinutes: 60,
      refreshTokenMinutes: 43_200,
    });
  });

  it('should drop no settable field of the fixture from the update-user-pool-client document', () => {
    // Prepare
    const answer = describeAnswer().UserPoolClient;
    const client = parseDescribeUserPoolClient(describeAnswer());

    // Act
    const document = JSON.parse(
      validityChangeDocuments(client, { idTokenMinutes: 480, accessTokenMinutes: 480 }).cliInputJson,
    ) as Record<string, unknown>;

    // Assess: every field is either carried over unchanged, one of the two changed validities (and
    // their units), or read-only; the document holds nothing UpdateUserPoolClient does not accept.
    const changed = ['IdTokenValidity', 'AccessTokenValidity', 'TokenValidityUnits'];
    const readOnly: readonly string[] = READ_ONLY_CLIENT_FIELDS;
    for (const [field, value] of Object.entries(answer)) {
      if (readOnly.includes(field)) expect(document).not.toHaveProperty(field);
      else if (!changed.includes(field)) expect(document[field]).toEqual(value);
    }
    const updatable: readonly string[] = UPDATABLE_CLIENT_FIELDS;
    expect(Object.keys(document).filter((field) => !updatable.includes(field))).toEqual([]);
    expect(document).toMatchObject({
      IdTokenValidity: 8,
      AccessTokenValidity: 8,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'hours', RefreshToken: 'days' },
    });
  });

  it('should name fields it does not know and leave them out, and see a public client', () => {
    // Act
    const client = parseDescribeUserPoolClient(
      describeAnswer({ ClientSecret: undefined, ClientType: 'PUBLIC', SomeFutureSetting: true }),
    );

    // Assess
    expect(client.hasSecret).toBe(false);
    expect(client.unknownFields).toEqual(['SomeFutureSetting']);
    expect(client.updatable).not.toHaveProperty('SomeFutureSetting');
    expect(client.updatable).not.toHaveProperty('ClientType');
  });

  it.each([
    [null, 'must be a DescribeUserPoolClient response'],
    [{ ClientId: 'x' }, 'UserPoolClient is missing: expected a DescribeUserPoolClient response'],
    [{ UserPoolClient: [] }, 'UserPoolClient must be an object, got []'],
  ])('should refuse %j saying what a saved answer must be', (answer, message) => {
    expect(() => parseDescribeUserPoolClient(answer)).toThrow(message);
  });

  it('should refuse an answer without the ids UpdateUserPoolClient needs, naming the field', () => {
    expect(() => parseDescribeUserPoolClient(describeAnswer({ ClientId: undefined }))).toThrow(
      'UserPoolClient.ClientId must be a non-empty string, got undefined',
    );
    expect(() => parseDescribeUserPoolClient(describeAnswer({ UserPoolId: '' }))).toThrow(
      'UserPoolClient.UserPoolId must be a non-empty string, got ""',
    );
  });
});
