/** Where the Slack bot token comes from: an SSM SecureString (cached) or a fixed value for local runs. */
import { ChatConfigurationError } from '../../notifications';
import { SecureStringUnavailable, ssmSecureString } from '../ssm/secure-string';
import type { TokenSource } from './slack-chat-poster';

/** Reads the SecureString at most once per `maxAgeSeconds` per cold start (Powertools' cache). */
export function ssmTokenSource(parameterName: string, maxAgeSeconds = 300): TokenSource {
  const read = ssmSecureString(parameterName, maxAgeSeconds);
  return async () => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof SecureStringUnavailable) {
        throw new ChatConfigurationError(
          error.reason === 'not-found' ? 'token_parameter_not_found' : 'token_parameter_empty',
          `SSM parameter ${parameterName} (SLACK_TOKEN_PARAMETER) ${error.reason === 'not-found' ? 'does not exist' : 'is empty'}`,
        );
      }
      throw error;
    }
  };
}

export function fixedTokenSource(token: string): TokenSource {
  return async () => token;
}
