/** A Slack-style chat channel. One real implementation: `src/adapters/slack/`. */
import type { BlockKitMessage } from '../domain/block-kit';

/** A reply in the thread of an earlier message (Slack: `thread_ts`, `reply_broadcast`). */
export interface ChatThread {
  /** `ts` of the thread's first message, as PostedMessage returned it. */
  parentTs: string;
  /** Also show the reply in the channel, for a follow-up everyone should see (Slack: `reply_broadcast`). */
  broadcast: boolean;
}

/**
 * What the message builders make (`../domain/block-kit.ts`: plain-text fallback and Block Kit blocks),
 * posted on its own or, with `thread`, as a reply.
 */
export interface ChatMessage extends BlockKitMessage {
  thread?: ChatThread;
}

/** The chat service accepted the message: people will see it. */
export interface PostedMessage {
  delivered: true;
  channel: string;
  ts: string;
}

/** Dry run (no chat service configured): the message was only written to the log, nobody saw it. */
export interface LoggedMessage {
  delivered: false;
}

export type PostResult = PostedMessage | LoggedMessage;

export interface ChatPoster {
  /**
   * Resolves once the chat service accepted the message (`delivered: true`), or once a dry run wrote it
   * to the log (`delivered: false`: not to be recorded as sent); rejects otherwise (see errors below).
   */
  post(message: ChatMessage): Promise<PostResult>;
}

/** The chat service refused us for a reason a retry will not fix (bad token, unknown channel, bot not invited). */
export class ChatConfigurationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChatConfigurationError';
  }
}
