/**
 * What an ID token says about its session: who, for which client, since when, until when, and whether
 * it came from a refresh. Cognito keeps `auth_time` at the sign-in and sets `iat` at every issue, so an
 * `iat` later than `auth_time` proves the token was renewed with the refresh token, not by a new login.
 */

import { formatDuration } from '../../shared/durations';

export interface TokenClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  client_id?: unknown;
  token_use?: unknown;
  auth_time?: unknown;
  iat?: unknown;
  exp?: unknown;
}

export interface TokenInspection {
  issuer: string | null;
  /** `aud` of an ID token, `client_id` of an access token. */
  client: string | null;
  subject: string | null;
  tokenUse: string | null;
  /** ISO-8601 times; null when the claim is missing or not a time. */
  authTime: string | null;
  issuedAt: string | null;
  expiresAt: string | null;
  lifetimeSeconds: number | null;
  /** Negative once expired. */
  secondsLeft: number | null;
  /** null when `auth_time` or `iat` is missing or not a time. */
  refreshed: boolean | null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return null;
}

/** Seconds since the epoch a `Date` can hold (±8.64e12 s); anything else is not a time. */
const MAX_EPOCH_SECONDS = 8.64e12;

function seconds(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH_SECONDS
    ? value
    : null;
}

function iso(epochSeconds: number | null): string | null {
  return epochSeconds === null ? null : new Date(epochSeconds * 1000).toISOString();
}

export function inspectClaims(claims: TokenClaims, now: Date): TokenInspection {
  const authTime = seconds(claims.auth_time);
  const issuedAt = seconds(claims.iat);
  const expiresAt = seconds(claims.exp);
  return {
    issuer: text(claims.iss),
    client: text(claims.aud) ?? text(claims.client_id),
    subject: text(claims.sub),
    tokenUse: text(claims.token_use),
    authTime: iso(authTime),
    issuedAt: iso(issuedAt),
    expiresAt: iso(expiresAt),
    lifetimeSeconds: issuedAt === null || expiresAt === null ? null : expiresAt - issuedAt,
    secondsLeft: expiresAt === null ? null : Math.round(expiresAt - now.getTime() / 1000),
    refreshed: authTime === null || issuedAt === null ? null : issuedAt > authTime,
  };
}

/** A lifetime or a time left, for people: "1 h 5 min", "59 min 58 s"; "expired 3 min ago" once negative. */
export function formatSeconds(total: number): string {
  return total < 0 ? `expired ${formatDuration(-total)} ago` : formatDuration(total);
}
