/**
 * Token lifetimes of a Cognito app client, from a DescribeUserPoolClient answer: units honoured
 * (`TokenValidityUnits`), missing fields taken as Cognito's defaults (1 h ID and access token, 30 days
 * refresh token; units hours, hours, days).
 */
export interface ClientTokenSettings {
  IdTokenValidity?: number;
  AccessTokenValidity?: number;
  RefreshTokenValidity?: number;
  TokenValidityUnits?: { IdToken?: string; AccessToken?: string; RefreshToken?: string };
}

export interface TokenValidity {
  idTokenMinutes: number;
  accessTokenMinutes: number;
  refreshTokenMinutes: number;
}

export class InvalidClientConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidClientConfigError';
  }
}

const MINUTES_PER_UNIT: Readonly<Record<string, number>> = {
  seconds: 1 / 60,
  minutes: 1,
  hours: 60,
  days: 1440,
};

/** Cognito's own defaults when a client was created without these settings. */
export const COGNITO_DEFAULT_VALIDITY: TokenValidity = {
  idTokenMinutes: 60,
  accessTokenMinutes: 60,
  refreshTokenMinutes: 30 * 1440,
};

function minutes(
  field: string,
  value: unknown,
  unit: unknown,
  defaultUnit: string,
  fallback: number,
): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidClientConfigError(`${field} must be a positive number, got ${JSON.stringify(value)}`);
  }
  const unitName = unit === undefined || unit === null ? defaultUnit : unit;
  // Own keys only: a unit named `constructor` or `toString` must not find Object's and become NaN.
  const factor =
    typeof unitName === 'string' && Object.hasOwn(MINUTES_PER_UNIT, unitName)
      ? MINUTES_PER_UNIT[unitName]
      : undefined;
  if (factor === undefined) {
    throw new InvalidClientConfigError(
      `TokenValidityUnits for ${field} must be seconds, minutes, hours or days, got ${JSON.stringify(unitName)}`,
    );
  }
  return value * factor;
}

export function parseTokenValidity(client: ClientTokenSettings): TokenValidity {
  const units = client.TokenValidityUnits ?? {};
  return {
    idTokenMinutes: minutes(
      'IdTokenValidity',
      client.IdTokenValidity,
      units.IdToken,
      'hours',
      COGNITO_DEFAULT_VALIDITY.idTokenMinutes,
    ),
    accessTokenMinutes: minutes(
      'AccessTokenValidity',
      client.AccessTokenValidity,
      units.AccessToken,
      'hours',
      COGNITO_DEFAULT_VALIDITY.accessTokenMinutes,
    ),
    refreshTokenMinutes: minutes(
      'RefreshTokenValidity',
      client.RefreshTokenValidity,
      units.RefreshToken,
      'days',
      COGNITO_DEFAULT_VALIDITY.refreshTokenMinutes,
    ),
  };
}
