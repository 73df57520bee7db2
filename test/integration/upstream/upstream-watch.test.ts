/**
 * The scheduled upstream watch with its real wiring (functions/upstream-watch/deps.ts) against local
 * stand-ins: DynamoDB Local, the fake GitHub API, a fake Slack Web API, a CloudWatch JSON-protocol
 * server and a fake Argo CD /api/version.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildUpstreamWatchDeps } from '../../../functions/upstream-watch/deps';
import { readableText } from '../../../local/stand-ins/block-kit';
import { captureOutput } from '../../../local/stand-ins/emf';
import { type FakeArgoCd, startFakeArgoCd } from '../../../local/stand-ins/fake-argocd';
import { type FakeCloudWatch, startFakeCloudWatch } from '../../../local/stand-ins/fake-cloudwatch';
import { type FakeCognito, startFakeCognito } from '../../../local/stand-ins/fake-cognito';
import { type FakeGitHub, startFakeGitHub } from '../../../local/stand-ins/fake-github';
import { type FakeSlack, startFakeSlack } from '../../../local/stand-ins/fake-slack';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { freePort } from '../../../local/stand-ins/ports';
import { createDocumentClient } from '../../../src/adapters/dynamodb/client';
import { DynamoUpstreamFindingsStore } from '../../../src/adapters/dynamodb/upstream-findings-store';
import { DynamoUpstreamKnowledgeStore } from '../../../src/adapters/dynamodb/upstream-knowledge-store';
import type { Deadline } from '../../../src/shared/deadline';
import { createLogger } from '../../../src/shared/telemetry';
import { runUpstreamWatch } from '../../../src/upstream/upstream-watch';
import { createTestTable } from '../../support/dynamodb';

/** The first run: one message for the refresh fix with every fixed line; its prerequisite (#23727) only inside it. */
const FIRST_RUN_ANNOUNCEMENTS = ['argocd-oidc-refresh v3.4.6, v3.5.0'];

let github: FakeGitHub;
let slack: FakeSlack;
let cloudwatch: FakeCloudWatch;
let argocd: FakeArgoCd;
let tableName: string;

beforeAll(async () => {
  cloudwatch = await startFakeCloudWatch();
  slack = await startFakeSlack();
  argocd = await startFakeArgoCd('v3.3.14+0f1e2d3');
});

afterAll(async () => {
  await Promise.all([cloudwatch.close(), slack.close(), argocd.close()]);
});

beforeEach(async () => {
  tableName = await createTestTable('upstream');
  process.env.AWS_ENDPOINT_URL_CLOUDWATCH = cloudwatch.url;
  github = await startFakeGitHub({ rateLimit: 60 });
  slack.messages.length = 0;
  argocd.version = 'v3.3.14+0f1e2d3';
});

afterEach(async () => {
  await github.close();
});

/** One scheduled run, built the way the Lambda builds it; logs captured. */
async function run(env: Record<string, string> = {}, job: { deadline?: Deadline } = {}) {
  const deps = await buildUpstreamWatchDeps(
    {
      TABLE_NAME: tableName,
      GITHUB_API_URL: github.url,
      ARGOCD_URL: argocd.url,
      SLACK_TOKEN: 'xoxb-test',
      SLACK_CHANNEL: 'C0UPSTREAM',
      SLACK_API_URL: slack.apiUrl,
      // Per table, so each test sees only its own metrics in the shared CloudWatch stand-in.
      METRICS_NAMESPACE: `Test/${tableName}`,
      ...env,
    },
    createLogger(),
  );
  const { result, output } = await captureOutput(() => runUpstreamWatch(deps, job));
  return { result, logs: output.logs };
}

function stores() {
  const client = createDocumentClient();
  return {
    report: new DynamoUpstreamFindingsStore(client, { tableName, retentionDays: 35 }),
    knowledge: new DynamoUpstreamKnowledgeStore(client, tableName),
  };
}

/** What each posted message announced: the fix and the lines it names as new ("in …", "now also in …"). */
function announced(): string[] {
  return slack.messages.map(
    (message) =>
      /fix "[^"]+" \(([^)]+)\)/.exec(message.text)?.[1] +
      ' ' +
      /(?:\) in|now also in) (v[^.;]+(?:\.\d+)*(?:, v\d+\.\d+\.\d+)*)/.exec(message.text)?.[1],
  );
}

const fixMessageText = () => readableText(slack.messages[0]?.blocks as never);

describe('Function: upstream watch (scheduled)', () => {
  it('should stop at the deadline with its progress stored and nothing announced, and finish on the next run', async () => {
    // Prepare: time runs out after four GitHub answers (less left than one 10 s request).
    const deadline = { remainingMs: () => (github.requests.length < 4 ? 60_000 : 9_000) };

    // Act
    const { result: cut, logs } = await run({}, { deadline });
    const askedBefore = github.requests.length;
    const { result: next } = await run();

    // Assess
    expect(cut).toEqual({ outcome: 'out-of-time' });
    expect(askedBefore).toBe(4);
    expect(JSON.stringify(logs)).toContain('out of time for GitHub; progress kept');
    expect(next.outcome).toBe('complete');
    expect(announced().sort()).toEqual(FIRST_RUN_ANNOUNCEMENTS);
    // The second run asked only what the first had not learnt (the release list again, with its ETag).
    expect(github.requests.length - askedBefore).toBeLessThan(13);
  });

  it('should post one message per fix on the first run, store the report and publish the metrics', async () => {
    const { result } = await run();

    expect(result.outcome).toBe('complete');
    expect(result.outcome === 'complete' && result.announced).toEqual(FIRST_RUN_ANNOUNCEMENTS);
    expect(announced()).toEqual(FIRST_RUN_ANNOUNCEMENTS);
    expect(slack.messages).toHaveLength(1);
    const [refresh] = slack.messages;
    const text = fixMessageText();
    expect(refresh?.channel).toBe('C0UPSTREAM');
    expect(refresh?.threadTs).toBeUndefined();
    expect(text).toContain('argoproj/argo-cd released the fix');
    expect(text).toContain('*Fixed in (first release per line)*\nv3.4.6, v3.5.0');
    expect(text).toContain('*Prereleases*\nv3.5.0-rc3');
    // The prerequisite, as context of the fix it leads to.
    expect(text).toContain(
      'Builds on argocd-oidc-refresh-setting (argoproj/argo-cd #23727, first in v3.3.0, v3.4.0, v3.5.0)',
    );
    expect(slack.messages.some((message) => message.text.includes('(argocd-oidc-refresh-setting)'))).toBe(
      false,
    );
    expect(text).toContain('v3.3.14 does not have the fix');
    expect(text).toMatch(/Smallest upgrade that has it\*?\s+v3\.4\.6/);
    expect(text).toContain('refreshTokenThreshold');
    expect(text).toContain('shorter than the Argo CD app client');

    const report = await stores().report.latest(Date.now());
    expect(report?.deployedVersion).toBe('v3.3.14');
    expect(
      report?.fixes.map(({ id, deployedHasFix, upgradeTo }) => ({ id, deployedHasFix, upgradeTo })),
    ).toEqual([
      { id: 'argocd-oidc-refresh', deployedHasFix: false, upgradeTo: 'v3.4.6' },
      { id: 'argocd-oidc-refresh-setting', deployedHasFix: true, upgradeTo: null },
    ]);

    const metrics = cloudwatch
      .putData()
      .filter((datum) => datum.namespace === `Test/${tableName}`)
      .map(({ name, value, dimensions }) => `${name} ${dimensions.FixId} ${value}`);
    expect(metrics.sort()).toEqual([
      'DeployedHasFix argocd-oidc-refresh 0',
      'DeployedHasFix argocd-oidc-refresh-setting 1',
      'UpstreamFixReleased argocd-oidc-refresh 1',
      'UpstreamFixReleased argocd-oidc-refresh-setting 1',
    ]);
  });

  it('should publish the metrics before a rate-limited announcement, AlertFailures after it', async () => {
    // Prepare: the post is rate-limited (1 s), then its retry fails outright.
    slack.answerNext(
      { kind: 'rate-limited', retryAfterSeconds: 1 },
      { kind: 'error', error: 'internal_error' },
    );
    const earlierAttempts = slack.attempts();
    const puts = () =>
      cloudwatch.calls.filter(
        (call) => call.operation === 'PutMetricData' && call.input.Namespace === `Test/${tableName}`,
      );
    const names = () =>
      puts().map(({ input }) =>
        (input.MetricData as { MetricName: string }[]).map((datum) => datum.MetricName).sort(),
      );

    // Act
    const running = run();
    await vi.waitFor(() => expect(slack.attempts()).toBeGreaterThan(earlierAttempts), {
      timeout: 10_000,
      interval: 5,
    });
    const whileWaiting = names();
    const { result } = await running;

    // Assess
    const gauges = ['DeployedHasFix', 'DeployedHasFix', 'UpstreamFixReleased', 'UpstreamFixReleased'];
    expect(whileWaiting).toEqual([gauges]);
    expect(result).toMatchObject({ outcome: 'complete', failedAnnouncements: 1 });
    expect(names()).toEqual([gauges, ['AlertFailures']]);
    const [gaugesPut, failuresPut] = puts();
    expect(gaugesPut?.at).toBeLessThanOrEqual(slack.attemptTimes[earlierAttempts] as number);
    expect(failuresPut?.at).toBeGreaterThanOrEqual(slack.attemptTimes.at(-1) as number);
  });

  it('should post nothing on the next run, revalidating the release list with its ETag', async () => {
    await run();
    slack.messages.length = 0;
    github.requests.length = 0;

    const { result } = await run();

    expect(result.outcome).toBe('complete');
    expect(slack.messages).toEqual([]);
    expect(github.requests.map((request) => [request.path, request.status])).toEqual([
      ['/repos/argoproj/argo-cd/releases', 304],
    ]);
  });

  it('should lose no announcement when Slack fails once, and double none', async () => {
    slack.answerNext({ kind: 'error', error: 'internal_error' });
    const first = await run();
    expect(first.result).toMatchObject({ outcome: 'complete', failedAnnouncements: 1 });
    expect(slack.messages).toHaveLength(0);
    expect(first.logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'could not send the fixed-release announcement; the next run retries',
        fixId: 'argocd-oidc-refresh',
        fixedIn: ['v3.4.6', 'v3.5.0'],
      }),
    );
    const failures = () =>
      cloudwatch
        .putData()
        .filter((datum) => datum.namespace === `Test/${tableName}` && datum.name === 'AlertFailures')
        .map(({ value, dimensions }) => `${dimensions.FixId} ${value}`);
    expect(failures()).toEqual(['argocd-oidc-refresh 1']);

    await run();
    await run();

    expect(announced().sort()).toEqual(FIRST_RUN_ANNOUNCEMENTS);
    expect(failures()).toEqual(['argocd-oidc-refresh 1']);
  });

  it('should log a Slack configuration error clearly and count it', async () => {
    slack.answerNext({ kind: 'error', error: 'not_in_channel' });

    const { result, logs } = await run();

    expect(result).toMatchObject({ outcome: 'complete', failedAnnouncements: 1 });
    expect(slack.messages).toHaveLength(0);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        slackError: 'not_in_channel',
        fixId: 'argocd-oidc-refresh',
        message: expect.stringContaining('configuration error'),
      }),
    );
    const failures = cloudwatch
      .putData()
      .filter((datum) => datum.namespace === `Test/${tableName}` && datum.name === 'AlertFailures');
    expect(failures.map(({ value, dimensions }) => [dimensions.FixId, value])).toEqual([
      ['argocd-oidc-refresh', 1],
    ]);
  });

  it('should announce on the next run a release whose post Slack refused as misconfigured, counting it once', async () => {
    slack.answerNext({ kind: 'error', error: 'channel_not_found' });
    const alertFailures = () =>
      cloudwatch
        .putData()
        .filter((datum) => datum.namespace === `Test/${tableName}` && datum.name === 'AlertFailures')
        .map(({ value, unit, dimensions }) => [dimensions.FixId, value, unit]);

    const first = await run();

    expect(first.result).toMatchObject({ outcome: 'complete', failedAnnouncements: 1 });
    const refused = first.logs.filter((line) => line.level === 'ERROR');
    expect(refused).toEqual([
      expect.objectContaining({
        message:
          'Slack refused the fixed-release announcement: configuration error, fix the set-up; the next run retries',
        slackError: 'channel_not_found',
        fixId: 'argocd-oidc-refresh',
        fixedIn: ['v3.4.6', 'v3.5.0'],
      }),
    ]);
    expect(alertFailures()).toEqual([['argocd-oidc-refresh', 1, 'Count']]);
    expect(announced()).toEqual([]);

    // The channel is fixed: the refused message goes out on the next run, once.
    slack.messages.length = 0;
    const second = await run();
    await run();

    expect(second.result).toMatchObject({
      outcome: 'complete',
      announced: FIRST_RUN_ANNOUNCEMENTS,
      failedAnnouncements: 0,
    });
    expect(announced()).toEqual(FIRST_RUN_ANNOUNCEMENTS);
    expect(alertFailures()).toEqual([['argocd-oidc-refresh', 1, 'Count']]);
  });

  describe('what to set, from the Argo CD app client', () => {
    let cognito: FakeCognito;
    const POOL = 'ap-northeast-1_EXAMPLE';
    const CLIENT = 'argocdclient0example0000001';

    beforeAll(async () => {
      cognito = await startFakeCognito();
      cognito.addClient(cognitoFixture('describe-user-pool-client'));
      process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.url;
    });

    afterAll(async () => {
      delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
      await cognito.close();
    });

    const refresh346 = fixMessageText;

    it("should quote the client's real 1 h ID-token validity when USER_POOL_ID and ARGOCD_CLIENT_IDS are set", async () => {
      const { result } = await run({ USER_POOL_ID: POOL, ARGOCD_CLIENT_IDS: CLIENT });

      expect(result.outcome).toBe('complete');
      expect(refresh346()).toContain(
        `set oidc.config.refreshTokenThreshold shorter than the 1 h ID-token validity of app client ${CLIENT} (for example 15m)`,
      );
      expect(
        cognito.calls.filter((call) => call.operation === 'DescribeUserPoolClient').map((call) => call.input),
      ).toContainEqual(expect.objectContaining({ UserPoolId: POOL, ClientId: CLIENT }));
    });

    it('should fall back to the generic wording with a warning when the client cannot be read, and still announce', async () => {
      const { result, logs } = await run({ USER_POOL_ID: POOL, ARGOCD_CLIENT_IDS: 'no-such-client' });

      expect(result).toMatchObject({ outcome: 'complete', failedAnnouncements: 0 });
      expect(announced().sort()).toEqual(FIRST_RUN_ANNOUNCEMENTS);
      expect(refresh346()).toContain("shorter than the Argo CD app client's ID-token validity");
      expect(refresh346()).not.toContain('For your pool');
      expect(logs).toContainEqual(
        expect.objectContaining({
          level: 'WARN',
          message:
            "cannot read the app client's ID-token validity; the announcement gives the generic advice",
          clientId: 'no-such-client',
        }),
      );
    });

    it('should not ask Cognito without USER_POOL_ID, and keep the generic wording', async () => {
      const before = cognito.calls.length;
      await run({ ARGOCD_CLIENT_IDS: CLIENT });
      expect(cognito.calls.length).toBe(before);
      expect(refresh346()).not.toContain('For your pool');
    });
  });

  it("should post a later patch release of the deployed line in the fix's thread, shown in the channel as the new smallest upgrade", async () => {
    await run();
    const firstTs = slack.messages[0]?.ts;
    slack.messages.length = 0;
    github.data.releases.unshift({
      tag_name: 'v3.3.15',
      name: 'v3.3.15',
      draft: false,
      prerelease: false,
      published_at: '2026-08-20T10:00:00Z',
      body: '* 0a1b2c3: fix: use OIDC refresh tokens to renew expired sessions (cherry-pick #27777 for 3.3) (#29999)',
    });

    const { result } = await run();

    expect(announced()).toEqual(['argocd-oidc-refresh v3.3.15']);
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toMatchObject({ threadTs: firstTs, broadcast: true });
    expect(readableText(slack.messages[0]?.blocks as never)).toMatch(
      /Smallest upgrade that has it\*?\s+v3\.3\.15/,
    );
    expect(fixMessageText()).toContain('now also in v3.3.15');
    expect(result.outcome === 'complete' && result.report.fixes[0]?.fixedIn).toEqual([
      'v3.3.15',
      'v3.4.6',
      'v3.5.0',
    ]);
  });

  it("should post in the fix's thread when the deployed version changes the answer, and not when it is unknown", async () => {
    // Prepare: the first message, for v3.3.14.
    await run();
    const firstTs = slack.messages[0]?.ts;
    slack.messages.length = 0;

    // Act: Argo CD upgraded to a fixed release; then a run that cannot ask it; then one on the same version.
    argocd.version = 'v3.4.6';
    const upgraded = await run();
    const unknown = await run({ ARGOCD_URL: `http://127.0.0.1:${await freePort()}` });
    const same = await run();

    // Assess
    expect(upgraded.result).toMatchObject({ announced: ['argocd-oidc-refresh deployed v3.4.6'] });
    expect(unknown.result).toMatchObject({ announced: [] });
    expect(same.result).toMatchObject({ announced: [] });
    expect(slack.messages).toHaveLength(1);
    expect(slack.messages[0]).toMatchObject({ threadTs: firstTs, broadcast: true });
    const text = fixMessageText();
    expect(text).toContain('Upstream fix update: argocd-oidc-refresh');
    expect(text).toContain('deployed Argo CD is now v3.4.6 (was v3.3.14)');
    expect(text).toContain('*Deployed Argo CD*\nv3.4.6 has the fix');
    expect(text).toContain('*Smallest upgrade that has it*\nnone needed');
  });

  it('should still report and announce when Argo CD cannot be asked, with the deployed version unknown', async () => {
    const { result, logs } = await run({ ARGOCD_URL: `http://127.0.0.1:${await freePort()}` });

    expect(result.outcome === 'complete' && result.report.deployedVersion).toBeNull();
    expect(logs.find((line) => line.level === 'WARN')?.message).toBe(
      'deployed Argo CD version unknown for this run',
    );
    expect(readableText(slack.messages[0]?.blocks as never)).toContain(
      'unknown (set ARGOCD_URL or ARGOCD_VERSION)',
    );
    const names = cloudwatch
      .putData()
      .filter((datum) => datum.namespace === `Test/${tableName}`)
      .map((datum) => datum.name);
    expect(names).toEqual(['UpstreamFixReleased', 'UpstreamFixReleased']);
  });

  it.each(['server-error', 'malformed'] as const)(
    'should leave every stored item untouched and post nothing on a GitHub %s',
    async (fault) => {
      await run();
      const before = {
        report: await stores().report.latest(Date.now()),
        knowledge: await stores().knowledge.load(),
      };
      slack.messages.length = 0;
      github.data.releases.unshift({
        tag_name: 'v3.3.15',
        draft: false,
        prerelease: false,
        published_at: '2026-08-20T10:00:00Z',
        body: '(cherry-pick #27777 for 3.3)',
      });
      argocd.version = 'v3.5.0';
      github.inject(fault, '/releases');

      const { result, logs } = await run();

      expect(result).toEqual({ outcome: 'github-failed' });
      expect(await stores().report.latest(Date.now())).toEqual(before.report);
      expect(await stores().knowledge.load()).toEqual(before.knowledge);
      expect(slack.messages).toEqual([]);
      const error = logs.find((line) => line.level === 'ERROR');
      expect(error?.message).toBe(
        'GitHub check failed; stored state left untouched, the next run tries again',
      );
      expect(JSON.stringify(error)).toMatch(
        fault === 'malformed' ? /returned malformed JSON/ : /failed: HTTP 502/,
      );
    },
  );

  it('should keep its progress when the rate limit runs out, report nothing, and finish on the next run', async () => {
    github.resetRateLimit(6);

    const first = await run();

    expect(first.result.outcome).toBe('rate-limited');
    expect(await stores().report.latest(Date.now())).toBeNull();
    expect(Object.keys((await stores().knowledge.load()).repos)).toEqual(['argoproj/argo-cd']);
    expect(slack.messages).toEqual([]);
    expect(
      first.logs.some(
        (line) => line.message === 'GitHub rate limit used up; progress kept, the next run continues',
      ),
    ).toBe(true);

    github.resetRateLimit(60);
    const second = await run();

    expect(second.result.outcome).toBe('complete');
    expect(announced().sort()).toEqual(FIRST_RUN_ANNOUNCEMENTS);
    expect(github.requests.filter((request) => request.status !== 403)).toHaveLength(13);
  });
});
