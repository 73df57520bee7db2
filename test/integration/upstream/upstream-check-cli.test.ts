/** `relogin-monitor upstream-check` end to end: the real GitHub client against the local fake GitHub API. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runBin, runCli } from '../../support/cli';
import { startFakeArgoCd } from '../../support/fake-argocd';
import { type FakeGitHub, startFakeGitHub } from '../../support/fake-github';
import { startFakeSsm } from '../../support/fake-ssm';

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
