import {
  CognitoIdentityProviderClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCognito, startFakeCognito } from '../../local/stand-ins/fake-cognito';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/stand-ins/local-aws';
import { CognitoUserPoolClients } from '../../src/adapters/cognito/user-pool-clients';
import { FIXTURE_CLIENT_SECRET } from '../support/app-clients';

describe('Class: CognitoUserPoolClients (local Cognito JSON 1.1 stand-in)', () => {
  let cognito: FakeCognito;
  let reader: CognitoUserPoolClients;

  beforeAll(async () => {
    cognito = await startFakeCognito();
    cognito.addClient(cognitoFixture('describe-user-pool-client'));
    cognito.addClient({
      UserPoolClient: {
        UserPoolId: 'ap-northeast-1_EXAMPLE',
        ClientId: 'stretched',
        IdTokenValidity: 480,
        AccessTokenValidity: 8,
        TokenValidityUnits: { IdToken: 'minutes' },
      },
    });
    reader = new CognitoUserPoolClients(
      new CognitoIdentityProviderClient({
        endpoint: cognito.url,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
  });
  afterAll(() => cognito.close());

  it('should read the token validity of the shared fixture client', async () => {
    // Act
    const validity = await reader.tokenValidity('ap-northeast-1_EXAMPLE', 'argocdclient0example0000001');

    // Assess
    expect(validity).toEqual({ idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenMinutes: 43_200 });
    expect(cognito.calls.at(-1)).toMatchObject({
      operation: 'DescribeUserPoolClient',
      input: { UserPoolId: 'ap-northeast-1_EXAMPLE', ClientId: 'argocdclient0example0000001' },
    });
  });

  it('should honour units and defaults of a stretched client', async () => {
    expect(await reader.tokenValidity('ap-northeast-1_EXAMPLE', 'stretched')).toEqual({
      idTokenMinutes: 480,
      accessTokenMinutes: 480,
      refreshTokenMinutes: 43_200,
    });
  });

  it('should read the whole answer through the SDK in UpdateUserPoolClient form, without the secret or the dates', async () => {
    // Act
    const settings = await reader.description('ap-northeast-1_EXAMPLE', 'argocdclient0example0000001');

    // Assess
    const { ClientSecret, CreationDate, LastModifiedDate, ...settable } = (
      cognitoFixture('describe-user-pool-client') as { UserPoolClient: Record<string, unknown> }
    ).UserPoolClient;
    expect([ClientSecret, CreationDate, LastModifiedDate].every((value) => value !== undefined)).toBe(true);
    expect(settings.updatable).toEqual(settable);
    expect(settings).toMatchObject({ hasSecret: true, unknownFields: [] });
    expect(JSON.stringify(settings)).not.toContain(FIXTURE_CLIENT_SECRET);
  });

  it("should surface Cognito's error for an unknown client", async () => {
    await expect(reader.tokenValidity('ap-northeast-1_EXAMPLE', 'missing')).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });
});
