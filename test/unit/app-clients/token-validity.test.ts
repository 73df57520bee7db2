import { describe, expect, it } from 'vitest';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { parseDescribeUserPoolClient } from '../../../src/app-clients/domain/app-client-description';
import { InvalidClientConfigError, parseTokenValidity } from '../../../src/app-clients/domain/token-validity';

describe('Function: parseTokenValidity', () => {
  it('should read the shared DescribeUserPoolClient fixture as 1 h, 1 h and 30 days', () => {
    // Act
    const { tokenValidity: validity } = parseDescribeUserPoolClient(
      cognitoFixture('describe-user-pool-client'),
    );

    // Assess
    expect(validity).toEqual({ idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenMinutes: 43_200 });
  });

  it('should honour every unit', () => {
    // Act
    const validity = parseTokenValidity({
      IdTokenValidity: 28_800,
      AccessTokenValidity: 90,
      RefreshTokenValidity: 1,
      TokenValidityUnits: { IdToken: 'seconds', AccessToken: 'minutes', RefreshToken: 'hours' },
    });

    // Assess
    expect(validity).toEqual({ idTokenMinutes: 480, accessTokenMinutes: 90, refreshTokenMinutes: 60 });
  });

  it("should take Cognito's default units (hours, hours, days) when TokenValidityUnits is missing", () => {
    // Act
    const validity = parseTokenValidity({
      IdTokenValidity: 8,
      AccessTokenValidity: 2,
      RefreshTokenValidity: 7,
    });

    // Assess
    expect(validity).toEqual({ idTokenMinutes: 480, accessTokenMinutes: 120, refreshTokenMinutes: 10_080 });
  });

  it("should take Cognito's default lifetimes for missing fields, whatever the units say", () => {
    // Act
    const validity = parseTokenValidity({
      TokenValidityUnits: { IdToken: 'minutes', RefreshToken: 'minutes' },
    });

    // Assess
    expect(validity).toEqual({ idTokenMinutes: 60, accessTokenMinutes: 60, refreshTokenMinutes: 43_200 });
  });

  it('should reject an unknown unit and a non-positive lifetime, naming the field', () => {
    // Act & Assess
    expect(() =>
      parseTokenValidity({ IdTokenValidity: 1, TokenValidityUnits: { IdToken: 'weeks' } }),
    ).toThrow(/IdToken.*"weeks"/);
    expect(() => parseTokenValidity({ AccessTokenValidity: 0 })).toThrow(/AccessTokenValidity/);
    for (const unit of ['constructor', 'toString', '__proto__']) {
      expect(() => parseTokenValidity({ IdTokenValidity: 1, TokenValidityUnits: { IdToken: unit } })).toThrow(
        InvalidClientConfigError,
      );
    }
    expect(() => parseDescribeUserPoolClient({ ClientId: 'x' })).toThrow(InvalidClientConfigError);
  });
});
