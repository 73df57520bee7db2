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
  const factor = typeof unitName === 'string' ? MINUTES_PER_UNIT[unitName] : undefined;
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

/** Reads a whole DescribeUserPoolClient response, as saved with `aws cognito-idp describe-user-pool-client`. */
export function parseDescribeUserPoolClient(response: unknown): TokenValidity {
  const client = (response as { UserPoolClient?: unknown } | null)?.UserPoolClient;
  if (typeof client !== 'object' || client === null) {
    throw new InvalidClientConfigError(
      'expected a DescribeUserPoolClient response with a UserPoolClient object',
    );
  }
  return parseTokenValidity(client as ClientTokenSettings);
}

/** "1 h", "30 min", "30 d": how the advice and the alert show a lifetime. */
export function formatDuration(totalMinutes: number): string {
  if (totalMinutes >= 1440 && totalMinutes % 1440 === 0) return `${totalMinutes / 1440} d`;
  if (totalMinutes >= 60 && totalMinutes % 60 === 0) return `${totalMinutes / 60} h`;
  if (totalMinutes >= 1) return `${Math.round(totalMinutes * 10) / 10} min`;
  return `${Math.round(totalMinutes * 60)} s`;
}
