import { describe, expect, it } from 'vitest';
import { cognitoValidity, validityChangeDocuments } from '../../../src/app-clients/domain/validity-change';
import { FIXTURE_CLIENT_SECRET, fixtureClient } from '../../support/app-clients';

describe('Function: validityChangeDocuments', () => {
  it('should give the Terraform diff of the shared fixture client raised to 8 h', () => {
    // Act
    const { terraform } = validityChangeDocuments(fixtureClient(), {
      idTokenMinutes: 480,
      accessTokenMinutes: 480,
    });

    // Assess
    expect(terraform).toBe(
      [
        ' resource "aws_cognito_user_pool_client" "argocd" {',
        '   # app client argocdclient0example0000001 of user pool ap-northeast-1_EXAMPLE; every other argument stays as it is',
        '-  id_token_validity     = 1',
        '+  id_token_validity     = 8',
        '-  access_token_validity = 1',
        '+  access_token_validity = 8',
        '   token_validity_units {',
        '     id_token      = "hours"',
        '     access_token  = "hours"',
        '     refresh_token = "days"',
        '   }',
        ' }',
      ].join('\n'),
    );
  });

  it('should give the whole update-user-pool-client document, the command, and never the secret', () => {
    // Act
    const documents = validityChangeDocuments(fixtureClient(), {
      idTokenMinutes: 60,
      accessTokenMinutes: 60,
    });

    // Assess
    expect(JSON.parse(documents.cliInputJson)).toEqual({
      UserPoolId: 'ap-northeast-1_EXAMPLE',
      ClientName: 'argocd',
      ClientId: 'argocdclient0example0000001',
      RefreshTokenValidity: 30,
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://argocd.example.com/auth/callback'],
      LogoutURLs: ['https://argocd.example.com/logout'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['email', 'openid', 'profile'],
      AllowedOAuthFlowsUserPoolClient: true,
      EnableTokenRevocation: true,
    });
    expect(documents.cliCommand).toBe(
      'aws cognito-idp update-user-pool-client --cli-input-json file://argocd-app-client.json',
    );
    expect(documents.cliInputFile).toBe('argocd-app-client.json');
    expect(JSON.stringify(documents)).not.toContain(FIXTURE_CLIENT_SECRET);
  });

  it('should state the current values in their own units, the new ones in whole hours, and keep the refresh unit', () => {
    // Prepare: 45 min ID tokens in minutes, 3,600 s access tokens in seconds, refresh token in hours.
    const client = fixtureClient({
      IdTokenValidity: 45,
      AccessTokenValidity: 3600,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'seconds', RefreshToken: 'hours' },
    });

    // Act
    const documents = validityChangeDocuments(client, { idTokenMinutes: 120, accessTokenMinutes: 90 });

    // Assess
    expect(documents.terraform).toContain(
      [
        '-  id_token_validity     = 45',
        '+  id_token_validity     = 2',
        '-  access_token_validity = 3600',
        '+  access_token_validity = 90',
        '   token_validity_units {',
        '-    id_token      = "minutes"',
        '+    id_token      = "hours"',
        '-    access_token  = "seconds"',
        '+    access_token  = "minutes"',
        '     refresh_token = "hours"',
      ].join('\n'),
    );
    expect(JSON.parse(documents.cliInputJson)).toMatchObject({
      IdTokenValidity: 2,
      AccessTokenValidity: 90,
      RefreshTokenValidity: 720,
      TokenValidityUnits: { IdToken: 'hours', AccessToken: 'minutes', RefreshToken: 'hours' },
    });
  });

  it("should write Cognito's default units when the answer has none, and a Terraform label from any client name", () => {
    // Act
    const documents = validityChangeDocuments(
      fixtureClient({ TokenValidityUnits: undefined, ClientName: '1 Argo CD (prod)' }),
      { idTokenMinutes: 480, accessTokenMinutes: 480 },
    );

    // Assess
    expect(documents.terraform).toContain('resource "aws_cognito_user_pool_client" "_1_Argo_CD__prod_" {');
    expect(JSON.parse(documents.cliInputJson).TokenValidityUnits).toEqual({
      IdToken: 'hours',
      AccessToken: 'hours',
      RefreshToken: 'days',
    });
  });
});

describe('Function: cognitoValidity', () => {
  it('should pick the largest unit that keeps a whole number', () => {
    expect([cognitoValidity(480), cognitoValidity(90), cognitoValidity(5.5)]).toEqual([
      { value: 8, unit: 'hours' },
      { value: 90, unit: 'minutes' },
      { value: 330, unit: 'seconds' },
    ]);
  });
});
