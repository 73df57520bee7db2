/** A Slack-style chat channel. One real implementation: `src/adapters/slack/`. */
export interface ChatMessage {
  /** Plain-text fallback (notifications, screen readers). */
  text: string;
  /** Block Kit blocks. */
  blocks: readonly Record<string, unknown>[];
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface ChatPoster {
  /** Resolves once the chat service accepted the message; rejects otherwise (see errors below). */
  post(message: ChatMessage): Promise<PostedMessage>;
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
