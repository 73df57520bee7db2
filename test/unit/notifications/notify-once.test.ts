/** notifyOnce, notifyAndReport and publishThenNotify over the in-memory ledger, chat and metrics fakes. */
import { describe, expect, it } from 'vitest';
import {
  alertFailure,
  type NotifyOnceRequest,
  notifyAndReport,
  notifyDecision,
  notifyOnce,
  publishThenNotify,
} from '../../../src/notifications/notify-once';
import { ChatConfigurationError } from '../../../src/notifications/ports/chat';
import { LeaseLostError } from '../../../src/notifications/ports/notification-ledger';
import { fixedClock } from '../../../src/shared/clock';
import type { MetricDatum } from '../../../src/shared/ports/metrics-publisher';
import { FakeChatPoster } from '../../support/fakes/chat-poster';
import { RecordingLogger } from '../../support/fakes/logger';
import { FakeMetricsPublisher } from '../../support/fakes/metrics-publisher';
import { FakeNotificationLedger } from '../../support/fakes/notification-ledger';
import { Timeline } from '../../support/fakes/script';

const KEY = 'upstream-fix#argocd-oidc-refresh';
const MINUTE = 60_000;

interface Announced {
  release: string;
}

/** "Announce this release unless it was the last one announced." */
function announce(release: string): NotifyOnceRequest<Announced> {
  return {
    key: KEY,
    decide: (previous) => (previous?.release === release ? null : { release }),
    message: (next, previous) => ({
      kind: 'upstream',
      text: `fixed in ${next.release} (before: ${previous?.release ?? 'none'})`,
      blocks: [],
    }),
  };
}

function setUp(options: { dryRun?: boolean } = {}) {
  const timeline = new Timeline();
  const ledger = new FakeNotificationLedger(timeline);
  const chat = new FakeChatPoster({ channel: 'C0ALERTS', dryRun: options.dryRun, timeline });
  const clock = fixedClock('2026-11-24T08:00:00Z');
  return { timeline, ledger, chat, clock, deps: { ledger, chat, clock } };
}

describe('Function: notifyDecision', () => {
  /** Records the last release; announces only a new minor line, and says which. */
  const request = (release: string) => ({
    key: KEY,
    decide: (previous: Announced | null) =>
      previous?.release === release
        ? null
        : { state: { release }, announce: release.endsWith('.0') ? { line: release } : null },
    message: (announce: { line: string }) => ({
      kind: 'upstream' as const,
      text: `new line ${announce.line}`,
      blocks: [],
    }),
  });

  it('should hand back what the decision announced with the result, and null when it only recorded', async () => {
    const { deps, chat } = setUp();

    const announced = await notifyDecision(deps, request('v3.5.0'));
    const recorded = await notifyDecision(deps, request('v3.5.1'));
    const notDue = await notifyDecision(deps, request('v3.5.1'));

    expect(announced).toMatchObject({ result: { status: 'sent' }, announced: { line: 'v3.5.0' } });
    expect(recorded).toEqual({
      result: { status: 'recorded', state: { release: 'v3.5.1' } },
      announced: null,
    });
    expect(notDue).toEqual({ result: { status: 'not-due' }, announced: null });
    expect(chat.delivered.map((message) => message.text)).toEqual(['new line v3.5.0']);
  });

  it('should say what a dry run announced', async () => {
    const { deps } = setUp({ dryRun: true });
    expect(await notifyDecision(deps, request('v3.5.0'))).toEqual({
      result: { status: 'logged' },
      announced: { line: 'v3.5.0' },
    });
  });
});

describe('Function: notifyOnce', () => {
  it('should read, claim, post and then confirm a due message, and find nothing due on the next run', async () => {
    // Prepare
    const { deps, chat, ledger, timeline, clock } = setUp();

    // Act
    const first = await notifyOnce(deps, announce('v3.4.6'));
    const second = await notifyOnce(deps, announce('v3.4.6'));

    // Assess
    expect(first).toEqual({
      status: 'sent',
      state: { release: 'v3.4.6' },
      posted: { delivered: true, channel: 'C0ALERTS', ts: expect.any(String) },
    });
    expect(second).toEqual({ status: 'not-due' });
    expect(chat.texts()).toEqual(['fixed in v3.4.6 (before: none)']);
    expect(timeline.entries).toEqual([
      'ledger.read',
      'ledger.claim',
      'chat.post',
      'ledger.confirm',
      'ledger.read',
    ]);
    expect(ledger.entry(KEY)).toEqual({
      state: { release: 'v3.4.6' },
      version: 1,
      lease: null,
      sentAt: clock.now().getTime(),
    });
  });

  it('should claim a 15-minute lease at the version it read', async () => {
    // Prepare
    const { deps, ledger, clock } = setUp();
    const now = clock.now().getTime();

    // Act
    await notifyOnce(deps, announce('v3.4.6'));

    // Assess
    expect(ledger.argsOf('claim')).toEqual([
      [KEY, 0, { owner: expect.any(String), now, until: now + 15 * MINUTE }],
    ]);
  });

  it('should pass the previous state to the message builder when the decision changes', async () => {
    // Prepare
    const { deps, chat } = setUp();
    await notifyOnce(deps, announce('v3.4.6'));

    // Act
    const result = await notifyOnce(deps, announce('v3.5.0'));

    // Assess
    expect(result.status).toBe('sent');
    expect(chat.texts()).toEqual(['fixed in v3.4.6 (before: none)', 'fixed in v3.5.0 (before: v3.4.6)']);
  });

  it('should release the lease and record nothing when the chat service fails, then post on the next run', async () => {
    // Prepare
    const { deps, chat, ledger } = setUp();
    chat.script.failNext('post', new Error('internal_error'));

    // Act
    const failed = notifyOnce(deps, announce('v3.4.6'));

    // Assess
    await expect(failed).rejects.toThrow('internal_error');
    expect(ledger.entry(KEY)).toMatchObject({ state: null, version: 0, lease: null });
    expect(await notifyOnce(deps, announce('v3.4.6'))).toMatchObject({ status: 'sent' });
    expect(chat.delivered).toHaveLength(1);
  });

  it('should still throw the post error when releasing the lease fails too', async () => {
    // Prepare
    const { deps, chat, ledger } = setUp();
    chat.script.failNext('post', new ChatConfigurationError('channel_not_found', 'channel not found'));
    ledger.script.failNext('release', new Error('ledger unreachable'));

    // Act
    const failed = notifyOnce(deps, announce('v3.4.6'));

    // Assess
    await expect(failed).rejects.toBeInstanceOf(ChatConfigurationError);
  });

  it('should record nothing for a dry run to the log, so a later run with a chat service still posts it', async () => {
    // Prepare
    const dry = setUp({ dryRun: true });
    const real = { ...dry.deps, chat: new FakeChatPoster() };

    // Act
    const logged = await notifyOnce(dry.deps, announce('v3.4.6'));
    const sent = await notifyOnce(real, announce('v3.4.6'));

    // Assess
    expect(logged).toEqual({ status: 'logged' });
    expect(dry.chat.logged.map((message) => message.text)).toEqual(['fixed in v3.4.6 (before: none)']);
    expect(dry.chat.delivered).toEqual([]);
    expect(sent.status).toBe('sent');
    expect(real.chat.delivered).toHaveLength(1);
  });

  it('should leave a message to the run holding the lease when two runs overlap', async () => {
    // Prepare: the second run starts while the first one is posting.
    const { deps, chat } = setUp();
    let overlapping: Promise<unknown> | undefined;
    chat.script.beforeNext('post', () => {
      overlapping = notifyOnce(deps, announce('v3.4.6'));
      return overlapping;
    });

    // Act
    const first = await notifyOnce(deps, announce('v3.4.6'));

    // Assess
    expect(first.status).toBe('sent');
    expect(await overlapping).toEqual({ status: 'claimed-elsewhere' });
    expect(chat.delivered).toHaveLength(1);
  });

  it('should not post a stale duplicate when another run confirmed between its read and its claim', async () => {
    // Prepare: the other run does the whole job right after this one read the ledger.
    const { deps, chat, ledger } = setUp();
    let other: Promise<unknown> | undefined;
    ledger.script.beforeNext('claim', () => {
      other = notifyOnce(deps, announce('v3.4.6'));
      return other;
    });

    // Act
    const late = await notifyOnce(deps, announce('v3.4.6'));

    // Assess
    expect(await other).toMatchObject({ status: 'sent' });
    expect(late).toEqual({ status: 'claimed-elsewhere' });
    expect(chat.delivered).toHaveLength(1);
  });

  it('should post again once the lease of a run that died before its confirm has expired', async () => {
    // Prepare: the post is accepted but the confirm never lands (the process died in between).
    const { deps, chat, ledger, clock } = setUp();
    ledger.script.failNext('confirm', new Error('process killed'));
    await expect(notifyOnce(deps, announce('v3.4.6'))).rejects.toThrow('process killed');

    // Act
    clock.set(new Date(clock.now().getTime() + 15 * MINUTE));
    const whileLeased = await notifyOnce(deps, announce('v3.4.6'));
    clock.set(new Date(clock.now().getTime() + 1));
    const afterExpiry = await notifyOnce(deps, announce('v3.4.6'));

    // Assess: the documented window, a duplicate rather than a lost message.
    expect(whileLeased).toEqual({ status: 'claimed-elsewhere' });
    expect(afterExpiry.status).toBe('sent');
    expect(chat.delivered).toHaveLength(2);
  });

  it('should fail with LeaseLostError when the lease was taken over before the confirm', async () => {
    // Prepare: this run's lease expires during a slow post and another run takes it over.
    const { deps, chat, clock } = setUp();
    const other = { ...deps, chat: new FakeChatPoster() };
    chat.script.beforeNext('post', async () => {
      clock.set(new Date(clock.now().getTime() + 16 * MINUTE));
      await expect(notifyOnce(other, announce('v3.4.6'))).resolves.toMatchObject({ status: 'sent' });
    });

    // Act
    const slow = notifyOnce(deps, announce('v3.4.6'), { leaseMs: MINUTE });

    // Assess
    await expect(slow).rejects.toBeInstanceOf(LeaseLostError);
    expect(other.chat.delivered).toHaveLength(1);
  });
});

/** The scheduled jobs' shape of the same dependencies. */
function job(deps: ReturnType<typeof setUp>['deps'], logger: RecordingLogger) {
  return { notify: { ledger: deps.ledger, chat: deps.chat }, clock: deps.clock, logger };
}

describe('Function: notifyAndReport', () => {
  const options = { what: 'the alert', context: { clientId: 'client-1' } };

  it("should pass notifyOnce's status through", async () => {
    // Prepare
    const { deps } = setUp();
    const logger = new RecordingLogger();

    // Act
    const sent = await notifyAndReport(job(deps, logger), announce('v3.4.6'), options);
    const notDue = await notifyAndReport(job(deps, logger), announce('v3.4.6'), options);

    // Assess
    expect([sent, notDue]).toEqual(['sent', 'not-due']);
    expect(logger.lines).toEqual([]);
  });

  it("should turn an outage into 'failed' with an error line naming what was not sent", async () => {
    // Prepare
    const { deps, chat } = setUp();
    const logger = new RecordingLogger();
    chat.script.failNext('post', new Error('socket hang up'));

    // Act
    const outcome = await notifyAndReport(job(deps, logger), announce('v3.4.6'), options);

    // Assess
    expect(outcome).toBe('failed');
    expect(logger.lines).toEqual([
      {
        level: 'ERROR',
        message: 'could not send the alert; the next run retries',
        clientId: 'client-1',
        error: { name: 'Error', message: 'socket hang up' },
      },
    ]);
  });

  it("should tell a configuration error apart, with Slack's error code", async () => {
    // Prepare
    const { deps, chat } = setUp();
    const logger = new RecordingLogger();
    chat.script.failNext('post', new ChatConfigurationError('not_in_channel', 'bot is not in the channel'));

    // Act
    const outcome = await notifyAndReport(job(deps, logger), announce('v3.4.6'), options);

    // Assess
    expect(outcome).toBe('failed');
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        message: 'Slack refused the alert: configuration error, fix the set-up; the next run retries',
        clientId: 'client-1',
        slackError: 'not_in_channel',
      }),
    ]);
  });
});

describe('Function: publishThenNotify', () => {
  const NAMESPACE = 'Test/Auth';
  const at = Date.parse('2026-11-24T08:00:00Z');
  const datum = (name: string, value: number): MetricDatum => ({
    name,
    value,
    unit: 'Count',
    dimensions: { ClientId: 'client-1' },
    timestamp: at,
  });

  function setUpJob() {
    const timeline = new Timeline();
    const metrics = new FakeMetricsPublisher(timeline);
    const chat = new FakeChatPoster({ timeline });
    return { timeline, metrics, chat };
  }

  it('should publish the metrics, then notify, then publish the failures alone, and return the result', async () => {
    // Prepare
    const { timeline, metrics, chat } = setUpJob();

    // Act
    const result = await publishThenNotify(metrics, NAMESPACE, [datum('ActiveUsers', 4)], async () => {
      await chat.post({ kind: 'relogin-alert', text: 'alert', blocks: [] });
      return { result: 'done', failures: [alertFailure(1, { ClientId: 'client-1' }, at)] };
    });

    // Assess
    expect(result).toBe('done');
    expect(timeline.entries).toEqual(['metrics.publish', 'chat.post', 'metrics.publish']);
    expect(metrics.requests).toEqual([
      { namespace: NAMESPACE, data: [datum('ActiveUsers', 4)] },
      { namespace: NAMESPACE, data: [datum('AlertFailures', 1)] },
    ]);
  });

  it('should make no second request when nothing failed', async () => {
    // Prepare
    const { metrics } = setUpJob();

    // Act
    await publishThenNotify(metrics, NAMESPACE, [datum('ActiveUsers', 4)], async () => ({
      result: undefined,
      failures: [],
    }));

    // Assess
    expect(metrics.requests).toHaveLength(1);
  });

  it('should still notify and publish the failures when the first publish is refused, then fail with its error', async () => {
    // Prepare
    const { timeline, metrics, chat } = setUpJob();
    metrics.script.failNext('publish', new Error('Throttling: Rate exceeded'));

    // Act
    const run = publishThenNotify(metrics, NAMESPACE, [datum('ActiveUsers', 4)], async () => {
      await chat.post({ kind: 'relogin-alert', text: 'alert', blocks: [] });
      return { result: 'done', failures: [alertFailure(2, { ClientId: 'client-1' }, at)] };
    });

    // Assess
    await expect(run).rejects.toThrow('Throttling: Rate exceeded');
    expect(timeline.entries).toEqual(['metrics.publish', 'chat.post', 'metrics.publish']);
    expect(chat.delivered).toHaveLength(1);
    expect(metrics.values('AlertFailures')).toEqual([2]);
    expect(metrics.values('ActiveUsers')).toEqual([]);
  });
});
