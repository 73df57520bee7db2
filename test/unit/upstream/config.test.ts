import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/shared/config/env';
import {
  loadFixCatalog,
  readDeployedVersionSettings,
  readFixCatalog,
  readGitHubSettings,
} from '../../../src/upstream/config';

describe('Module: upstream settings', () => {
  it('should default to the public GitHub API with no token and a 10 s timeout', () => {
    expect(readGitHubSettings({})).toEqual({ apiUrl: 'https://api.github.com', timeoutMs: 10_000 });
    expect(readGitHubSettings({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }).apiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
  });

  it.each([
    [{ GITHUB_API_URL: 'api.github.com' }, 'GITHUB_API_URL must be an http(s) URL, got "api.github.com"'],
    [{ GITHUB_API_URL: 'ftp://x' }, 'GITHUB_API_URL must be an http(s) URL, got "ftp://x"'],
    [{ GITHUB_TIMEOUT_MS: '0' }, 'GITHUB_TIMEOUT_MS must be a positive number, got "0"'],
  ])('should refuse %j', (env, message) => {
    expect(() => readGitHubSettings(env)).toThrow(new ConfigError(message));
  });

  it('should take the deployed version fixed, from Argo CD, or not at all, never both', () => {
    expect(readDeployedVersionSettings({ ARGOCD_VERSION: 'v3.5.0+abc1234' })).toEqual({
      kind: 'fixed',
      version: 'v3.5.0',
    });
    expect(readDeployedVersionSettings({ ARGOCD_URL: 'https://argocd.example.com/' })).toEqual({
      kind: 'argocd',
      url: 'https://argocd.example.com',
      timeoutMs: 5000,
    });
    expect(readDeployedVersionSettings({ ARGOCD_URL: '', ARGOCD_VERSION: ' ' })).toEqual({ kind: 'unknown' });
    expect(() => readDeployedVersionSettings({ ARGOCD_URL: 'https://a', ARGOCD_VERSION: 'v3.4.6' })).toThrow(
      'set ARGOCD_VERSION or ARGOCD_URL, not both',
    );
    expect(() => readDeployedVersionSettings({ ARGOCD_VERSION: 'latest' })).toThrow(
      'ARGOCD_VERSION must be a version like v3.4.6, got "latest"',
    );
  });

  it('should load the bundled catalog, or a replacement file with errors naming the setting and the file', async () => {
    expect((await loadFixCatalog(undefined)).map((entry) => entry.id)).toEqual([
      'argocd-oidc-refresh',
      'argocd-oidc-refresh-setting',
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '[{"id": ');
    await expect(loadFixCatalog(broken)).rejects.toThrow(
      new RegExp(`^FIX_CATALOG: ${broken} is not valid JSON`),
    );
    const invalid = join(dir, 'invalid.json');
    await writeFile(invalid, JSON.stringify([{ id: 'x', repo: 'a/b', title: 't', pulls: [] }]));
    await expect(loadFixCatalog(invalid, '--catalog')).rejects.toThrow(
      `--catalog: ${invalid}: entry 1 ("x"): pulls must be a non-empty array of PR numbers, each listed once, got []`,
    );
  });

  it('should read the catalog FIX_CATALOG names, else the bundled one (the watch and upstream-check alike)', async () => {
    expect((await readFixCatalog({})).map((entry) => entry.id)).toEqual([
      'argocd-oidc-refresh',
      'argocd-oidc-refresh-setting',
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'catalog-'));
    const own = join(dir, 'own.json');
    await writeFile(own, JSON.stringify([{ id: 'own', repo: 'a/b', title: 't', pulls: [1] }]));
    expect((await readFixCatalog({ FIX_CATALOG: own })).map((entry) => entry.id)).toEqual(['own']);
    await expect(readFixCatalog({ FIX_CATALOG: join(dir, 'missing.json') })).rejects.toThrow(
      /^FIX_CATALOG: cannot read .*missing\.json: ENOENT/,
    );
  });

  it('should refuse a catalog past 1 MiB without reading on (a file without end such as /dev/zero)', async () => {
    await expect(readFixCatalog({ FIX_CATALOG: '/dev/zero' })).rejects.toThrow(
      /^FIX_CATALOG: \/dev\/zero is larger than 1 MiB$/,
    );
  });
});
