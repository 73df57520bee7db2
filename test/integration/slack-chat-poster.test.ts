import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../local/stand-ins/fake-slack';
import { type FakeSsm, startFakeSsm } from '../../local/stand-ins/fake-ssm';
import { SlackChatPoster } from '../../src/adapters/slack/slack-chat-poster';
import { fixedTokenSource, ssmTokenSource } from '../../src/adapters/slack/token-source';
import { section } from '../../src/notifications/domain/block-kit';
import { ChatConfigurationError, type ChatMessage } from '../../src/notifications/ports/chat';
import { fixedClock } from '../../src/shared/clock';
import { DeadlineExceededError, deadlineIn } from '../../src/shared/deadline';

const message: ChatMessage = {
  kind: 'relogin-alert',
  text: 'Argo CD re-logins: 3 heavy users',
  blocks: [section('*3 heavy users*')],
};

describe('Class: SlackChatPoster (fake Slack Web API)', () => {
  let slack: FakeSlack;

  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.messages.length = 0;
    slack.attemptTimes.length = 0;
  });

  const poster = (options: { maxRetryAfterSeconds?: number } = {}) =>
    new SlackChatPoster({
      channel: 'C0ALERTS',
      token: fixedTokenSource('xoxb-local'),
      slackApiUrl: slack.apiUrl,
      ...options,
    });

  it('should post text, blocks and the kind (as message metadata) to the channel with the bot token', async () => {
    // Act
    const posted = await poster().post(message);

    // Assess
    expect(posted.channel).toBe('C0ALERTS');
    expect(posted.ts).toBe(slack.messages[0]?.ts);
    expect(slack.messages).toEqual([
      expect.objectContaining({ token: 'xoxb-local', channel: 'C0ALERTS', ...message }),
    ]);
  });

  it('should reply in a thread with thread_ts, also in the channel when asked (reply_broadcast)', async () => {
    // Act
    const parent = await poster().post(message);
    await poster().post({ ...message, thread: { parentTs: parent.ts, broadcast: false } });
    await poster().post({ ...message, thread: { parentTs: parent.ts, broadcast: true } });

    // Assess
    expect(slack.messages.map(({ threadTs, broadcast }) => ({ threadTs, broadcast }))).toEqual([
      { threadTs: undefined, broadcast: false },
      { threadTs: parent.ts, broadcast: false },
      { threadTs: parent.ts, broadcast: true },
    ]);
  });

  it('should wait as long as Retry-After asks and then retry a rate-limited post', async () => {
    // Prepare
    slack.answerNext({ kind: 'rate-limited', retryAfterSeconds: 1 });

    // Act
    await poster().post(message);

    // Assess
    expect(slack.attempts()).toBe(2);
    const [first = 0, second = 0] = slack.attemptTimes;
    expect(second - first).toBeGreaterThanOrEqual(990);
    expect(slack.messages).toHaveLength(1);
  });

  describe('with a deadline (the scheduled jobs)', () => {
    // A fixed clock: the time left does not depend on how fast this machine is.
    const deadline = (ms: number) => deadlineIn(fixedClock('2026-11-24T08:00:00Z'), ms);

    it('should not start a Retry-After wait that would end past the deadline', async () => {
      // Prepare: 40 s left, enough for one call (32 s) but not for Slack's 30 s wait and another call.
      slack.answerNext({ kind: 'rate-limited', retryAfterSeconds: 30 });

      // Act
      const refused = await poster()
        .post(message, { deadline: deadline(40_000) })
        .catch((error: unknown) => error);

      // Assess: refused at once, with no second attempt and nothing posted.
      expect(refused).toBeInstanceOf(DeadlineExceededError);
      expect((refused as Error).message).toContain("waiting 30 s (Slack's Retry-After)");
      expect(slack.attempts()).toBe(1);
      expect(slack.messages).toEqual([]);
    });

    it('should not send at all when one call with its retries could outlast the deadline', async () => {
      // Act: the default 10 s timeout, 3 tries and their back-off need 32 s.
      const refused = await poster()
        .post(message, { deadline: deadline(31_000) })
        .catch((error: unknown) => error);

      // Assess
      expect(refused).toBeInstanceOf(DeadlineExceededError);
      expect(slack.attempts()).toBe(0);
    });

    it('should still wait out a Retry-After that ends in time', async () => {
      // Prepare
      slack.answerNext({ kind: 'rate-limited', retryAfterSeconds: 1 });

      // Act
      await poster().post(message, { deadline: deadline(60_000) });

      // Assess
      expect(slack.attempts()).toBe(2);
      expect(slack.messages).toHaveLength(1);
    });
  });

  it('should give up on a Retry-After longer than it may wait, leaving the retry to the next run', async () => {
    // Prepare
    slack.answerNext({ kind: 'rate-limited', retryAfterSeconds: 120 });

    // Act
    const result = poster({ maxRetryAfterSeconds: 30 }).post(message);

    // Assess
    await expect(result).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 120 });
    expect(slack.attempts()).toBe(1);
  });

  it.each(['invalid_auth', 'channel_not_found', 'not_in_channel'])(
    'should turn %s into a ChatConfigurationError that names the fix',
    async (error) => {
      // Prepare
      slack.answerNext({ kind: 'error', error });

      // Act
      const refused = await poster()
        .post(message)
        .catch((caught: unknown) => caught);

      // Assess
      expect(refused).toBeInstanceOf(ChatConfigurationError);
      expect(refused).toMatchObject({ code: error, message: expect.stringContaining(`C0ALERTS: ${error}`) });
      expect(slack.attempts()).toBe(1);
    },
  );

  it('should pass other Slack errors through unchanged, as retryable', async () => {
    // Prepare
    slack.answerNext({ kind: 'error', error: 'internal_error' });

    // Act
    const refused = await poster()
      .post(message)
      .catch((caught: unknown) => caught);

    // Assess
    expect(refused).not.toBeInstanceOf(ChatConfigurationError);
    expect(refused).toMatchObject({ data: { error: 'internal_error' } });
  });
});

describe('Function: ssmTokenSource (SSM stand-in)', () => {
  let ssm: FakeSsm;

  beforeAll(async () => {
    ssm = await startFakeSsm();
  });
  afterAll(async () => {
    await ssm.close();
  });

  it('should report a missing parameter as a configuration error naming it', async () => {
    // Act
    const refused = await ssmTokenSource('/missing/token')().catch((caught: unknown) => caught);

    // Assess
    expect(refused).toBeInstanceOf(ChatConfigurationError);
    expect((refused as Error).message).toContain('/missing/token (SLACK_TOKEN_PARAMETER)');
  });
});
