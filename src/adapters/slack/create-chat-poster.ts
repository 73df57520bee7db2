/** The ChatPoster the settings ask for: Slack (token from SSM or given) or the log. */
import type { Logger } from '@aws-lambda-powertools/logger';
import type { ChatPoster, ChatSettings } from '../../notifications';
import { LogChatPoster } from './log-chat-poster';
import { SlackChatPoster } from './slack-chat-poster';
import { fixedTokenSource, ssmTokenSource } from './token-source';

export function createChatPoster(settings: ChatSettings, logger: Pick<Logger, 'info'>): ChatPoster {
  if (settings.kind === 'log') return new LogChatPoster(logger, settings.channel);
  const { token } = settings;
  return new SlackChatPoster({
    channel: settings.channel,
    token:
      'parameterName' in token
        ? ssmTokenSource(token.parameterName, token.maxAgeSeconds)
        : fixedTokenSource(token.value),
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
  });
}
