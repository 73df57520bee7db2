/**
 * `relogin-monitor inspect-token [TOKEN] [--issuer URL] [--json]`: verifies an ID token (argument or
 * stdin; Argo CD keeps it in the `argocd.token` cookie) against its issuer's JWKS and shows whether it
 * was refreshed: on a real session, the proof that Argo CD now renews tokens instead of sending users
 * back to the login page.
 *
 * Without --issuer the keys' address comes from the token's own, not yet verified, `iss`: a forged token
 * naming its own key server would verify too. The command says so (a warning, `"issuerPinned": false`)
 * and accepts only an https issuer (http for localhost only); `--issuer` pins it.
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
import { formatSeconds, inspectClaims, type TokenInspection } from '../app-clients';
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

class IssuerRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IssuerRefusedError';
  }
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * An issuer taken from the token itself decides where the keys come from, so it must at least be an
 * https URL (or a loopback one: cognito-local serves http://127.0.0.1).
 */
function checkUnpinnedIssuer(issuer: string): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new UsageError(`the token's issuer "${issuer}" is not a URL; give --issuer`);
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    throw new IssuerRefusedError(
      `the token's issuer "${issuer}" is not an https URL (http only for localhost); ` +
        'give --issuer https://cognito-idp.<region>.amazonaws.com/<poolId> to check it against your pool',
    );
  }
}

/** What to say when the keys' address came from the (not yet verified) token itself. */
function unpinnedWarning(issuer: string): string {
  return (
    `warning: issuer ${issuer} taken from the token's own iss claim, not pinned: a forged token naming ` +
    'its own key server would verify too. For proof give --issuer https://cognito-idp.<region>.amazonaws.com/<poolId>'
  );
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

interface Verification {
  keysUrl: URL;
  /** The issuer came from --issuer, not from the token. */
  issuerPinned: boolean;
}

function render(inspection: TokenInspection, { keysUrl, issuerPinned }: Verification): string {
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
    [
      'signature',
      `verified with ${keysUrl}${issuerPinned ? ' (issuer pinned with --issuer)' : ' (issuer NOT pinned: taken from the token)'}`,
    ],
  ];
  return rows.map(([label, value]) => `${`${label}:`.padEnd(11)} ${value}`).join('\n');
}

function output(io: CliIo, payload: JWTPayload, verification: Verification, json: boolean): void {
  const inspection = inspectClaims(payload, new Date());
  writeLine(
    io.stdout,
    json
      ? JSON.stringify({ ...inspection, issuerPinned: verification.issuerPinned })
      : render(inspection, verification),
  );
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
  const issuerPinned = values.issuer !== undefined;
  const issuer = values.issuer ?? (typeof claims.iss === 'string' ? claims.iss : undefined);
  if (issuer === undefined) throw new UsageError('the token names no issuer (iss); give --issuer');
  const fail = (code: number, message: string) => {
    writeLine(io.stderr, `relogin-monitor inspect-token: ${message}`);
    return code;
  };
  if (!issuerPinned) {
    try {
      checkUnpinnedIssuer(issuer);
    } catch (error) {
      if (error instanceof IssuerRefusedError) return fail(EXIT.failed, `token rejected: ${error.message}`);
      throw error;
    }
  }
  const verification: Verification = { keysUrl: jwksUrl(issuer), issuerPinned };
  if (!issuerPinned) writeLine(io.stderr, `relogin-monitor inspect-token: ${unpinnedWarning(issuer)}`);
  try {
    const { payload } = await jwtVerify(token, issuerKeys(verification.keysUrl), { issuer });
    output(io, payload, verification, values.json);
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
      output(io, error.payload, verification, values.json);
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
