/** Where the Slack bot token comes from: an SSM SecureString (cached) or a fixed value for local runs. */
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ChatConfigurationError } from '../../ports/chat';
import type { TokenSource } from './slack-chat-poster';

/** Reads the SecureString at most once per `maxAgeSeconds` per cold start (Powertools' cache). */
export function ssmTokenSource(parameterName: string, maxAgeSeconds = 300): TokenSource {
  const provider = new SSMProvider();
  return async () => {
    let value: string | undefined;
    try {
      value = await provider.get(parameterName, { decrypt: true, maxAge: maxAgeSeconds });
    } catch (error) {
      const cause = (error as { cause?: { name?: string } }).cause;
      if (cause?.name === 'ParameterNotFound') {
        throw new ChatConfigurationError(
          'token_parameter_not_found',
          `SSM parameter ${parameterName} (SLACK_TOKEN_PARAMETER) does not exist`,
        );
      }
      throw error;
    }
    if (!value) {
      throw new ChatConfigurationError('token_parameter_empty', `SSM parameter ${parameterName} is empty`);
    }
    return value;
  };
}

export function fixedTokenSource(token: string): TokenSource {
  return async () => token;
}
