/**
 * The ChatPoster used when no Slack token is configured (local and dry runs): the message goes to the log
 * and the result says it was not delivered, so nothing records it as sent and a later run with a token posts it.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ChatFile, ChatMessage, ChatPoster, LoggedMessage } from '../../notifications';

export class LogChatPoster implements ChatPoster {
  constructor(
    private readonly logger: Pick<Logger, 'info'>,
    private readonly channel: string | undefined,
  ) {}

  async post(message: ChatMessage): Promise<LoggedMessage> {
    this.logger.info('no Slack token configured: chat message written to the log instead', {
      channel: this.channel,
      kind: message.kind,
      text: message.text,
      ...(message.thread === undefined ? {} : { thread: message.thread }),
      blocks: message.blocks,
    });
    return { delivered: false };
  }

  async upload(file: ChatFile): Promise<void> {
    this.logger.info('no Slack token configured: file not uploaded', {
      channel: this.channel,
      filename: file.filename,
      bytes: file.content.byteLength,
    });
  }
}
