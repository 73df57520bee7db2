/** The ChatPoster used when no Slack token is configured (local and dry runs): the message goes to the log. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ChatMessage, ChatPoster, PostedMessage } from '../../ports/chat';

export class LogChatPoster implements ChatPoster {
  constructor(
    private readonly logger: Pick<Logger, 'info'>,
    private readonly channel: string | undefined,
  ) {}

  async post(message: ChatMessage): Promise<PostedMessage> {
    this.logger.info('no Slack token configured: chat message written to the log instead', {
      channel: this.channel,
      text: message.text,
      blocks: message.blocks,
    });
    return { channel: 'log', ts: 'log' };
  }
}
