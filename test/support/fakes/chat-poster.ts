/**
 * In-memory ChatPoster: accepts every message and file (or, as a dry run, only "logs" messages, as
 * LogChatPoster does), keeps what was delivered, and fails or hangs when scripted
 * (`script.failNext('post', ...)`, `script.failNext('upload', ...)`).
 */
import type { ChatFile, ChatMessage, ChatPoster, PostResult } from '../../../src/notifications/ports/chat';
import { FakePort, type Timeline } from './script';

export class FakeChatPoster extends FakePort<'post' | 'upload'> implements ChatPoster {
  /** The messages people saw, in order. */
  readonly delivered: ChatMessage[] = [];
  /** The messages a dry run wrote to the log only. */
  readonly logged: ChatMessage[] = [];
  /** The files uploaded into threads, in order. */
  readonly files: ChatFile[] = [];

  constructor(private readonly options: { channel?: string; dryRun?: boolean; timeline?: Timeline } = {}) {
    super('chat', options.timeline);
  }

  async post(message: ChatMessage): Promise<PostResult> {
    await this.enter('post', [message]);
    if (this.options.dryRun === true) {
      this.logged.push(structuredClone(message));
      return { delivered: false };
    }
    this.delivered.push(structuredClone(message));
    // Slack's ts: seconds and a per-channel sequence.
    return {
      delivered: true,
      channel: this.options.channel ?? 'C0FAKE',
      ts: `1700000000.${String(this.delivered.length).padStart(6, '0')}`,
    };
  }

  async upload(file: ChatFile): Promise<void> {
    await this.enter('upload', [file.filename, file.thread]);
    this.files.push(structuredClone(file));
  }

  /** The plain-text fallback of every delivered message. */
  texts(): string[] {
    return this.delivered.map((message) => message.text);
  }
}
