/** The real GitHub client and the gathering loop against the local fake GitHub API. */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, FIXTURE_REPO, startFakeGitHub } from '../../../local/stand-ins/fake-github';
import { GitHubRestClient, hasNextLink } from '../../../src/adapters/github/rest-client';
import { fixedClock } from '../../../src/shared/clock';
import { loadFixCatalog } from '../../../src/upstream/config';
import { buildUpstreamFindings } from '../../../src/upstream/domain/findings';
import { emptyKnowledge } from '../../../src/upstream/domain/knowledge';
import { gatherUpstreamKnowledge } from '../../../src/upstream/gather-upstream-knowledge';
import { GitHubError, GitHubRateLimitError } from '../../../src/upstream/ports/github';

let github: FakeGitHub;

afterEach(async () => {
  await github?.close();
});

function client(
  options: { token?: string; perPage?: number; timeoutMs?: number; maxBodyBytes?: number } = {},
) {
  return new GitHubRestClient({
    baseUrl: github.url,
    token: async () => options.token,
    timeoutMs: options.timeoutMs ?? 5000,
    clock: fixedClock('2026-08-22T00:00:00Z'),
    ...(options.perPage === undefined ? {} : { perPage: options.perPage }),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
}

describe('Class: GitHubRestClient', () => {
  it('should answer 304 to a matching ETag, not billed when authorized', async () => {
    github = await startFakeGitHub();
    const api = client({ token: 'ghp_x' });
    const first = await api.listReleases(FIXTURE_REPO, 1, null);
    if (first.notModified) throw new Error('expected a full answer');
    expect(first.value.releases).toHaveLength(56);
    expect(first.value.hasNext).toBe(false);

    const second = await api.listReleases(FIXTURE_REPO, 1, first.etag);
    expect(second).toEqual({ notModified: true });
    expect(github.requests.map((request) => [request.status, request.ifNoneMatch])).toEqual([
      [200, undefined],
      [304, first.etag],
    ]);
    expect(github.billed()).toBe(1);
  });

  it('should page with per_page and page and follow the Link header', async () => {
    github = await startFakeGitHub();
    const api = client({ perPage: 20 });
    const pages = [];
    for (let page = 1; ; page += 1) {
      const answer = await api.listReleases(FIXTURE_REPO, page, null);
      if (answer.notModified) throw new Error('unexpected 304');
      pages.push(answer.value.releases.map((release) => release.tagName));
      if (!answer.value.hasNext) break;
    }
    expect(pages.map((page) => page.length)).toEqual([20, 20, 16]);
    expect(pages.flat()[0]).toBe('v3.5.1');
    expect(github.requests.map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('should read only the release pages back to the earliest merge, with the same result as one big page', async () => {
    github = await startFakeGitHub();
    const refreshOnly = (await loadFixCatalog(undefined)).filter(
      (entry) => entry.id === 'argocd-oidc-refresh',
    );
    const small = await gatherUpstreamKnowledge(client({ perPage: 10 }), refreshOnly, emptyKnowledge());
    // The refresh PRs merged on 2026-07-12; page 1 already reaches v3.4.5 (2026-07-09).
    expect(
      github.requests.filter((request) => request.path.endsWith('/releases')).map((r) => r.query.get('page')),
    ).toEqual(['1']);
    github.requests.length = 0;
    const big = await gatherUpstreamKnowledge(client(), refreshOnly, emptyKnowledge());
    expect(buildUpstreamFindings(refreshOnly, small.knowledge, 'v3.3.14', 0)).toEqual(
      buildUpstreamFindings(refreshOnly, big.knowledge, 'v3.3.14', 0),
    );
  });

  it('should keep the path of a GitHub Enterprise base URL', async () => {
    github = await startFakeGitHub({ basePath: '/api/v3' });
    const answer = await client({ perPage: 50 }).listReleases(FIXTURE_REPO, 1, null);
    expect(answer.notModified === false && answer.value.hasNext).toBe(true);
    expect(github.requests.map((request) => request.path)).toEqual([
      '/api/v3/repos/argoproj/argo-cd/releases',
    ]);
  });

  it('should turn a silent GitHub into a timeout error', async () => {
    github = await startFakeGitHub();
    github.inject('silent', '/pulls/');
    await expect(client({ timeoutMs: 200 }).getPull(FIXTURE_REPO, 27777, null)).rejects.toThrow(
      new GitHubError('GitHub GET /repos/argoproj/argo-cd/pulls/27777 timed out after 200 ms'),
    );
  });

  it('should refuse to send once X-RateLimit-Remaining reached 0', async () => {
    github = await startFakeGitHub({ rateLimit: 1 });
    const api = client();
    await expect(api.getPull(FIXTURE_REPO, 27777, null)).resolves.toMatchObject({ notModified: false });
    await expect(api.getPull(FIXTURE_REPO, 28688, null)).rejects.toBeInstanceOf(GitHubRateLimitError);
    expect(github.requests).toHaveLength(1);

    // A client that has not seen the limit run out learns it from GitHub's 403.
    const refused = await client()
      .getPull(FIXTURE_REPO, 28688, null)
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(GitHubRateLimitError);
    expect((refused as GitHubRateLimitError).resetAt).toBe(Date.parse('2100-01-01T00:00:00Z'));
    expect((refused as Error).message).toContain(
      'rate limit exceeded (API rate limit exceeded for 127.0.0.1.)',
    );
    expect(github.requests.map((request) => request.status)).toEqual([200, 403]);
  });

  it('should refuse an answer larger than its cap, and read one of exactly the cap', async () => {
    github = await startFakeGitHub();
    const size = JSON.stringify(github.data.releases.slice(0, 100)).length;

    await expect(client({ maxBodyBytes: 64 * 1024 }).listReleases(FIXTURE_REPO, 1, null)).rejects.toThrow(
      new GitHubError(
        `GitHub GET /repos/argoproj/argo-cd/releases?per_page=100&page=1 failed: the answer from ${github.url}/repos/argoproj/argo-cd/releases?per_page=100&page=1 is larger than 64 KiB; not reading further`,
      ),
    );
    const exact = await client({
      maxBodyBytes: Buffer.byteLength(JSON.stringify(github.data.releases)),
    }).listReleases(FIXTURE_REPO, 1, null);
    expect(exact.notModified === false && exact.value.releases.length).toBe(56);
    expect(size).toBeGreaterThan(64 * 1024);
  });

  it('should keep the token on a same-origin redirect and name the loop it ends in', async () => {
    github = await startFakeGitHub();
    github.inject('redirect-loop', '/pulls/');

    const refused = await client({ token: 'ghp_x' })
      .getPull(FIXTURE_REPO, 27777, null)
      .catch((caught: unknown) => caught);

    expect(refused).toBeInstanceOf(GitHubError);
    expect((refused as Error).message).toMatch(
      /^GitHub GET \/repos\/argoproj\/argo-cd\/pulls\/27777 failed: redirect loop: /,
    );
    expect(github.requests.map((request) => [request.query.has('fake-loop'), request.authorization])).toEqual(
      [
        [false, 'Bearer ghp_x'],
        [true, 'Bearer ghp_x'],
      ],
    );
  });

  it('should take an X-RateLimit-Reset no date can hold as unknown, and wait an hour by its clock', async () => {
    github = await startFakeGitHub({ rateLimit: 0, rateLimitReset: '1e300' });
    const api = client();

    const refused = await api.getPull(FIXTURE_REPO, 27777, null).catch((caught: unknown) => caught);
    const next = await api.getPull(FIXTURE_REPO, 28688, null).catch((caught: unknown) => caught);

    expect(refused).toBeInstanceOf(GitHubRateLimitError);
    expect((refused as GitHubRateLimitError).resetAt).toBeNull();
    expect((refused as Error).message).toContain('its X-RateLimit-Reset "1e300" is not a time');
    // The client's clock says 2026-08-22T00:00:00Z.
    expect((next as Error).message).toBe(
      'GitHub rate limit used up until 2026-08-22T01:00:00.000Z; not sending GitHub GET /repos/argoproj/argo-cd/pulls/28688',
    );
    expect(github.requests).toHaveLength(1);
  });

  it('should parse Link headers', () => {
    expect(hasNextLink('<https://x/r?page=2>; rel="next", <https://x/r?page=3>; rel="last"')).toBe(true);
    expect(hasNextLink('<https://x/r?page=1>; rel="prev", <https://x/r?page=1>; rel="first"')).toBe(false);
    expect(hasNextLink(null)).toBe(false);
  });
});

describe('Function: gatherUpstreamKnowledge', () => {
  it('should stop at the rate limit with what it learnt, and finish on the next run without asking again', async () => {
    github = await startFakeGitHub({ rateLimit: 7 });
    const catalog = await loadFixCatalog(undefined);

    const first = await gatherUpstreamKnowledge(client(), catalog, emptyKnowledge());
    expect(first.complete).toBe(false);
    expect(github.requests).toHaveLength(7);
    const askedFirst = github.requests.map((request) => request.path);

    github.resetRateLimit(60);
    github.requests.length = 0;
    // A new Lambda run: a fresh client (its rate-limit memory says nothing about the new window).
    const second = await gatherUpstreamKnowledge(client(), catalog, first.knowledge);
    expect(second.complete).toBe(true);
    const askedSecond = github.requests.map((request) => request.path);
    // Merged PRs and compares already answered are never asked again; the release list is
    // re-validated with its ETag.
    const repeated = askedSecond.filter((path) => askedFirst.includes(path));
    expect(repeated).toEqual(['/repos/argoproj/argo-cd/releases']);
    expect(github.requests.find((request) => request.path.endsWith('/releases'))?.status).toBe(304);
    expect(askedFirst.length + askedSecond.length).toBe(13);

    const report = buildUpstreamFindings(catalog, second.knowledge, 'v3.3.14', 0);
    expect(report.fixes[0]).toMatchObject({ fixedIn: ['v3.4.6', 'v3.5.0'], upgradeTo: 'v3.4.6' });
  });

  it('should stop asking when one more request could outlast the deadline, keeping what it learnt for the next run', async () => {
    github = await startFakeGitHub();
    const catalog = await loadFixCatalog(undefined);
    // Time runs out after five answers: then less is left than one request may take (5 s timeout).
    const deadline = { remainingMs: () => (github.requests.length < 5 ? 60_000 : 4_000) };

    const first = await gatherUpstreamKnowledge(client(), catalog, emptyKnowledge(), deadline);
    expect(first).toMatchObject({ complete: false, stoppedBy: 'deadline', requests: 5 });
    expect(first.complete === false && first.reason).toContain('may take 5000 ms, 4000 ms left');
    expect(github.requests).toHaveLength(5);
    const askedFirst = github.requests.map((request) => request.path);

    github.requests.length = 0;
    const second = await gatherUpstreamKnowledge(client(), catalog, first.knowledge);
    expect(second.complete).toBe(true);
    const repeated = github.requests
      .map((request) => request.path)
      .filter((path) => askedFirst.includes(path));
    expect(repeated).toEqual(['/repos/argoproj/argo-cd/releases']);
    expect(askedFirst.length + github.requests.length).toBe(13);
  });

  it('should ask only the changing facts again on a later run: open PRs and the release list, with ETags', async () => {
    github = await startFakeGitHub();
    const catalog = [
      ...(await loadFixCatalog(undefined)),
      { id: 'jwt', repo: FIXTURE_REPO, title: 'JWT checks', pulls: [15004] },
    ];
    const first = await gatherUpstreamKnowledge(client(), catalog, emptyKnowledge());
    github.requests.length = 0;
    const second = await gatherUpstreamKnowledge(client({ token: 'ghp_x' }), catalog, first.knowledge);
    expect(second.complete).toBe(true);
    expect(github.requests.map((request) => [request.path, request.status])).toEqual([
      ['/repos/argoproj/argo-cd/pulls/15004', 304],
      ['/repos/argoproj/argo-cd/releases', 304],
    ]);
    expect(github.billed()).toBe(13);
  });

  it('should propagate a 5xx as GitHubError, leaving the caller to keep its stored knowledge', async () => {
    github = await startFakeGitHub();
    github.inject('server-error', '/pulls/');
    await expect(
      gatherUpstreamKnowledge(client(), await loadFixCatalog(undefined), emptyKnowledge()),
    ).rejects.toThrow(/pulls\/27777 failed: HTTP 502/);
  });
});
