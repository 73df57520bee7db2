/** The GitHub token: from an SSM SecureString (read at run time, cached by Powertools), or given directly. */
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ConfigError } from '../../config/env';
import type { GitHubSettings } from '../../config/upstream';

const CACHE_SECONDS = 300;

export function githubTokenProvider(settings: GitHubSettings): () => Promise<string | undefined> {
  const { tokenParameter, token } = settings;
  if (tokenParameter === undefined) return async () => token;
  const ssm = new SSMProvider();
  return async () => {
    let value: string | undefined;
    try {
      value = await ssm.get(tokenParameter, { decrypt: true, maxAge: CACHE_SECONDS });
    } catch (error) {
      if ((error as { cause?: { name?: string } }).cause?.name === 'ParameterNotFound') {
        throw new ConfigError(`GITHUB_TOKEN_PARAMETER: SSM parameter ${tokenParameter} does not exist`);
      }
      throw error;
    }
    if (value === undefined || value.trim() === '') {
      throw new ConfigError(`GITHUB_TOKEN_PARAMETER: SSM parameter ${tokenParameter} is empty`);
    }
    return value.trim();
  };
}
