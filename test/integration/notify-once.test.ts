import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureOutput } from '../../local/stand-ins/emf';
import { type FakeSlack, startFakeSlack } from '../../local/stand-ins/fake-slack';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoNotificationLedger } from '../../src/adapters/dynamodb/notification-ledger';
import { LogChatPoster } from '../../src/adapters/slack/log-chat-poster';
import { SlackChatPoster } from '../../src/adapters/slack/slack-chat-poster';
import { fixedTokenSource } from '../../src/adapters/slack/token-source';
import { type NotifyOnceRequest, notifyAndReport, notifyOnce } from '../../src/notifications/notify-once';
import { ChatConfigurationError } from '../../src/notifications/ports/chat';
import { LeaseLostError } from '../../src/notifications/ports/notification-ledger';
import { fixedClock } from '../../src/shared/clock';
import { deadlineIn } from '../../src/shared/deadline';
import { createLogger } from '../../src/shared/telemetry';
import { createTestTable } from '../support/dynamodb';

interface Announced {
  release: string;
}

/** "Announce this release unless it was the last one announced." */
function announce(release: string): NotifyOnceRequest<Announced> {
  return {
    key: 'upstream-fix#argocd-oidc-refresh',
    decide: (previous) => (previous?.release === release ? null : { release }),
    message: (next, previous) => ({
      kind: 'upstream',
      text: `fixed in ${next.release} (before: ${previous?.release ?? 'none'})`,
      blocks: [],
    }),
  };
}

describe('Use case: notifyOnce (DynamoDB Local ledger, fake Slack)', () => {
  const client = createDocumentClient();
  let slack: FakeSlack;
  let ledger: DynamoNotificationLedger;
  const clock = fixedClock('2026-11-24T08:00:00Z');

  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  beforeEach(async () => {
    ledger = new DynamoNotificationLedger(client, await createTestTable('ledger'));
    slack.messages.length = 0;
  });

  const deps = () => ({
    ledger,
    clock,
    chat: new SlackChatPoster({
      channel: 'C0ALERTS',
      token: fixedTokenSource('xoxb-test'),
      slackApiUrl: slack.apiUrl,
    }),
  });

  it('should post a due message once and record it, then find nothing due on the next run', async () => {
    // Act
    const first = await notifyOnce(deps(), announce('v3.4.6'));
    const second = await notifyOnce(deps(), announce('v3.4.6'));

    // Assess
    expect(first).toMatchObject({
      status: 'sent',
      state: { release: 'v3.4.6' },
      posted: { channel: 'C0ALERTS' },
    });
    expect(second).toEqual({ status: 'not-due' });
    expect(slack.messages.map((message) => message.text)).toEqual(['fixed in v3.4.6 (before: none)']);
    expect(await ledger.read('upstream-fix#argocd-oidc-refresh')).toEqual({
      state: { release: 'v3.4.6' },
      version: 1,
    });
  });

  it('should record a state that needs no message, through the same claim, posting nothing', async () => {
    // Prepare: a decision with nothing to say (e.g. the last time users were heavy).
    const silent: NotifyOnceRequest<Announced> = { ...announce('v3.4.6'), message: () => null };

    // Act
    const recorded = await notifyOnce(deps(), silent);
    const afterwards = await notifyOnce(deps(), announce('v3.5.0'));

    // Assess
    expect(recorded).toEqual({ status: 'recorded', state: { release: 'v3.4.6' } });
    expect(afterwards.status).toBe('sent');
    expect(slack.messages.map((message) => message.text)).toEqual(['fixed in v3.5.0 (before: v3.4.6)']);
    expect((await ledger.read('upstream-fix#argocd-oidc-refresh')).version).toBe(2);
  });

  it("should record the posted message's ts for thread replies, and reply in its thread", async () => {
    // Prepare
    const threaded = (release: string): NotifyOnceRequest<Announced & { threadTs?: string }> => ({
      ...announce(release),
      message: (next, previous) => ({
        kind: 'upstream',
        text: `fixed in ${next.release}`,
        blocks: [],
        ...(previous?.threadTs === undefined
          ? {}
          : { thread: { parentTs: previous.threadTs, broadcast: false } }),
      }),
      posted: (next, posted) => ({ ...next, threadTs: posted.ts }),
    });

    // Act
    const first = await notifyOnce(deps(), threaded('v3.4.6'));
    await notifyOnce(deps(), threaded('v3.5.0'));

    // Assess
    expect(first.status === 'sent' && first.state.threadTs).toBe(slack.messages[0]?.ts);
    expect(slack.messages.map(({ text, threadTs }) => [text, threadTs])).toEqual([
      ['fixed in v3.4.6', undefined],
      ['fixed in v3.5.0', slack.messages[0]?.ts],
    ]);
  });

  it('should pass the previous state to the message builder when the decision changes', async () => {
    // Prepare
    await notifyOnce(deps(), announce('v3.4.6'));

    // Act
    const result = await notifyOnce(deps(), announce('v3.5.0'));

    // Assess
    expect(result.status).toBe('sent');
    expect(slack.messages.at(-1)?.text).toBe('fixed in v3.5.0 (before: v3.4.6)');
    expect((await ledger.read('upstream-fix#argocd-oidc-refresh')).version).toBe(2);
  });

  it('should record nothing when Slack fails, and post on the next run', async () => {
    // Prepare
    slack.answerNext({ kind: 'error', error: 'internal_error' });

    // Act
    const failed = notifyOnce(deps(), announce('v3.4.6'));
    await expect(failed).rejects.toThrow(/internal_error/);
    const stateAfterFailure = await ledger.read('upstream-fix#argocd-oidc-refresh');
    const retried = await notifyOnce(deps(), announce('v3.4.6'));

    // Assess
    expect(stateAfterFailure).toEqual({ state: null, version: 0 });
    expect(retried.status).toBe('sent');
    expect(slack.messages).toHaveLength(1);
  });

  it('should release the lease on a configuration error so a fixed set-up posts on the next run', async () => {
    // Prepare
    slack.answerNext({ kind: 'error', error: 'not_in_channel' });

    // Act
    const refused = await notifyOnce(deps(), announce('v3.4.6')).catch((error: unknown) => error);
    const retried = await notifyOnce(deps(), announce('v3.4.6'));

    // Assess
    expect(refused).toBeInstanceOf(ChatConfigurationError);
    expect((refused as ChatConfigurationError).code).toBe('not_in_channel');
    expect(retried.status).toBe('sent');
  });

  it('should record nothing for a dry run to the log, so a later run with Slack still posts it', async () => {
    // Prepare
    const logged: unknown[] = [];
    const dryRun = {
      ...deps(),
      chat: new LogChatPoster({ info: (...line) => logged.push(line) }, undefined),
    };

    // Act
    const first = await notifyOnce(dryRun, announce('v3.4.6'));
    const stateAfterDryRun = await ledger.read('upstream-fix#argocd-oidc-refresh');
    const second = await notifyOnce(dryRun, announce('v3.4.6'));
    const withSlack = await notifyOnce(deps(), announce('v3.4.6'));

    // Assess
    expect([first, second]).toEqual([{ status: 'logged' }, { status: 'logged' }]);
    expect(logged).toHaveLength(2);
    expect(stateAfterDryRun).toEqual({ state: null, version: 0 });
    expect(withSlack).toMatchObject({ status: 'sent', posted: { delivered: true, channel: 'C0ALERTS' } });
    expect(slack.messages.map((message) => message.text)).toEqual(['fixed in v3.4.6 (before: none)']);
  });

  it('should post exactly once when two runs overlap', async () => {
    // Prepare: a slow Slack keeps the first run between claim and confirm while the others start.
    slack.answerNext({ kind: 'slow', delayMs: 300 });

    // Act
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => notifyOnce(deps(), announce('v3.4.6'))));

    // Assess
    expect(results.filter((result) => result.status === 'sent')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'claimed-elsewhere')).toHaveLength(4);
    expect(slack.messages).toHaveLength(1);
    expect(await notifyOnce(deps(), announce('v3.4.6'))).toEqual({ status: 'not-due' });
  });

  describe('when the run is out of time', () => {
    const jobDeps = () => {
      const { ledger: jobLedger, chat } = deps();
      return { notify: { ledger: jobLedger, chat }, clock, logger: createLogger() };
    };
    const report = { what: 'the announcement', context: { release: 'v3.4.6' } };

    it('should release the lease when Slack asks for a wait past the deadline, and the next run sends it', async () => {
      // Prepare: Slack rate-limits for 30 s; 40 s are left before the deadline: time for one call (at
      // most 32 s with the client's retries), not for the wait and another call.
      slack.answerNext({ kind: 'rate-limited', retryAfterSeconds: 30 });
      const attemptsBefore = slack.attempts();

      // Act
      const { result: cut, output } = await captureOutput(() =>
        notifyAndReport(jobDeps(), announce('v3.4.6'), { ...report, deadline: deadlineIn(clock, 40_000) }),
      );
      const nextRun = await notifyAndReport(jobDeps(), announce('v3.4.6'), report);

      // Assess: Slack was asked once and refused; nothing recorded, so the next run claimed and posted it at once.
      expect(cut).toBe('failed');
      expect(slack.attempts() - attemptsBefore).toBe(2);
      expect(JSON.stringify(output.logs)).toContain('out of time while sending the announcement');
      expect(nextRun).toBe('sent');
      expect(slack.messages.map((posted) => posted.text)).toEqual(['fixed in v3.4.6 (before: none)']);
      expect((await ledger.read<Announced>('upstream-fix#argocd-oidc-refresh')).state).toEqual({
        release: 'v3.4.6',
      });
    });

    it('should neither claim nor post once the deadline has passed', async () => {
      // Prepare
      const attemptsBefore = slack.attempts();

      // Act
      const { result } = await captureOutput(() =>
        notifyAndReport(jobDeps(), announce('v3.4.6'), { ...report, deadline: deadlineIn(clock, 0) }),
      );

      // Assess
      expect(result).toBe('failed');
      expect(slack.attempts()).toBe(attemptsBefore);
      expect(await ledger.read('upstream-fix#argocd-oidc-refresh')).toMatchObject({ state: null });
    });
  });
});

describe('Class: DynamoNotificationLedger (DynamoDB Local)', () => {
  const client = createDocumentClient();
  const key = 'relogin-alert#pool#client';
  const T0 = Date.parse('2026-11-24T08:00:00Z');
  let ledger: DynamoNotificationLedger;

  beforeEach(async () => {
    ledger = new DynamoNotificationLedger(client, await createTestTable('ledger'));
  });

  it('should refuse a claim based on a state that another run has since confirmed', async () => {
    // Prepare: run B read version 0, then run A claimed and confirmed.
    const { version: readByB } = await ledger.read(key);
    await ledger.claim(key, 0, { owner: 'A', now: T0, until: T0 + 60_000 });
    await ledger.confirm(key, 'A', { heavyUsers: 3 }, T0);

    // Act
    const claimedByB = await ledger.claim(key, readByB, { owner: 'B', now: T0 + 1, until: T0 + 60_001 });

    // Assess
    expect(claimedByB).toBe(false);
    expect(await ledger.read(key)).toEqual({ state: { heavyUsers: 3 }, version: 1 });
  });

  it('should let a later run take over an expired lease, and then refuse the old holder its confirm', async () => {
    // Prepare
    await ledger.claim(key, 0, { owner: 'A', now: T0, until: T0 + 60_000 });

    // Act
    const whileLive = await ledger.claim(key, 0, { owner: 'B', now: T0 + 59_000, until: T0 + 120_000 });
    const afterExpiry = await ledger.claim(key, 0, { owner: 'B', now: T0 + 61_000, until: T0 + 120_000 });
    const lateConfirm = ledger.confirm(key, 'A', { heavyUsers: 1 }, T0 + 62_000);

    // Assess
    expect(whileLive).toBe(false);
    expect(afterExpiry).toBe(true);
    await expect(lateConfirm).rejects.toBeInstanceOf(LeaseLostError);
  });

  it('should ignore a release by a run that no longer holds the lease', async () => {
    // Prepare
    await ledger.claim(key, 0, { owner: 'A', now: T0, until: T0 + 60_000 });

    // Act
    await ledger.release(key, 'B');
    const claimedByC = await ledger.claim(key, 0, { owner: 'C', now: T0 + 1, until: T0 + 60_000 });
    await ledger.release(key, 'A');
    const claimedAfterRelease = await ledger.claim(key, 0, { owner: 'C', now: T0 + 2, until: T0 + 60_000 });

    // Assess
    expect(claimedByC).toBe(false);
    expect(claimedAfterRelease).toBe(true);
  });
});
