/**
 * `relogin-monitor inspect-token [TOKEN] [--issuer URL] [--json]`: verifies an ID token (argument or
 * stdin; Argo CD keeps it in the `argocd.token` cookie) against its issuer's JWKS and shows whether it
 * was refreshed: on a real session, the proof that Argo CD now renews tokens instead of sending users
 * back to the login page.
 *
 * Without --issuer the keys' address comes from the token's own, not yet verified, `iss`: a forged token
 * naming its own key server would verify too. The command says so (a warning, `"issuerPinned": false`)
 * and accepts only an https issuer (http for localhost only); `--issuer` pins it.
 *
 * Everything a token says is the sender's text: every claim is printed escaped (no newline, no terminal
 * sequence), so a forged `sub` cannot draw a fake "issuer pinned" line or erase the warning. Only
 * public-key signatures count: `alg: none` and shared-secret HMACs (HS256/384/512) prove nothing about
 * the issuer and are bad signatures.
 */
import { parseArgs } from 'node:util';
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { boundedGet } from '../adapters/http/bounded-get';
import { formatSeconds, inspectClaims, type TokenInspection } from '../app-clients';
import { readCappedText } from '../shared/capped-input';
import { cliLocale } from '../shared/config/settings';
import { type Messages, messagesFor } from '../shared/i18n';
import { printable, printableJson } from '../shared/safe-text';
import { byteSize } from '../shared/wording';
import { type CliIo, EXIT, UsageError, writeLine } from './io';

/** Distinct exit codes, so scripts can tell the failures apart. */
export const INSPECT_EXIT = { badSignature: 3, expired: 4, jwksUnreachable: 5 } as const;

const JWKS_TIMEOUT_MS = 5000;
/**
 * A JWKS of a few keys is about 2 KB (Cognito's holds two); without --issuer the token chooses the
 * URL, so the answer is read up to this and no further.
 */
export const MAX_JWKS_BYTES = 64 * 1024;

/** The public-key algorithms a JWKS can verify (Cognito signs with RS256). */
const SIGNATURE_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** Why the header's `alg` cannot prove who made the token, or null when it is a public-key signature. */
function algorithmRefusal(alg: unknown): string | null {
  if (typeof alg === 'string' && SIGNATURE_ALGORITHMS.includes(alg)) return null;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') return 'the token is not signed (alg "none")';
  if (typeof alg === 'string' && /^HS(256|384|512)$/.test(alg)) {
    return (
      `alg "${alg}" is a shared-secret HMAC, not a signature: the issuer's public keys cannot check it, ` +
      'and anyone holding the secret could have made it (Cognito signs with RS256)'
    );
  }
  return `alg ${JSON.stringify(alg) ?? 'missing'} is not a public-key signature (${SIGNATURE_ALGORITHMS.join(', ')})`;
}

class JwksUnreachableError extends Error {
  constructor(url: URL, cause: unknown) {
    super(`cannot read the issuer's keys from ${url}: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'JwksUnreachableError';
  }
}

/** An ID token is a few KiB; an endless pipe on stdin must not fill memory. */
export const MAX_STDIN_TOKEN_BYTES = 64 * 1024;

async function readToken(positional: string | undefined, io: CliIo): Promise<string> {
  const raw = positional ?? (await readCappedText(io.stdin, MAX_STDIN_TOKEN_BYTES));
  if (raw === null) {
    throw new UsageError(
      `the input on stdin is larger than ${byteSize(MAX_STDIN_TOKEN_BYTES)}: not an ID token`,
    );
  }
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
    throw new UsageError(`the token's issuer "${printable(issuer)}" is not a URL; give --issuer`);
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    throw new IssuerRefusedError(
      `the token's issuer "${issuer}" is not an https URL (http only for localhost); ` +
        'give --issuer https://cognito-idp.<region>.amazonaws.com/<poolId> to check it against your pool',
    );
  }
}

/** Cognito publishes its keys at `{issuer}/.well-known/jwks.json`. */
function jwksUrl(issuer: string): URL {
  try {
    return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`);
  } catch {
    throw new UsageError(`the issuer "${printable(issuer)}" is not a URL; give --issuer`);
  }
}

/**
 * Keys from the JWKS, fetched once with every bound (`boundedGet`: the deadline over the whole exchange,
 * the body capped); any failure to get them (not a missing key) is an unreachable JWKS.
 */
function issuerKeys(url: URL): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const load = async (): Promise<JWTVerifyGetKey> => {
    try {
      const answer = await boundedGet(url.toString(), {
        headers: { accept: 'application/json' },
        timeoutMs: JWKS_TIMEOUT_MS,
        maxBodyBytes: MAX_JWKS_BYTES,
      });
      if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
      return createLocalJWKSet(JSON.parse(answer.text));
    } catch (error) {
      throw new JwksUnreachableError(url, error);
    }
  };
  return async (header, token) => {
    keys ??= load();
    return (await keys)(header, token);
  };
}

interface Verification {
  keysUrl: URL;
  /** The issuer came from --issuer, not from the token. */
  issuerPinned: boolean;
}

/** Each claim escaped on its own: the rows stay one line each, whatever a claim contains. */
function render(inspection: TokenInspection, { keysUrl, issuerPinned }: Verification, m: Messages): string {
  const words = m.text.inspectToken;
  const shown = (value: string | null) => (value === null ? '-' : printable(value));
  const refreshed =
    inspection.refreshed === null
      ? words.refreshedUnknown
      : inspection.refreshed
        ? words.refreshedYes
        : words.refreshedNo;
  const { labels } = words;
  const rows: [string, string][] = [
    [labels.issuer, shown(inspection.issuer)],
    [labels.client, shown(inspection.client)],
    [labels.subject, shown(inspection.subject)],
    [labels.tokenUse, shown(inspection.tokenUse)],
    [labels.authTime, shown(inspection.authTime)],
    [labels.iat, shown(inspection.issuedAt)],
    [labels.exp, shown(inspection.expiresAt)],
    [labels.lifetime, inspection.lifetimeSeconds === null ? '-' : formatSeconds(inspection.lifetimeSeconds)],
    [labels.timeLeft, inspection.secondsLeft === null ? '-' : formatSeconds(inspection.secondsLeft)],
    [labels.refreshed, refreshed],
    [labels.signature, words.verifiedWith(printable(keysUrl.toString()), issuerPinned)],
  ];
  return rows.map(([label, value]) => `${`${label}:`.padEnd(11)} ${value}`).join('\n');
}

function output(
  io: CliIo,
  inspection: TokenInspection,
  verification: Verification,
  { json, messages }: { json: boolean; messages: Messages },
): void {
  writeLine(
    io.stdout,
    json
      ? printableJson({ ...inspection, issuerPinned: verification.issuerPinned })
      : render(inspection, verification, messages),
  );
}

/** The header's `alg`, from a token whose payload already decoded. */
function headerAlgorithm(token: string): unknown {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    throw new UsageError('the input is not a JWT (its header is not base64url JSON)');
  }
}

export async function inspectTokenCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      issuer: { type: 'string' },
      json: { type: 'boolean', default: false },
      locale: { type: 'string' },
    },
  });
  // --json stays language-neutral (keys and machine values); the table and the messages speak the locale.
  const messages = messagesFor(cliLocale(values.locale, io.env), 'UTC');
  const words = messages.text.inspectToken;
  const shape = { json: values.json, messages };
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
  // Messages quote the token (its issuer, jose's words about its claims): escaped as one line.
  const say = (message: string) =>
    writeLine(io.stderr, `relogin-monitor inspect-token: ${printable(message)}`);
  const fail = (code: number, message: string) => {
    say(message);
    return code;
  };
  if (!issuerPinned) {
    try {
      checkUnpinnedIssuer(issuer);
    } catch (error) {
      if (error instanceof IssuerRefusedError) return fail(EXIT.failed, words.rejected(error.message));
      throw error;
    }
  }
  // Before any key is fetched: no JWKS answer can make an unsigned or HMAC token genuine.
  const refusal = algorithmRefusal(headerAlgorithm(token));
  if (refusal !== null) return fail(INSPECT_EXIT.badSignature, words.badSignature(refusal));
  const verification: Verification = { keysUrl: jwksUrl(issuer), issuerPinned };
  if (!issuerPinned) say(words.unpinnedWarning(issuer));
  const now = io.clock.now();
  const inspect = (payload: JWTPayload) => inspectClaims(payload, now);
  try {
    const { payload } = await jwtVerify(token, issuerKeys(verification.keysUrl), {
      issuer,
      algorithms: SIGNATURE_ALGORITHMS,
      currentDate: now,
    });
    output(io, inspect(payload), verification, shape);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof JwksUnreachableError) return fail(INSPECT_EXIT.jwksUnreachable, error.message);
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
      return fail(INSPECT_EXIT.badSignature, words.notSignedBy(issuer, error.message));
    }
    if (error instanceof errors.JWTExpired) {
      // The signature was verified before the expiry check: the claims are genuine, show them.
      const inspection = inspect(error.payload);
      output(io, inspection, verification, shape);
      return fail(INSPECT_EXIT.expired, words.expired(inspection.expiresAt ?? String(error.payload.exp)));
    }
    if (error instanceof errors.JWTClaimValidationFailed) {
      return fail(EXIT.failed, words.rejected(`${error.message} (claim ${error.claim})`));
    }
    if (error instanceof errors.JOSEError) return fail(EXIT.failed, words.rejected(error.message));
    throw error;
  }
}
