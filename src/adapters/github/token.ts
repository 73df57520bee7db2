/** The GitHub token: from an SSM SecureString (read at run time, cached 5 minutes), or given directly. */
import { ConfigError } from '../../shared/config/env';
import type { GitHubSettings } from '../../upstream';
import { SecureStringUnavailable, ssmSecureString } from '../ssm/secure-string';

const CACHE_SECONDS = 300;

export function githubTokenProvider(settings: GitHubSettings): () => Promise<string | undefined> {
  const { tokenParameter, token } = settings;
  if (tokenParameter === undefined) return async () => token;
  const read = ssmSecureString(tokenParameter, CACHE_SECONDS);
  return async () => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof SecureStringUnavailable) {
        throw new ConfigError(`GITHUB_TOKEN_PARAMETER: ${error.message}`);
      }
      throw error;
    }
  };
}
