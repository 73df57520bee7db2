/**
 * `relogin-monitor inspect-token` against real tokens from cognito-local (which serves its JWKS at
 * /{userPoolId}/.well-known/jwks.json), tampered and expired ones, and an issuer whose keys cannot be
 * fetched. cognito-local resets `auth_time` on every refresh, unlike Cognito, so the refreshed case uses
 * a token signed by a local issuer (a key pair made here, its JWKS served over HTTP).
 */
import { createServer, type Server } from 'node:http';
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CognitoLocal, startCognitoLocal } from '../../../local/stand-ins/cognito-local';
import { createPoolWithUser, type LocalPoolUser, signIn } from '../../../local/stand-ins/cognito-pool';
import { freePort } from '../../../local/stand-ins/ports';
import { INSPECT_EXIT } from '../../../src/cli/inspect-token';
import { fixedClock } from '../../../src/shared/clock';
import { runCli } from '../../support/cli';
import { englishRuns } from '../../support/english-prose';
import { terminalControls } from '../../support/terminal';

let cognito: CognitoLocal;
let user: LocalPoolUser;
let issuerServer: Server;
let localIssuer: string;
let signLocal: (claims: Record<string, unknown>) => Promise<string>;

async function startLocalIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-1', alg: 'RS256', use: 'sig' };
  issuerServer = createServer((request, response) => {
    response.writeHead(request.url === '/pool/.well-known/jwks.json' ? 200 : 404, {
      'content-type': 'application/json',
    });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  localIssuer = `http://127.0.0.1:${(issuerServer.address() as { port: number }).port}/pool`;
  signLocal = (claims) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(localIssuer)
      .sign(privateKey);
}

beforeAll(async () => {
  cognito = await startCognitoLocal();
  user = await createPoolWithUser(cognito.endpoint);
  await startLocalIssuer();
});

afterAll(async () => {
  await cognito?.stop();
  await new Promise((resolve) => issuerServer?.close(resolve));
});

const ESC = '\u001b';

/** A token built by hand: any header, any claims, any signature part (empty for `alg: none`). */
function handMade(header: Record<string, unknown>, claims: Record<string, unknown>, signature = ''): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.${signature}`;
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
  return [header, forged, signature].join('.');
}

describe('Command: relogin-monitor inspect-token', () => {
  it('should verify a cognito-local ID token and show who, which client, and that it was not refreshed', async () => {
    const { IdToken } = await signIn(user);

    const result = await runCli(['inspect-token', IdToken as string, '--json']);

    // No --issuer: verified, but against the keys the token itself points at, and it says so.
    expect(result.stderr).toBe(
      `relogin-monitor inspect-token: warning: issuer ${cognito.endpoint}/${user.userPoolId} taken from the ` +
        "token's own iss claim, not pinned: a forged token naming its own key server would verify too. " +
        'For proof give --issuer https://cognito-idp.<region>.amazonaws.com/<poolId>\n',
    );
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout);
    expect(shown).toMatchObject({
      issuer: `${cognito.endpoint}/${user.userPoolId}`,
      client: user.clientId,
      tokenUse: 'id',
      refreshed: false,
      issuerPinned: false,
    });
    expect(shown.subject).toMatch(/^[0-9a-f-]{36}$/);
    expect(shown.authTime).toBe(shown.issuedAt);
    expect(shown.lifetimeSeconds).toBe(24 * 3600);
    expect(shown.secondsLeft).toBeGreaterThan(24 * 3600 - 60);
  });

  it('should read the token from stdin, also as a pasted argocd.token cookie, and print a readable summary', async () => {
    const { IdToken } = await signIn(user);

    const result = await runCli(['inspect-token'], { stdin: `argocd.token=${IdToken}\n` });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`issuer:     ${cognito.endpoint}/${user.userPoolId}`);
    expect(result.stdout).toContain(`client:     ${user.clientId}`);
    expect(result.stdout).toMatch(/lifetime: +24 h\n/);
    expect(result.stdout).toMatch(/refreshed: +no \(iat equals auth_time/);
    expect(result.stdout).toContain(
      `signature:  verified with ${cognito.endpoint}/${user.userPoolId}/.well-known/jwks.json`,
    );
  });

  it('should print the summary and the warning in Japanese with --locale ja, and keep --json language-neutral', async () => {
    const { IdToken } = await signIn(user);

    const result = await runCli(['inspect-token', '--locale', 'ja'], { stdin: IdToken as string });
    const json = await runCli(['inspect-token', '--json'], {
      stdin: IdToken as string,
      env: { LANG: 'ja_JP.UTF-8' },
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`発行者:`);
    expect(result.stdout).toContain('いいえ (iat が auth_time と同じ: サインイン時の発行)');
    expect(result.stderr).toContain('警告: 発行者');
    expect(englishRuns(`${result.stdout}\n${result.stderr}`)).toEqual([]);
    expect(JSON.parse(json.stdout)).toMatchObject({ refreshed: false, issuerPinned: false });
  });

  it('should say refreshed when iat is later than auth_time', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signLocal({
      sub: 'u-1',
      aud: 'argocd-client',
      token_use: 'id',
      auth_time: now - 3 * 3600,
      iat: now - 600,
      exp: now + 3000,
    });

    const result = await runCli(['inspect-token', token]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/refreshed: +yes \(iat later than auth_time/);
    expect(result.stdout).toMatch(/lifetime: +1 h\n/);
    expect(result.stdout).toMatch(/time left: +(49|50) min/);
  });

  it('should verify against a pinned --issuer without the warning, and say it was pinned', async () => {
    const { IdToken } = await signIn(user);
    const issuer = `${cognito.endpoint}/${user.userPoolId}`;

    const json = await runCli(['inspect-token', IdToken as string, '--issuer', issuer, '--json']);
    const text = await runCli(['inspect-token', IdToken as string, '--issuer', issuer]);

    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ issuer, issuerPinned: true });
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain(
      `signature:  verified with ${issuer}/.well-known/jwks.json (issuer pinned with --issuer)`,
    );
  });

  it("should warn that a token signed by whoever serves its iss's keys verifies only unpinned", async () => {
    // An attacker's issuer: its own key pair and JWKS, named in the token's own iss.
    const forged = await signLocal({
      sub: 'victim',
      aud: 'argocd-client',
      exp: Math.floor(Date.now() / 1000) + 60,
    });

    const unpinned = await runCli(['inspect-token', forged]);
    const pinned = await runCli([
      'inspect-token',
      forged,
      '--issuer',
      `${cognito.endpoint}/${user.userPoolId}`,
    ]);

    expect(unpinned.code).toBe(0);
    expect(unpinned.stderr).toContain(
      `warning: issuer ${localIssuer} taken from the token's own iss claim, not pinned`,
    );
    expect(unpinned.stdout).toContain('(issuer NOT pinned: taken from the token)');
    expect(pinned.code).not.toBe(0);
    expect(pinned.stdout).toBe('');
  });

  it.each(['http://evil.example.com/pool', 'http://localhost.evil.example.com/pool', 'ftp://127.0.0.1/pool'])(
    'should refuse a token whose own iss %s is not https (nor http on localhost) without fetching keys',
    async (iss) => {
      const token = await new SignJWT({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 60 })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(iss)
        .sign(new TextEncoder().encode('a-secret-of-at-least-32-bytes-long!'));

      const result = await runCli(['inspect-token', token, '--json']);

      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `relogin-monitor inspect-token: token rejected: the token's issuer "${iss}" is not an https URL ` +
          '(http only for localhost); give --issuer https://cognito-idp.<region>.amazonaws.com/<poolId> to ' +
          'check it against your pool\n',
      );
    },
  );

  it('should reject a tampered token with the bad-signature exit code', async () => {
    const { IdToken } = await signIn(user);

    const result = await runCli(['inspect-token', tamper(IdToken as string)]);

    expect(result.code).toBe(INSPECT_EXIT.badSignature);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/bad signature: the token was not signed by/);
  });

  it('should reject a token signed with a key its issuer does not publish as a bad signature', async () => {
    const token = await signLocal({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 60 });
    // Same claims, but checked against cognito-local's keys.
    const result = await runCli([
      'inspect-token',
      token,
      '--issuer',
      `${cognito.endpoint}/${user.userPoolId}`,
    ]);
    expect(result.code).toBe(INSPECT_EXIT.badSignature);
  });

  it('should report an expired token with its own exit code, still showing its verified claims', async () => {
    const { UserPoolClient } = await user.client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: user.userPoolId,
        ClientName: 'argocd-short',
        IdTokenValidity: 1,
        TokenValidityUnits: { IdToken: 'seconds' },
      }),
    );
    const { IdToken } = await signIn({ ...user, clientId: UserPoolClient?.ClientId as string });
    await new Promise((resolve) => setTimeout(resolve, 2100));

    const result = await runCli(['inspect-token', IdToken as string, '--json']);

    expect(result.code).toBe(INSPECT_EXIT.expired);
    expect(result.stderr).toMatch(/token expired at \d{4}-\d\d-\d\dT/);
    expect(JSON.parse(result.stdout)).toMatchObject({ lifetimeSeconds: 1, client: UserPoolClient?.ClientId });
    expect(JSON.parse(result.stdout).secondsLeft).toBeLessThan(0);
  });

  it('should report an unreachable JWKS with its own exit code', async () => {
    const closedPort = await freePort();
    const result = await runCli([
      'inspect-token',
      await signLocal({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 60 }),
      '--issuer',
      `http://127.0.0.1:${closedPort}/pool`,
    ]);
    expect(result.code).toBe(INSPECT_EXIT.jwksUnreachable);
    expect(result.stderr).toContain(
      `cannot read the issuer's keys from http://127.0.0.1:${closedPort}/pool/.well-known/jwks.json`,
    );
  });

  it('should refuse input that is not a JWT with the usage exit code', async () => {
    const result = await runCli(['inspect-token', 'not-a-token']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not a JWT/);
    expect((await runCli(['inspect-token'], { stdin: '' })).stderr).toMatch(/as an argument or on stdin/);
  });

  it('should print a forged sub escaped on its own line, so it cannot draw a fake "issuer pinned" line or erase the warning', async () => {
    // Genuinely signed by an issuer that serves its own keys (verifies unpinned), with a sub that
    // would end its line, print a pinned-looking signature row, then move up and erase lines.
    const fakeRow = `signature:  verified with ${localIssuer}/.well-known/jwks.json (issuer pinned with --issuer)`;
    const sub = `victim\n${fakeRow}\n${ESC}[1A${ESC}[2K${ESC}[31m\u009b2J\u202e`;
    const token = await signLocal({
      sub,
      aud: `argocd\r${ESC}]0;title\u0007`,
      exp: Math.floor(Date.now() / 1000) + 600,
    });

    const text = await runCli(['inspect-token', token]);
    const json = await runCli(['inspect-token', token, '--json']);

    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines.filter((line) => line.startsWith('signature:'))).toEqual([
      `signature:  verified with ${localIssuer}/.well-known/jwks.json (issuer NOT pinned: taken from the token)`,
    ]);
    expect(lines).toContain(
      `subject:    victim\\n${fakeRow}\\n\\u001b[1A\\u001b[2K\\u001b[31m\\u009b2J\\u202e`,
    );
    expect(lines).toContain('client:     argocd\\r\\u001b]0;title\\u0007');
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
      expect(terminalControls(output)).toEqual([]);
    }
    // The warning is still there, whole, on stderr.
    expect(text.stderr).toContain(
      `warning: issuer ${localIssuer} taken from the token's own iss claim, not pinned`,
    );
    // JSON: one line, the exact claim once parsed.
    expect(json.code).toBe(0);
    expect(json.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ subject: sub, issuerPinned: false });
  });

  it('should escape a forged iss in the warning and in the failure it leads to', async () => {
    const forgedIssuer = `${localIssuer}${ESC}[1A${ESC}[2K`;
    const token = await new SignJWT({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-1' })
      .setIssuer(forgedIssuer)
      .sign((await generateKeyPair('RS256')).privateKey);

    const result = await runCli(['inspect-token', token]);

    expect(result.code).toBe(INSPECT_EXIT.jwksUnreachable);
    expect(result.stderr).not.toContain(ESC);
    expect(result.stderr).toContain(
      `warning: issuer ${localIssuer}\\u001b[1A\\u001b[2K taken from the token's own iss`,
    );
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
  });

  it.each([
    ['alg none', () => handMade({ alg: 'none', typ: 'JWT' }, { sub: 'u-1', iss: 'ISSUER' })],
    ['alg None', () => handMade({ alg: 'None' }, { sub: 'u-1', iss: 'ISSUER' })],
    ['no alg', () => handMade({ typ: 'JWT' }, { sub: 'u-1', iss: 'ISSUER' }, 'c2ln')],
  ])('should reject an unsigned token (%s) as a bad signature, without asking for keys', async (_, build) => {
    // The issuer's keys cannot be fetched (a closed port): the answer must not depend on them.
    const issuer = `http://127.0.0.1:${await freePort()}/pool`;
    const token = build().replace(
      /^([^.]+)\.([^.]+)/,
      (_whole, header: string, claims: string) =>
        `${header}.${Buffer.from(Buffer.from(claims, 'base64url').toString().replace('ISSUER', issuer)).toString('base64url')}`,
    );

    for (const args of [[token], [token, '--issuer', issuer], [token, '--json']]) {
      const result = await runCli(['inspect-token', ...args]);
      expect(result.code).toBe(INSPECT_EXIT.badSignature);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(
        /^relogin-monitor inspect-token: bad signature: (the token is not signed|alg missing)/,
      );
      expect(result.stderr).not.toContain("cannot read the issuer's keys");
    }
  });

  it.each(['HS256', 'HS384', 'HS512'])(
    'should reject a %s token as a bad signature, pinned or not, without asking for keys',
    async (alg) => {
      const issuer = `http://127.0.0.1:${await freePort()}/pool`;
      const token = await new SignJWT({ sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 60 })
        .setProtectedHeader({ alg })
        .setIssuer(issuer)
        .sign(new TextEncoder().encode('a-shared-secret-of-at-least-64-bytes-long-enough-for-hs512-too!!'));

      const unpinned = await runCli(['inspect-token', token]);
      const pinned = await runCli(['inspect-token', token, '--issuer', issuer, '--json']);

      for (const result of [unpinned, pinned]) {
        expect(result.code).toBe(INSPECT_EXIT.badSignature);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(
          `relogin-monitor inspect-token: bad signature: alg "${alg}" is a shared-secret HMAC, not a ` +
            "signature: the issuer's public keys cannot check it, and anyone holding the secret could have " +
            'made it (Cognito signs with RS256)\n',
        );
      }
    },
  );

  it('should take the current time from the clock it is given, for time left and for expiry', async () => {
    const issuedAt = Date.parse('2026-11-24T09:00:00Z') / 1000;
    const token = await signLocal({ sub: 'u-1', auth_time: issuedAt, iat: issuedAt, exp: issuedAt + 3600 });

    const during = await runCli(['inspect-token', token, '--json'], {
      clock: fixedClock('2026-11-24T09:45:00Z'),
    });
    const after = await runCli(['inspect-token', token, '--json'], {
      clock: fixedClock('2026-11-24T10:00:30Z'),
    });

    expect(during.code).toBe(0);
    expect(JSON.parse(during.stdout)).toMatchObject({ secondsLeft: 900, lifetimeSeconds: 3600 });
    expect(after.code).toBe(INSPECT_EXIT.expired);
    expect(JSON.parse(after.stdout).secondsLeft).toBe(-30);
    expect(after.stderr).toContain('token expired at 2026-11-24T10:00:00.000Z');
  });

  it('should show a time claim no date can hold as missing, not fail with "Invalid time value"', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signLocal({ sub: 'u-1', auth_time: 1e20, iat: now, exp: now + 600 });

    const result = await runCli(['inspect-token', token]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/auth_time: +-\n/);
    expect(result.stdout).toMatch(/refreshed: +unknown \(auth_time or iat missing or not a time\)/);
  });
});
