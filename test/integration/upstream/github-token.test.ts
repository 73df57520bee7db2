/** The GitHub token from an SSM SecureString (SSM JSON-protocol stand-in), sent by the real client. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, FIXTURE_REPO, startFakeGitHub } from '../../../local/stand-ins/fake-github';
import { type FakeSsm, startFakeSsm } from '../../../local/stand-ins/fake-ssm';
import { GitHubRestClient } from '../../../src/adapters/github/rest-client';
import { githubTokenProvider } from '../../../src/adapters/github/token';
import { systemClock } from '../../../src/adapters/system-clock';
import { ConfigError } from '../../../src/shared/config/env';
import { readGitHubSettings } from '../../../src/upstream/config';

let ssm: FakeSsm;
let github: FakeGitHub;

beforeAll(async () => {
  ssm = await startFakeSsm();
  github = await startFakeGitHub();
});

afterAll(async () => {
  await Promise.all([ssm.close(), github.close()]);
});

describe('Function: githubTokenProvider', () => {
  it('should send the SecureString as the bearer token, reading SSM once while cached', async () => {
    ssm.setSecureString('/relogin-monitor/github-token', 'ghp_from_ssm');
    const settings = readGitHubSettings({
      GITHUB_API_URL: github.url,
      GITHUB_TOKEN_PARAMETER: '/relogin-monitor/github-token',
      GITHUB_TOKEN: 'ghp_ignored',
    });
    const client = new GitHubRestClient({
      baseUrl: settings.apiUrl,
      token: githubTokenProvider(settings),
      timeoutMs: settings.timeoutMs,
      clock: systemClock,
    });

    await client.getPull(FIXTURE_REPO, 27777, null);
    await client.getPull(FIXTURE_REPO, 28688, null);

    expect(github.requests.map((request) => request.authorization)).toEqual([
      'Bearer ghp_from_ssm',
      'Bearer ghp_from_ssm',
    ]);
    expect(ssm.reads()).toBe(1);
  });

  it('should use GITHUB_TOKEN when no parameter is set, and nothing when neither is', async () => {
    expect(await githubTokenProvider(readGitHubSettings({ GITHUB_TOKEN: 'ghp_direct' }))()).toBe(
      'ghp_direct',
    );
    expect(await githubTokenProvider(readGitHubSettings({}))()).toBeUndefined();
  });

  it('should name a missing parameter as a configuration error', async () => {
    const refused = await githubTokenProvider(
      readGitHubSettings({ GITHUB_TOKEN_PARAMETER: '/missing/token' }),
    )().catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toBe(
      'GITHUB_TOKEN_PARAMETER: SSM parameter /missing/token does not exist',
    );
  });
});
