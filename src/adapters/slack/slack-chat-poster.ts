/**
 * ChatPoster on Slack's Web API (`chat.postMessage` through `@slack/web-api`); a thread reply is sent
 * with `thread_ts` (and `reply_broadcast` when it should also show in the channel).
 *
 * - The token is fetched for every post from a TokenSource (SSM, cached by Powertools), so a rotated
 *   token is picked up without a redeploy.
 * - Rate limits: Slack's `Retry-After` is honoured here (the client's own handling would add its back-off
 *   on top); a wait longer than `maxRetryAfterSeconds` fails the post instead, and the next run retries.
 * - Refusals a retry cannot fix (bad token, unknown channel, bot not invited) become ChatConfigurationError.
 * - With a deadline (the scheduled jobs'), neither a request nor a Retry-After wait is started unless it
 *   can end before it: the post rejects with DeadlineExceededError, and the caller releases its lease.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import {
  ChatConfigurationError,
  type ChatFile,
  type ChatMessage,
  type ChatPoster,
  type PostedMessage,
  type PostOptions,
} from '../../notifications';
import { ensureTimeFor, NO_DEADLINE } from '../../shared/deadline';
import { redact, redactError, secrets } from '../../shared/redaction';
import { slackFetch } from './slack-fetch';

export type TokenSource = () => Promise<string>;

export interface SlackChatPosterOptions {
  channel: string;
  token: TokenSource;
  /** Base URL of the Web API; default Slack's own. */
  slackApiUrl?: string;
  maxRateLimitRetries?: number;
  maxRetryAfterSeconds?: number;
  /** Bound for one HTTP request. */
  timeoutMs?: number;
}

/** Platform errors that need a person to change the set-up (token, scopes, channel, invitation). */
const CONFIGURATION_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
]);

const ADVICE: Readonly<Record<string, string>> = {
  channel_not_found: 'check SLACK_CHANNEL (a channel id such as C0123456789 is safest)',
  not_in_channel: 'invite the bot to the channel (/invite @<bot name>)',
  missing_scope: 'give the Slack app the chat:write and files:write scopes and reinstall it',
};

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
}

function asSlackError(error: unknown): SlackErrorShape {
  return typeof error === 'object' && error !== null ? (error as SlackErrorShape) : {};
}

const SLACK_API_URL = 'https://slack.com/api/';

const LEVEL_ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * The client library's own log lines (it logs a refused call with Slack's answer), redacted, on
 * standard error as its default logger writes them; errors only unless a level is set.
 */
function redactingLogger(): Logger {
  let level = LogLevel.ERROR;
  let name = 'web-api';
  const at =
    (lineLevel: LogLevel) =>
    (...message: unknown[]) => {
      if (LEVEL_ORDER.indexOf(lineLevel) < LEVEL_ORDER.indexOf(level)) return;
      const parts = message.map((part) => (typeof part === 'string' ? part : JSON.stringify(part)));
      console.error(redact(`[${lineLevel.toUpperCase()}] ${name} ${parts.join(' ')}`));
    };
  return {
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

// Network errors and 5xx only; a few quick tries, then the next scheduled run takes over.
const RETRY_CONFIG = { retries: 2, minTimeout: 200, maxTimeout: 1_000 };

export class SlackChatPoster implements ChatPoster {
  private readonly client: WebClient;
  /** The longest one chat.postMessage call can take: every try timing out, with the back-off between. */
  private readonly callBoundMs: number;

  constructor(private readonly options: SlackChatPosterOptions) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const apiUrl = options.slackApiUrl ?? SLACK_API_URL;
    this.client = new WebClient(undefined, {
      slackApiUrl: apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: RETRY_CONFIG,
      timeout: timeoutMs,
      logger: redactingLogger(),
      fetch: slackFetch(apiUrl),
    });
    this.callBoundMs =
      timeoutMs * (RETRY_CONFIG.retries + 1) + RETRY_CONFIG.maxTimeout * RETRY_CONFIG.retries;
  }

  async post(message: ChatMessage, { deadline = NO_DEADLINE }: PostOptions = {}): Promise<PostedMessage> {
    const { channel, maxRateLimitRetries = 3, maxRetryAfterSeconds = 30 } = this.options;
    const token = await this.options.token();
    secrets.add(token);
    // Whatever text reached the message (an error quoted in an alert), no secret leaves in it.
    const { text, blocks } = secrets.redactDeep({ text: message.text, blocks: [...message.blocks] });
    for (let retries = 0; ; retries += 1) {
      ensureTimeFor(deadline, this.callBoundMs, `chat.postMessage to ${channel}`);
      try {
        // The kind travels as Slack message metadata, for whatever reads the channel (and the local stand-in).
        const metadata = { event_type: message.kind, event_payload: {} };
        const common = { token, channel, text, blocks, metadata, unfurl_links: false };
        const { thread } = message;
        const result = await this.client.chat.postMessage(
          thread === undefined
            ? common
            : { ...common, thread_ts: thread.parentTs, reply_broadcast: thread.broadcast },
        );
        return { delivered: true, channel: result.channel ?? channel, ts: result.ts ?? '' };
      } catch (error) {
        const { code, retryAfter, data } = asSlackError(error);
        if (code === ErrorCode.RateLimitedError && retryAfter !== undefined) {
          if (retries < maxRateLimitRetries && retryAfter <= maxRetryAfterSeconds) {
            ensureTimeFor(
              deadline,
              retryAfter * 1000 + this.callBoundMs,
              `waiting ${retryAfter} s (Slack's Retry-After) to post to ${channel} again`,
            );
            await sleep(retryAfter * 1000);
            continue;
          }
        }
        const slackError = code === ErrorCode.PlatformError ? data?.error : undefined;
        if (slackError !== undefined && CONFIGURATION_ERRORS.has(slackError)) {
          const hint = ADVICE[slackError] ?? 'check the bot token (SLACK_TOKEN_PARAMETER / SLACK_TOKEN)';
          throw new ChatConfigurationError(
            slackError,
            `Slack refused chat.postMessage to ${channel}: ${redact(slackError)}; ${hint}`,
          );
        }
        // Slack's answer and the library's message may quote what was sent: redacted before it is shown.
        throw redactError(error);
      }
    }
  }

  /**
   * `files.uploadV2` (Slack retired `files.upload`): the client asks `files.getUploadURLExternal`, sends
   * the bytes to the URL it got, then `files.completeUploadExternal` shares the file in the thread.
   * Needs the `files:write` scope.
   */
  async upload(file: ChatFile, { deadline = NO_DEADLINE }: PostOptions = {}): Promise<void> {
    // Three Web API calls, each bounded like one chat.postMessage.
    ensureTimeFor(deadline, 3 * this.callBoundMs, `files.uploadV2 to ${file.thread.channel}`);
    const token = await this.options.token();
    secrets.add(token);
    try {
      await this.client.filesUploadV2({
        token,
        channel_id: file.thread.channel,
        thread_ts: file.thread.ts,
        filename: file.filename,
        title: file.title,
        file: Buffer.from(file.content),
        ...(file.snippetType === undefined ? {} : { snippet_type: file.snippetType }),
      });
    } catch (error) {
      const { code, data } = asSlackError(error);
      const slackError = code === ErrorCode.PlatformError ? data?.error : undefined;
      if (slackError !== undefined && CONFIGURATION_ERRORS.has(slackError)) {
        throw new ChatConfigurationError(
          slackError,
          `Slack refused the file upload to ${file.thread.channel}: ${redact(slackError)}; ${ADVICE[slackError] ?? 'check the bot token and its files:write scope'}`,
        );
      }
      throw redactError(error);
    }
  }
}
