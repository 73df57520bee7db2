/** A Slack-style chat channel. One real implementation: `src/adapters/slack/`. */
import type { Deadline } from '../../shared/deadline';
import type { BlockKitMessage } from '../domain/block-kit';

/** A reply in the thread of an earlier message (Slack: `thread_ts`, `reply_broadcast`). */
export interface ChatThread {
  /** `ts` of the thread's first message, as PostedMessage returned it. */
  parentTs: string;
  /** Also show the reply in the channel, for a follow-up everyone should see (Slack: `reply_broadcast`). */
  broadcast: boolean;
}

/** Which of the monitor's messages this is, machine-readable beside its words (Slack: message `metadata`). */
export type ChatMessageKind =
  | 'relogin-alert'
  | 'relogin-follow-up'
  | 'relogin-recovery'
  | 'stop-gap-reminder'
  | 'upstream'
  | 'report'
  | 'monitor-blind'
  | 'monitor-restored'
  /** A message's documents inline in its thread, when uploading them as files failed. */
  | 'documents';

/**
 * What the message builders make (`../domain/block-kit.ts`: plain-text fallback and Block Kit blocks),
 * with its kind (set where it is posted), posted on its own or, with `thread`, as a reply.
 */
export interface ChatMessage extends BlockKitMessage {
  kind: ChatMessageKind;
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

/** A file for a message's thread (the report's chart, an advice's documents). */
export interface ChatFile {
  /** Where: the channel and `ts` of the message the file answers. */
  thread: { channel: string; ts: string };
  filename: string;
  title: string;
  content: Uint8Array;
  /** For a text file: the snippet type it is highlighted as (Slack: `snippet_type`, e.g. `yaml`). */
  snippetType?: string;
}

export interface PostOptions {
  /**
   * The run's deadline: a wait or request that cannot finish before it is not started, and the post
   * rejects with DeadlineExceededError (`src/shared/deadline.ts`) instead. Default: none.
   */
  deadline?: Deadline;
}

export interface ChatPoster {
  /**
   * Resolves once the chat service accepted the message (`delivered: true`), or once a dry run wrote it
   * to the log (`delivered: false`: not to be recorded as sent); rejects otherwise (see errors below).
   */
  post(message: ChatMessage, options?: PostOptions): Promise<PostResult>;
  /**
   * Uploads `file` into the thread of a posted message; rejects when the chat service refuses, or with
   * DeadlineExceededError when the upload could not finish before `options.deadline`.
   */
  upload(file: ChatFile, options?: PostOptions): Promise<void>;
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
