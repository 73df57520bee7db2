/**
 * The scheduled upstream watch over in-memory fakes of every port, on a small made-up repository: what
 * it stores, publishes and announces, and in which order. The same use case with its real wiring against
 * the argo-cd fixtures and the protocol stand-ins: test/integration/upstream/upstream-watch.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readableText } from '../../../local/stand-ins/block-kit';
import { fixedClock } from '../../../src/shared/clock';
import type { FixEntry } from '../../../src/upstream/domain/catalog';
import type { Comparison, PullRecord, ReleaseRecord } from '../../../src/upstream/domain/github-records';
import { GitHubError } from '../../../src/upstream/ports/github';
import { runUpstreamWatch, type UpstreamWatchDeps } from '../../../src/upstream/upstream-watch';
import { FakeChatPoster } from '../../support/fakes/chat-poster';
import { FakeDeployedVersionSource } from '../../support/fakes/deployed-version-source';
import { FakeGitHubApi, type FakeRepo } from '../../support/fakes/github-api';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeMetricsPublisher } from '../../support/fakes/metrics-publisher';
import { FakeNotificationLedger } from '../../support/fakes/notification-ledger';
import { Timeline } from '../../support/fakes/script';
import { FakeUpstreamFindingsStore } from '../../support/fakes/upstream-findings-store';
import { FakeUpstreamKnowledgeStore } from '../../support/fakes/upstream-knowledge-store';
import { FakeUserPoolClientReader } from '../../support/fakes/user-pool-client-reader';

const REPO = 'acme/app';
const MERGE_SHA = 'm'.repeat(40);
const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const NOW = Date.parse('2026-11-24T08:00:00Z');

const FIX: FixEntry = {
  id: 'the-fix',
  repo: REPO,
  title: 'Sessions renew with the refresh token',
  pulls: [100],
  advice: 'Set oidc.config.refreshTokenThreshold shorter than the ID-token validity.',
};

function release(tagName: string, publishedAt: string): ReleaseRecord {
  return {
    tagName,
    draft: false,
    prerelease: tagName.includes('-'),
    publishedAt: Date.parse(publishedAt),
    body: '',
  };
}

const MERGED: PullRecord = {
  number: 100,
  merged: true,
  mergedAt: Date.parse('2026-06-01T00:00:00Z'),
  mergeCommitSha: MERGE_SHA,
  baseRef: 'master',
};

/** Newest first. The fix was merged after v1.0.1 and first released in v1.1.0, then in v1.2.0. */
const RELEASES = [
  release('v1.2.0', '2026-09-01T00:00:00Z'),
  release('v1.1.0', '2026-07-01T00:00:00Z'),
  release('v1.0.2', '2026-06-15T00:00:00Z'),
  release('v1.0.1', '2026-05-01T00:00:00Z'),
  release('v1.0.0', '2026-04-01T00:00:00Z'),
];
const CONTAINING = new Set(['v1.1.0', 'v1.2.0']);

/** Every compare of the merge commit with a tag: 'ahead' when the tag contains it. */
function comparisons(tags: string[]): Record<string, Comparison> {
  return Object.fromEntries(
    tags.map((tag) => [
      `${MERGE_SHA}...${tag}`,
      { status: CONTAINING.has(tag) ? 'ahead' : 'diverged', commitMessages: [] } satisfies Comparison,
    ]),
  );
}

function setUp(options: { appClients?: boolean; deployed?: string | null; catalog?: FixEntry[] } = {}) {
  const timeline = new Timeline();
  const github = new FakeGitHubApi({ timeline }).addRepo(REPO, {
    releases: [...RELEASES],
    pulls: [MERGED],
    comparisons: comparisons(RELEASES.map((item) => item.tagName)),
  });
  const fakes = {
    github,
    knowledgeStore: new FakeUpstreamKnowledgeStore(timeline),
    reportStore: new FakeUpstreamFindingsStore({ timeline }),
    deployedVersion: new FakeDeployedVersionSource(
      options.deployed === undefined ? 'v1.0.1' : options.deployed,
      timeline,
    ),
    ledger: new FakeNotificationLedger(timeline),
    chat: new FakeChatPoster({ channel: 'C0UPSTREAM', timeline }),
    metrics: new FakeMetricsPublisher(timeline),
    userPoolClients: new FakeUserPoolClientReader(timeline).add(POOL, CLIENT, {
      idTokenMinutes: 60,
      accessTokenMinutes: 60,
      refreshTokenMinutes: 43_200,
    }),
    logger: new RecordingLogger(),
  };
  const clock = fixedClock(new Date(NOW));
  const deps: UpstreamWatchDeps = {
    ...fakes,
    notify: { ledger: fakes.ledger, chat: fakes.chat },
    clock,
    settings: {
      catalog: options.catalog ?? [FIX],
      metricsNamespace: 'Test/Upstream',
      ...(options.appClients === true ? { appClients: { userPoolId: POOL, clientIds: [CLIENT] } } : {}),
    },
  };
  return { ...fakes, timeline, clock, deps, run: () => runUpstreamWatch(deps) };
}

/** The ledger key of the fix's message and thread. */
const FIX_KEY = `upstream-fix#${FIX.id}`;

/** Each delivered message's headline (its plain-text fallback up to the deployed version). */
function headlines(chat: FakeChatPoster): string[] {
  return chat.texts().map((text) => text.split('. Deployed: ')[0] ?? text);
}

const FIRST_HEADLINE = `acme/app released the fix "${FIX.title}" (the-fix) in v1.1.0, v1.2.0`;

describe('Use case: runUpstreamWatch (in-memory fakes)', () => {
  it('should store the progress and the report, publish the metrics, then announce the fix once with every fixed line', async () => {
    // Prepare
    const fakes = setUp();

    // Act
    const result = await fakes.run();

    // Assess
    expect(result).toMatchObject({
      outcome: 'complete',
      announced: ['the-fix v1.1.0, v1.2.0'],
      failedAnnouncements: 0,
    });
    expect(fakes.reportStore.saved).toEqual([
      {
        deployedVersion: 'v1.0.1',
        checkedAt: NOW,
        fixes: [
          expect.objectContaining({
            id: 'the-fix',
            fixedIn: ['v1.1.0', 'v1.2.0'],
            deployedHasFix: false,
            upgradeTo: 'v1.1.0',
          }),
        ],
      },
    ]);
    expect(fakes.knowledgeStore.saved).toHaveLength(1);
    expect(fakes.metrics.requests).toEqual([
      {
        namespace: 'Test/Upstream',
        data: [
          {
            name: 'UpstreamFixReleased',
            value: 1,
            unit: 'None',
            dimensions: { FixId: 'the-fix' },
            timestamp: NOW,
          },
          {
            name: 'DeployedHasFix',
            value: 0,
            unit: 'None',
            dimensions: { FixId: 'the-fix' },
            timestamp: NOW,
          },
        ],
      },
    ]);
    expect(headlines(fakes.chat)).toEqual([FIRST_HEADLINE]);
    expect(fakes.chat.delivered[0]?.thread).toBeUndefined();
    const text = readableText(fakes.chat.delivered[0]?.blocks ?? []);
    expect(text).toContain('*Fixed in (first release per line)*\nv1.1.0, v1.2.0');
    expect(text).toContain('v1.0.1 does not have the fix');
    expect(text).toMatch(/Smallest upgrade that has it\*?\s+v1\.1\.0/);
    // Order of work: state saved, then metrics, then the announcements.
    const { entries } = fakes.timeline;
    expect(entries.indexOf('knowledgeStore.save')).toBeLessThan(entries.indexOf('reportStore.save'));
    expect(entries.indexOf('reportStore.save')).toBeLessThan(entries.indexOf('metrics.publish'));
    expect(entries.indexOf('metrics.publish')).toBeLessThan(entries.indexOf('chat.post'));
    expect(entries.filter((entry) => entry === 'chat.post')).toHaveLength(1);
    // Recorded once Slack accepted it, with the message's ts as the thread of later updates.
    expect(fakes.ledger.entry(FIX_KEY)?.state).toEqual({
      threadTs: '1700000000.000001',
      fixedIn: ['v1.1.0', 'v1.2.0'],
      deployedVersion: 'v1.0.1',
      deployedHasFix: false,
      upgradeTo: 'v1.1.0',
    });
  });

  it('should post nothing on the next run, revalidating what it knows with ETags', async () => {
    // Prepare
    const fakes = setUp();
    await fakes.run();
    const asked = fakes.github.calls.length;

    // Act
    const second = await fakes.run();

    // Assess
    expect(second).toMatchObject({ outcome: 'complete', announced: [], failedAnnouncements: 0 });
    expect(fakes.chat.delivered).toHaveLength(1);
    expect(fakes.chat.calls).toHaveLength(1);
    const again = fakes.github.calls.slice(asked);
    expect(again.map((call) => call.operation)).toEqual(['listReleases']);
    expect(again[0]?.args[2]).toEqual(expect.stringMatching(/^".+"$/));
  });

  it("should post a new release carrying the fix on a later run in the fix's thread, and only that", async () => {
    // Prepare
    const fakes = setUp();
    await fakes.run();
    const repo = fakes.github.repos.get(REPO) as FakeRepo;
    repo.releases.unshift(release('v1.3.0', '2026-11-01T00:00:00Z'));
    repo.comparisons[`${MERGE_SHA}...v1.3.0`] = { status: 'ahead', commitMessages: [] };

    // Act
    const result = await fakes.run();

    // Assess
    expect(result).toMatchObject({
      outcome: 'complete',
      announced: ['the-fix v1.3.0'],
      failedAnnouncements: 0,
    });
    expect(headlines(fakes.chat)).toEqual([
      FIRST_HEADLINE,
      `acme/app: the fix "${FIX.title}" (the-fix): now also in v1.3.0`,
    ]);
    const [first, update] = fakes.chat.delivered;
    expect(first?.thread).toBeUndefined();
    // A new line that leaves the answer for v1.0.1 as it was (upgrade to v1.1.0): the thread only.
    expect(update?.thread).toEqual({ parentTs: '1700000000.000001', broadcast: false });
    const text = readableText(update?.blocks ?? []);
    expect(text).toContain('Upstream fix update: the-fix');
    expect(text).toContain('*Fixed in (first release per line)*\nv1.1.0, v1.2.0, v1.3.0');
    expect(text).toMatch(/Smallest upgrade that has it\*?\s+v1\.1\.0/);
    expect(fakes.ledger.entry(FIX_KEY)?.state).toMatchObject({
      threadTs: '1700000000.000001',
      fixedIn: ['v1.1.0', 'v1.2.0', 'v1.3.0'],
    });
  });

  it("should post in the fix's thread when the deployed version changes the answer, and not when it is unknown", async () => {
    // Prepare: the first message, for v1.0.1.
    const fakes = setUp();
    await fakes.run();

    // Act: Argo CD upgraded to a fixed release; then a run that cannot ask it; then one on the same version.
    fakes.deployedVersion.version = 'v1.1.0';
    const upgraded = await fakes.run();
    fakes.deployedVersion.script.failNext('current', new Error('connect ECONNREFUSED'));
    const unknown = await fakes.run();
    const same = await fakes.run();

    // Assess
    expect(upgraded).toMatchObject({ announced: ['the-fix deployed v1.1.0'], failedAnnouncements: 0 });
    expect(unknown).toMatchObject({ outcome: 'complete', announced: [] });
    expect(same).toMatchObject({ outcome: 'complete', announced: [] });
    expect(fakes.chat.delivered).toHaveLength(2);
    const update = fakes.chat.delivered[1];
    // The answer for the deployed Argo CD changed: shown in the channel too.
    expect(update?.thread).toEqual({ parentTs: '1700000000.000001', broadcast: true });
    const text = readableText(update?.blocks ?? []);
    expect(text).toContain('deployed Argo CD is now v1.1.0 (was v1.0.1)');
    expect(text).toContain('*Deployed Argo CD*\nv1.1.0 has the fix');
    expect(text).toMatch(/Smallest upgrade that has it\*?\s+none needed/);
    expect(fakes.ledger.entry(FIX_KEY)?.state).toEqual({
      threadTs: '1700000000.000001',
      fixedIn: ['v1.1.0', 'v1.2.0'],
      deployedVersion: 'v1.1.0',
      deployedHasFix: true,
      upgradeTo: null,
    });
  });

  it('should show a prerequisite inside the fix it leads to, never announce it alone', async () => {
    // Prepare: the setting the fix builds on, merged before v1.0.1 and in every release since.
    const settingSha = 's'.repeat(40);
    const setting: FixEntry = {
      id: 'the-setting',
      repo: REPO,
      title: 'The refresh threshold setting',
      pulls: [90],
      prerequisiteOf: FIX.id,
    };
    const fakes = setUp({ catalog: [FIX, setting] });
    const repo = fakes.github.repos.get(REPO) as FakeRepo;
    repo.pulls.push({
      ...MERGED,
      number: 90,
      mergedAt: Date.parse('2026-04-15T00:00:00Z'),
      mergeCommitSha: settingSha,
    });
    for (const { tagName } of RELEASES) {
      const status = tagName === 'v1.0.0' ? 'diverged' : 'ahead';
      repo.comparisons[`${settingSha}...${tagName}`] = { status, commitMessages: [] };
    }

    // Act
    const result = await fakes.run();
    const next = await fakes.run();

    // Assess
    expect(result).toMatchObject({ outcome: 'complete', announced: ['the-fix v1.1.0, v1.2.0'] });
    expect(next).toMatchObject({ outcome: 'complete', announced: [] });
    expect(fakes.chat.delivered).toHaveLength(1);
    expect(readableText(fakes.chat.delivered[0]?.blocks ?? [])).toContain(
      'Builds on the-setting (acme/app #90, first in v1.0.1, v1.1.0, v1.2.0): The refresh threshold setting.',
    );
    expect(fakes.chat.texts().some((text) => text.includes('(the-setting)'))).toBe(false);
    expect(fakes.ledger.entry('upstream-fix#the-setting')).toBeUndefined();
    expect(fakes.metrics.values('UpstreamFixReleased')).toEqual([1, 1, 1, 1]);
  });

  it('should leave every stored item as it was when GitHub fails, and publish and post nothing', async () => {
    // Prepare
    const fakes = setUp();
    fakes.github.script.failNext(
      'getPull',
      new GitHubError('GitHub GET /repos/acme/app/pulls/100 failed: HTTP 502'),
    );

    // Act
    const result = await fakes.run();

    // Assess
    expect(result).toEqual({ outcome: 'github-failed' });
    expect(fakes.knowledgeStore.saved).toEqual([]);
    expect(fakes.reportStore.saved).toEqual([]);
    expect(fakes.metrics.calls).toEqual([]);
    expect(fakes.chat.calls).toEqual([]);
    expect(fakes.logger.messages('ERROR')).toEqual([
      'GitHub check failed; stored state left untouched, the next run tries again',
    ]);
  });

  it('should keep its progress when the rate limit runs out, report nothing, and finish on the next run', async () => {
    // Prepare: two requests allowed (the pull and the release page), then the limit is used up.
    const fakes = setUp();
    fakes.github.remaining = 2;
    fakes.github.resetAt = NOW + 3_600_000;

    // Act
    const limited = await fakes.run();
    const whileLimited = { posts: fakes.chat.calls.length, publishes: fakes.metrics.calls.length };
    fakes.github.remaining = Number.POSITIVE_INFINITY;
    const asked = fakes.github.calls.length;
    const finished = await fakes.run();

    // Assess
    expect(limited).toEqual({ outcome: 'rate-limited', resetAt: NOW + 3_600_000 });
    expect(fakes.knowledgeStore.saved).toHaveLength(2);
    expect(fakes.reportStore.saved).toHaveLength(1);
    expect(fakes.logger.messages('WARN')).toContain(
      'GitHub rate limit used up; progress kept, the next run continues',
    );
    expect(whileLimited).toEqual({ posts: 0, publishes: 0 });
    expect(finished).toMatchObject({ outcome: 'complete', announced: ['the-fix v1.1.0, v1.2.0'] });
    expect(fakes.chat.calls).toHaveLength(1);
    expect(headlines(fakes.chat)).toEqual([FIRST_HEADLINE]);
    // The merged pull never changes: the next run did not ask for it again.
    expect(fakes.github.calls.slice(asked).map((call) => call.operation)).not.toContain('getPull');
  });

  it('should lose no announcement when a post fails, count it after the metrics, and double none', async () => {
    // Prepare
    const fakes = setUp();
    fakes.chat.script.failNext('post', new Error('internal_error'));

    // Act
    const first = await fakes.run();
    const afterFailure = {
      recorded: fakes.ledger.entry(FIX_KEY),
      entries: [...fakes.timeline.entries],
    };
    const second = await fakes.run();
    const third = await fakes.run();

    // Assess
    expect(first).toMatchObject({ outcome: 'complete', announced: [], failedAnnouncements: 1 });
    expect(second).toMatchObject({
      outcome: 'complete',
      announced: ['the-fix v1.1.0, v1.2.0'],
      failedAnnouncements: 0,
    });
    expect(third).toMatchObject({ outcome: 'complete', announced: [], failedAnnouncements: 0 });
    // Nothing recorded for the refused post (its lease released): the next run decided again.
    expect(afterFailure.recorded).toMatchObject({ state: null, version: 0, lease: null });
    expect(fakes.chat.calls).toHaveLength(2);
    expect(headlines(fakes.chat)).toEqual([FIRST_HEADLINE]);
    expect(fakes.chat.delivered[0]?.thread).toBeUndefined();
    // The gauges before the post, its failure after it.
    const { entries } = afterFailure;
    expect(entries.indexOf('metrics.publish')).toBeLessThan(entries.indexOf('chat.post'));
    expect(entries.lastIndexOf('metrics.publish')).toBeGreaterThan(entries.indexOf('chat.post'));
    expect(fakes.metrics.requests[1]).toEqual({
      namespace: 'Test/Upstream',
      data: [
        { name: 'AlertFailures', value: 1, unit: 'Count', dimensions: { FixId: 'the-fix' }, timestamp: NOW },
      ],
    });
    expect(fakes.metrics.values('AlertFailures')).toEqual([1]);
    expect(fakes.logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'could not send the fixed-release announcement; the next run retries',
        fixId: 'the-fix',
        fixedIn: ['v1.1.0', 'v1.2.0'],
      }),
    );
  });

  it('should still report and announce when the deployed version cannot be read, with it unknown', async () => {
    // Prepare
    const fakes = setUp();
    fakes.deployedVersion.script.failNext('current', new Error('connect ECONNREFUSED'));

    // Act
    const result = await fakes.run();

    // Assess
    expect(result).toMatchObject({ outcome: 'complete', announced: ['the-fix v1.1.0, v1.2.0'] });
    expect(fakes.chat.delivered).toHaveLength(1);
    expect(fakes.reportStore.saved[0]?.deployedVersion).toBeNull();
    expect(fakes.metrics.data().map((datum) => datum.name)).toEqual(['UpstreamFixReleased']);
    expect(readableText(fakes.chat.delivered[0]?.blocks ?? [])).toContain(
      'unknown (set ARGOCD_URL or ARGOCD_VERSION)',
    );
    expect(fakes.logger.messages('WARN')).toEqual(['deployed Argo CD version unknown for this run']);
  });

  it('should say a deployed release with the fix has it and needs no upgrade', async () => {
    // Prepare
    const fakes = setUp({ deployed: 'v1.2.0' });

    // Act
    await fakes.run();

    // Assess
    expect(fakes.metrics.values('DeployedHasFix')).toEqual([1]);
    expect(readableText(fakes.chat.delivered[0]?.blocks ?? [])).toMatch(
      /Smallest upgrade that has it\*?\s+none needed/,
    );
  });

  describe('what to set, from the Argo CD app client', () => {
    it("should quote the client's ID-token validity when the app clients are configured", async () => {
      // Prepare
      const fakes = setUp({ appClients: true });

      // Act
      await fakes.run();

      // Assess
      expect(fakes.userPoolClients.argsOf('tokenValidity')).toEqual([[POOL, CLIENT]]);
      expect(readableText(fakes.chat.delivered[0]?.blocks ?? [])).toContain(
        'For your pool, to refresh sessions before they expire too (recommended, not required: the fixed releases ' +
          `refresh expired sessions without it): set oidc.config.refreshTokenThreshold shorter than the 1 h ID-token validity of app client ${CLIENT} (for example 15m).`,
      );
    });

    it('should fall back to the generic wording with a warning when the client cannot be read', async () => {
      // Prepare
      const fakes = setUp({ appClients: true });
      fakes.userPoolClients.script.failNext('tokenValidity', new Error('AccessDeniedException'));

      // Act
      const result = await fakes.run();

      // Assess
      expect(result).toMatchObject({ outcome: 'complete', failedAnnouncements: 0 });
      const text = readableText(fakes.chat.delivered[0]?.blocks ?? []);
      expect(text).not.toContain('For your pool');
      expect(text).toContain(FIX.advice);
      expect(fakes.logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'WARN',
          message:
            "cannot read the app client's ID-token validity; the announcement gives the generic advice",
          clientId: CLIENT,
        }),
      );
    });

    it('should not ask Cognito when the app clients are not configured', async () => {
      // Prepare
      const fakes = setUp();

      // Act
      await fakes.run();

      // Assess
      expect(fakes.userPoolClients.calls).toEqual([]);
      expect(readableText(fakes.chat.delivered[0]?.blocks ?? [])).not.toContain('For your pool');
    });
  });
});
