/**
 * `relogin-monitor inspect-token [TOKEN] [--issuer URL] [--json]`: verifies an ID token (argument or
 * stdin; Argo CD keeps it in the `argocd.token` cookie) against its issuer's JWKS and shows whether it
 * was refreshed: on a real session, the proof that Argo CD now renews tokens instead of sending users
 * back to the login page.
 */
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import {
  createRemoteJWKSet,
  decodeJwt,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { formatSeconds, inspectClaims, type TokenInspection } from '../domain/token-inspection';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

/** Distinct exit codes, so scripts can tell the failures apart. */
export const INSPECT_EXIT = { badSignature: 3, expired: 4, jwksUnreachable: 5 } as const;

const JWKS_TIMEOUT_MS = 5000;

class JwksUnreachableError extends Error {
  constructor(url: URL, cause: unknown) {
    super(`cannot read the issuer's keys from ${url}: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'JwksUnreachableError';
  }
}

async function readToken(positional: string | undefined, io: CliIo): Promise<string> {
  const raw = positional ?? (await text(io.stdin));
  // Accept a pasted cookie (`argocd.token=eyJ…`) as well as the bare token.
  const token = raw.trim().replace(/^argocd\.token=/, '');
  if (token === '') throw new UsageError('give the ID token as an argument or on stdin');
  return token;
}

/** Cognito publishes its keys at `{issuer}/.well-known/jwks.json`. */
function jwksUrl(issuer: string): URL {
  try {
    return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  } catch {
    throw new UsageError(`the issuer "${issuer}" is not a URL; give --issuer`);
  }
}

/** Keys from the JWKS; any failure to get them (not a missing key) is an unreachable JWKS. */
function issuerKeys(url: URL): JWTVerifyGetKey {
  const remote = createRemoteJWKSet(url, { timeoutDuration: JWKS_TIMEOUT_MS });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey) throw error;
      throw new JwksUnreachableError(url, error);
    }
  };
}

function render(inspection: TokenInspection, keysUrl: URL): string {
  const time = (value: string | null) => value ?? '-';
  const refreshed =
    inspection.refreshed === null
      ? 'unknown (no auth_time or iat claim)'
      : inspection.refreshed
        ? 'yes (iat later than auth_time: renewed with the refresh token, no new login)'
        : 'no (iat equals auth_time: issued at sign-in)';
  const rows: [string, string][] = [
    ['issuer', time(inspection.issuer)],
    ['client', time(inspection.client)],
    ['subject', time(inspection.subject)],
    ['token use', time(inspection.tokenUse)],
    ['auth_time', time(inspection.authTime)],
    ['iat', time(inspection.issuedAt)],
    ['exp', time(inspection.expiresAt)],
    ['lifetime', inspection.lifetimeSeconds === null ? '-' : formatSeconds(inspection.lifetimeSeconds)],
    ['time left', inspection.secondsLeft === null ? '-' : formatSeconds(inspection.secondsLeft)],
    ['refreshed', refreshed],
    ['signature', `verified with ${keysUrl}`],
  ];
  return rows.map(([label, value]) => `${`${label}:`.padEnd(11)} ${value}`).join('\n');
}

function output(io: CliIo, payload: JWTPayload, keysUrl: URL, json: boolean): void {
  const inspection = inspectClaims(payload, new Date());
  writeLine(io.stdout, json ? JSON.stringify(inspection) : render(inspection, keysUrl));
}

export async function inspectTokenCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { issuer: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  if (positionals.length > 1) throw new UsageError('give one token');
  const token = await readToken(positionals[0], io);
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new UsageError('the input is not a JWT (three base64url parts separated by dots)');
  }
  const issuer = values.issuer ?? (typeof claims.iss === 'string' ? claims.iss : undefined);
  if (issuer === undefined) throw new UsageError('the token names no issuer (iss); give --issuer');
  const keysUrl = jwksUrl(issuer);
  const fail = (code: number, message: string) => {
    writeLine(io.stderr, `relogin-monitor inspect-token: ${message}`);
    return code;
  };
  try {
    const { payload } = await jwtVerify(token, issuerKeys(keysUrl), { issuer });
    output(io, payload, keysUrl, values.json);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof JwksUnreachableError) return fail(INSPECT_EXIT.jwksUnreachable, error.message);
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
      return fail(
        INSPECT_EXIT.badSignature,
        `bad signature: the token was not signed by ${issuer} (${error.message})`,
      );
    }
    if (error instanceof errors.JWTExpired) {
      // The signature was verified before the expiry check: the claims are genuine, show them.
      output(io, error.payload, keysUrl, values.json);
      return fail(
        INSPECT_EXIT.expired,
        `token expired at ${new Date(Number(error.payload.exp) * 1000).toISOString()}`,
      );
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      return fail(EXIT.failed, `token rejected: ${error.message} (claim ${error.claim})`);
    }
    if (error instanceof errors.JOSEError) return fail(EXIT.failed, `token rejected: ${error.message}`);
    throw error;
  }
}
