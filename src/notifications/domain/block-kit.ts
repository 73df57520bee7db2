/** Slack Block Kit pieces shared by the message builders (the re-login alert, the fixed-release message). */

/** A chat message: the same type as the ChatPoster port's `ChatMessage`. */
export interface BlockKitMessage {
  /** Plain-text fallback (notifications, screen readers). */
  text: string;
  /** Block Kit blocks. */
  blocks: readonly Record<string, unknown>[];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters, so user data cannot ping or link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
