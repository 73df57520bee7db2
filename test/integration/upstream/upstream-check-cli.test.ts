/** `relogin-monitor upstream-check` end to end: the real GitHub client against the local fake GitHub API. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeArgoCd } from '../../../local/stand-ins/fake-argocd';
import { type FakeGitHub, startFakeGitHub } from '../../../local/stand-ins/fake-github';
import { startFakeSsm } from '../../../local/stand-ins/fake-ssm';
import { freePort } from '../../../local/stand-ins/ports';
import { fixedClock } from '../../../src/shared/clock';
import { runBin, runCli } from '../../support/cli';
import { englishRuns } from '../../support/english-prose';
import { terminalControls } from '../../support/terminal';

const REFRESH_FIX = {
  id: 'argocd-oidc-refresh',
  merged: true,
  fixedIn: ['v3.4.6', 'v3.5.0'],
  fixedInPrerelease: ['v3.5.0-rc3'],
};

let github: FakeGitHub;
let dir: string;

async function catalogFile(name: string, entries: unknown[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(entries));
  return path;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'upstream-check-'));
});

afterEach(async () => {
  await github?.close();
});

describe('Command: relogin-monitor upstream-check', () => {
  it('should find the refresh fix in v3.4.6 and v3.5.0 and advise v3.4.6 from v3.3.14, within the unauthenticated budget', async () => {
    github = await startFakeGitHub({ rateLimit: 60 });

    const result = await runCli(['upstream-check', '--deployed-version', 'v3.3.14', '--json'], {
      env: { GITHUB_API_URL: github.url },
    });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(output).toEqual({
      deployedVersion: 'v3.3.14',
      fixes: [
        { ...REFRESH_FIX, deployedHasFix: false, upgradeTo: 'v3.4.6' },
        {
          id: 'argocd-oidc-refresh-setting',
          merged: true,
          fixedIn: ['v3.3.0', 'v3.4.0', 'v3.5.0'],
          fixedInPrerelease: ['v3.3.0-rc1', 'v3.4.0-rc1', 'v3.5.0-rc1'],
          deployedHasFix: true,
          upgradeTo: null,
        },
      ],
    });
    expect(output.fixes[0].fixedIn.some((tag: string) => tag.startsWith('v3.3.'))).toBe(false);
    // Measured: 4 pulls + 1 release page + 7 compares.
    expect(github.billed()).toBe(12);
    expect(github.requests.every((request) => request.authorization === undefined)).toBe(true);
    expect(new Set(github.requests.map((request) => request.path.split('/')[4]))).toEqual(
      new Set(['pulls', 'releases', 'compare']),
    );
  });

  it('should say a deployed v3.5.0+abc1234 has the fix', async () => {
    github = await startFakeGitHub();
    const result = await runCli(['upstream-check', '--deployed-version', 'v3.5.0+abc1234', '--json'], {
      env: { GITHUB_API_URL: github.url },
    });
    expect(JSON.parse(result.stdout).fixes[0]).toEqual({
      ...REFRESH_FIX,
      deployedHasFix: true,
      upgradeTo: null,
    });
    expect(JSON.parse(result.stdout).deployedVersion).toBe('v3.5.0');
  });

  it('should read the deployed version from Argo CD /api/version and strip the build suffix', async () => {
    github = await startFakeGitHub();
    const argocd = await startFakeArgoCd('v3.3.14+f00ba12');
    try {
      const result = await runCli(['upstream-check', '--argocd-url', argocd.url, '--json'], {
        env: { GITHUB_API_URL: github.url },
      });
      const output = JSON.parse(result.stdout);
      expect(output.deployedVersion).toBe('v3.3.14');
      expect(output.fixes[0]).toMatchObject({ deployedHasFix: false, upgradeTo: 'v3.4.6' });
    } finally {
      await argocd.close();
    }
  });

  it('should still find v3.4.6 from a catalog entry that lists only the master PR #27777', async () => {
    github = await startFakeGitHub();
    const catalog = await catalogFile('only-master.json', [
      { id: 'refresh-master-only', repo: 'argoproj/argo-cd', title: 'refresh', pulls: [27777] },
    ]);
    const result = await runCli(
      ['upstream-check', '--catalog', catalog, '--deployed-version', '3.3.14', '--json'],
      {
        env: { GITHUB_API_URL: github.url },
      },
    );
    expect(JSON.parse(result.stdout).fixes).toEqual([
      { ...REFRESH_FIX, id: 'refresh-master-only', deployedHasFix: false, upgradeTo: 'v3.4.6' },
    ]);
  });

  it('should report the never-merged #15004 as not merged, fixed nowhere, without reading releases', async () => {
    github = await startFakeGitHub();
    const catalog = await catalogFile('unmerged.json', [
      { id: 'jwt-checks', repo: 'argoproj/argo-cd', title: 'JWT token checks', pulls: [15004] },
    ]);
    const result = await runCli(['upstream-check', '--catalog', catalog, '--json'], {
      env: { GITHUB_API_URL: github.url },
    });
    expect(JSON.parse(result.stdout)).toEqual({
      deployedVersion: null,
      fixes: [
        {
          id: 'jwt-checks',
          merged: false,
          fixedIn: [],
          fixedInPrerelease: [],
          deployedHasFix: null,
          upgradeTo: null,
        },
      ],
    });
    expect(github.requests.map((request) => request.path)).toEqual(['/repos/argoproj/argo-cd/pulls/15004']);
  });

  it('should print a readable summary without --json, sending the token when GITHUB_TOKEN is set', async () => {
    github = await startFakeGitHub();
    const result = await runCli(['upstream-check', '--deployed-version', 'v3.3.14'], {
      env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'ghp_test' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Deployed Argo CD: v3.3.14');
    expect(result.stdout).toMatch(
      /argocd-oidc-refresh: .*\n {2}merged: +yes\n {2}fixed in: +v3\.4\.6, v3\.5\.0\n {2}prereleases: +v3\.5\.0-rc3\n {2}deployed has it: no, v3\.3\.14 lacks it; upgrade to v3\.4\.6/,
    );
    expect(result.stdout).toContain('refreshTokenThreshold');
    expect(github.requests.every((request) => request.authorization === 'Bearer ghp_test')).toBe(true);
  });

  it('should print the summary in Japanese with --locale ja or LANG=ja_JP.UTF-8, and keep --json language-neutral', async () => {
    github = await startFakeGitHub();
    const env = { GITHUB_API_URL: github.url };
    const flag = await runCli(['upstream-check', '--deployed-version', 'v3.3.14', '--locale', 'ja'], { env });
    const lang = await runCli(['upstream-check', '--deployed-version', 'v3.3.14'], {
      env: { ...env, LANG: 'ja_JP.UTF-8' },
    });
    const json = await runCli(
      ['upstream-check', '--deployed-version', 'v3.3.14', '--json', '--locale', 'ja'],
      {
        env,
      },
    );

    expect(flag.code).toBe(0);
    expect(flag.stdout).toContain('デプロイ中の Argo CD: v3.3.14');
    expect(flag.stdout).toContain(
      'いいえ、v3.3.14 には含まれていません。v3.4.6 にアップグレードしてください',
    );
    expect(englishRuns(flag.stdout)).toEqual([]);
    expect(lang.stdout).toBe(flag.stdout);
    expect(JSON.parse(json.stdout).fixes[0]).toMatchObject({ deployedHasFix: false, upgradeTo: 'v3.4.6' });
  });

  it('should read the token from GITHUB_TOKEN_PARAMETER like the scheduled watch, over GITHUB_TOKEN', async () => {
    github = await startFakeGitHub();
    const ssm = await startFakeSsm();
    ssm.setSecureString('/relogin-monitor/github-token', 'ghp_from_ssm');
    // The stand-in points the SDK at itself through the process environment, as in the deployed function.
    try {
      const result = await runCli(['upstream-check', '--json'], {
        env: {
          GITHUB_API_URL: github.url,
          GITHUB_TOKEN_PARAMETER: '/relogin-monitor/github-token',
          GITHUB_TOKEN: 'ghp_ignored',
        },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(github.requests.length).toBeGreaterThan(0);
      expect(github.requests.every((request) => request.authorization === 'Bearer ghp_from_ssm')).toBe(true);
      expect(ssm.reads()).toBe(1);
    } finally {
      await ssm.close();
    }
  });

  it('should let --deployed-version and --argocd-url override ARGOCD_VERSION / ARGOCD_URL from the environment', async () => {
    github = await startFakeGitHub();
    const argocd = await startFakeArgoCd('v3.3.14+f00ba12');
    try {
      const fromEnv = await runCli(['upstream-check', '--json'], {
        env: { GITHUB_API_URL: github.url, ARGOCD_URL: argocd.url },
      });
      expect(JSON.parse(fromEnv.stdout).deployedVersion).toBe('v3.3.14');

      const flagOverUrl = await runCli(['upstream-check', '--deployed-version', 'v3.5.0', '--json'], {
        env: { GITHUB_API_URL: github.url, ARGOCD_URL: argocd.url },
      });
      expect(flagOverUrl.stderr).toBe('');
      expect(JSON.parse(flagOverUrl.stdout).deployedVersion).toBe('v3.5.0');

      const urlOverVersion = await runCli(['upstream-check', '--argocd-url', argocd.url, '--json'], {
        env: { GITHUB_API_URL: github.url, ARGOCD_VERSION: 'v3.5.0' },
      });
      expect(urlOverVersion.stderr).toBe('');
      expect(JSON.parse(urlOverVersion.stdout).deployedVersion).toBe('v3.3.14');
    } finally {
      await argocd.close();
    }
  });

  it('should stop with a clear message and exit 1 when the rate limit runs out', async () => {
    github = await startFakeGitHub({ rateLimit: 5 });
    const result = await runCli(['upstream-check', '--json'], { env: { GITHUB_API_URL: github.url } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /GitHub rate limit used up until 2100-01-01T00:00:00\.000Z after 5 requests/,
    );
    expect(result.stderr).toContain('GITHUB_TOKEN');
    // Remaining 0 was announced on the 5th answer: no 6th request was sent.
    expect(github.requests).toHaveLength(5);
  });

  it('should fail clearly on a GitHub 5xx and on malformed JSON', async () => {
    github = await startFakeGitHub();
    github.inject('server-error', '/compare/');
    const failed = await runCli(['upstream-check'], { env: { GITHUB_API_URL: github.url } });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /GitHub GET \/repos\/argoproj\/argo-cd\/compare\/\S+ failed: HTTP 502 \(Server Error\)/,
    );

    github.inject('malformed', '/releases');
    const malformed = await runCli(['upstream-check'], { env: { GITHUB_API_URL: github.url } });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(
      /GitHub GET \/repos\/argoproj\/argo-cd\/releases\S* returned malformed JSON/,
    );
  });

  it('should word the rate-limit stop by whether a token was sent: a token only when none is set', async () => {
    github = await startFakeGitHub({ rateLimit: 5 });
    const without = await runCli(['upstream-check'], { env: { GITHUB_API_URL: github.url } });
    github.resetRateLimit(5);
    const withToken = await runCli(['upstream-check'], {
      env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'ghp_rate_limited_token' },
    });

    expect(without.code).toBe(1);
    expect(without.stderr).toContain(
      'No token is set, and GitHub allows 60 requests an hour without one: set GITHUB_TOKEN or ' +
        'GITHUB_TOKEN_PARAMETER for 5,000.',
    );
    expect(withToken.code).toBe(1);
    expect(withToken.stderr).toMatch(
      /^relogin-monitor upstream-check: GitHub rate limit used up until 2100-01-01T00:00:00\.000Z after 5 requests/,
    );
    expect(withToken.stderr).toContain(
      "The token from GITHUB_TOKEN was sent with every request, so this is that token's own limit: run " +
        "again after the reset, or look for what else spends the same account's requests.",
    );
    expect(withToken.stderr).not.toMatch(/set GITHUB_TOKEN/i);
    expect(withToken.stderr).not.toContain('ghp_rate_limited_token');
  });

  it.each([
    ['99999999999999999999', 'beyond any date'],
    ['soon', 'not a number'],
  ])('should handle an X-RateLimit-Reset of %j (%s) without "Invalid time value"', async (reset) => {
    github = await startFakeGitHub({ rateLimit: 0, rateLimitReset: reset });

    const refused = await runCli(['upstream-check'], { env: { GITHUB_API_URL: github.url } });
    // A run that has learnt the limit from Remaining 0 waits an hour from the clock's now.
    github.resetRateLimit(1);
    const announced = await runCli(['upstream-check'], {
      env: { GITHUB_API_URL: github.url },
      clock: fixedClock('2026-12-01T20:00:00Z'),
    });

    expect(refused.code).toBe(1);
    expect(refused.stderr).not.toContain('Invalid time value');
    expect(refused.stderr).toContain(
      `refused: rate limit exceeded (API rate limit exceeded for 127.0.0.1.); its X-RateLimit-Reset "${reset}" is not a time`,
    );
    expect(refused.stderr).toMatch(
      /^relogin-monitor upstream-check: GitHub rate limit used up after \d+ requests/,
    );
    expect(announced.code).toBe(1);
    expect(announced.stderr).toMatch(
      /GitHub rate limit used up until 2026-12-01T21:00:00\.000Z after 1 requests/,
    );
  });

  it('should name a redirect loop instead of a bare "fetch failed"', async () => {
    github = await startFakeGitHub();
    github.inject('redirect-loop', '/pulls/');

    const result = await runCli(['upstream-check'], { env: { GITHUB_API_URL: github.url } });

    expect(result.code).toBe(1);
    const pull = `${github.url}/repos/argoproj/argo-cd/pulls/27777`;
    expect(result.stderr).toBe(
      'relogin-monitor upstream-check: GitHub GET /repos/argoproj/argo-cd/pulls/27777 failed: redirect ' +
        `loop: ${pull} → ${pull}?fake-loop=1 → ${pull}\n`,
    );
  });

  it('should stop reading an answer past the size cap with a clear error, streaming it rather than buffering it whole', async () => {
    github = await startFakeGitHub();
    // The body never ends: only a client that counts while it reads can return.
    github.inject('endless-body', '/pulls/');

    const result = await runCli(['upstream-check'], { env: { GITHUB_API_URL: github.url } });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'relogin-monitor upstream-check: GitHub GET /repos/argoproj/argo-cd/pulls/27777 failed: the answer ' +
        `from ${github.url}/repos/argoproj/argo-cd/pulls/27777 is larger than 16 MiB; not reading further\n`,
    );
  });

  it.each([
    ['a GitHub-shaped token', `ghp_${'Z9'.repeat(18)}`],
    ['an Enterprise token of any shape', 'enterprise/secret+value=1'],
  ])(
    'should never print %s, even when the server echoes it and its Authorization header',
    async (_, token) => {
      github = await startFakeGitHub();
      github.inject('echo-authorization', '/pulls/');

      const result = await runCli(['upstream-check'], {
        env: { GITHUB_API_URL: github.url, GITHUB_TOKEN: token },
      });

      expect(github.requests[0]?.authorization).toBe(`Bearer ${token}`);
      expect(result.code).toBe(1);
      expect(result.stderr).not.toContain(token);
      expect(result.stderr).not.toContain(encodeURIComponent(token));
      expect(result.stderr).toBe(
        'relogin-monitor upstream-check: GitHub GET /repos/argoproj/argo-cd/pulls/27777 failed: HTTP 401 ' +
          '(Bad credentials: got Authorization: Bearer [redacted]; token=[redacted]; again [redacted])\n',
      );
    },
  );

  it('should not send the token to another origin a redirect points at', async () => {
    github = await startFakeGitHub();
    const elsewhere = await startFakeGitHub();
    try {
      // GitHub's base URL answers every path with a redirect to the other server.
      const redirecting = await startRedirector(elsewhere.url);
      try {
        const result = await runCli(['upstream-check', '--json'], {
          env: { GITHUB_API_URL: redirecting.url, GITHUB_TOKEN: 'ghp_must_stay_home_1234' },
        });
        expect(result.code).toBe(0);
        expect(elsewhere.requests.length).toBeGreaterThan(0);
        expect(elsewhere.requests.every((request) => request.authorization === undefined)).toBe(true);
        expect(redirecting.authorizations.every((value) => value === 'Bearer ghp_must_stay_home_1234')).toBe(
          true,
        );
      } finally {
        await redirecting.close();
      }
    } finally {
      await elsewhere.close();
    }
  });

  describe('reading the deployed version from Argo CD', () => {
    it.each([
      [
        'login-page',
        (url: string) =>
          `GET ${url}/api/version answered something that is not JSON: "<!DOCTYPE html>\\n<html><title>Sign in</title><body>\\u001b[2J please log in</body></html>"`,
      ],
      [
        'redirect-loop',
        (url: string) =>
          `cannot read the Argo CD version from ${url}/api/version: redirect loop: ${url}/api/version → ${url}/api/version?hop=1 → ${url}/api/version`,
      ],
      [
        'endless-body',
        (url: string) =>
          `cannot read the Argo CD version from ${url}/api/version: the answer from ${url}/api/version is larger than 64 KiB; not reading further`,
      ],
    ] as const)('should fail clearly, one printable line, on a %s answer', async (answer, message) => {
      const argocd = await startFakeArgoCd('v3.4.6');
      argocd.answer = answer;
      try {
        // GitHub is never asked: the deployed version is read first.
        const result = await runCli(['upstream-check', '--argocd-url', argocd.url], {
          env: { GITHUB_API_URL: `http://127.0.0.1:${await freePort()}` },
        });
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toBe(`relogin-monitor upstream-check: ${message(argocd.url)}\n`);
        expect(terminalControls(result.stderr)).toEqual([]);
      } finally {
        await argocd.close();
      }
    });

    it('should quote an unusable Version escaped and cut short', async () => {
      const argocd = await startFakeArgoCd(`v3\n${'9'.repeat(300)}`);
      try {
        const result = await runCli(['upstream-check', '--argocd-url', argocd.url], {
          env: { GITHUB_API_URL: `http://127.0.0.1:${await freePort()}` },
        });
        expect(result.code).toBe(1);
        // The raw answer, its backslash doubled, and no more than 120 characters of it.
        expect(result.stderr).toContain(`did not answer {"Version": "<semver>"}: "{"Version":"v3\\\\n999`);
        expect(result.stderr).toMatch(/9… \(\d+ more characters\)"\n$/);
      } finally {
        await argocd.close();
      }
    });
  });

  it.each([
    [
      ['--deployed-version', 'v3', '--json'],
      /upstream-check: --deployed-version must be a version like v3\.4\.6, got "v3"/,
    ],
    [
      ['--deployed-version', 'v3.4.6', '--argocd-url', 'http://x'],
      /give --deployed-version or --argocd-url, not both/,
    ],
    [
      ['--catalog', '/nonexistent/catalog.json'],
      /configuration: --catalog: cannot read \/nonexistent\/catalog\.json: ENOENT/,
    ],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('should refuse %j with exit 2', async (args, message) => {
    const result = await runCli(['upstream-check', ...args], {
      env: { GITHUB_API_URL: 'http://127.0.0.1:9' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('should run as the installed bin, reading GITHUB_API_URL and FIX_CATALOG from the environment', async () => {
    github = await startFakeGitHub();
    const catalog = await catalogFile('bin.json', [
      { id: 'refresh', repo: 'argoproj/argo-cd', title: 'refresh', pulls: [27777, 28688, 28689] },
    ]);
    const result = await runBin(['upstream-check', '--json'], {
      GITHUB_API_URL: github.url,
      FIX_CATALOG: catalog,
      ARGOCD_VERSION: 'v3.4.7',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).fixes[0]).toEqual({
      ...REFRESH_FIX,
      id: 'refresh',
      deployedHasFix: true,
      upgradeTo: null,
    });
  });
});

afterAll(async () => {
  await github?.close();
});

/** A base URL that redirects every request, path and query kept, to `target`; it records what it was sent. */
async function startRedirector(target: string) {
  const authorizations: (string | undefined)[] = [];
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    response.writeHead(301, { location: `${target}${request.url}` }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
