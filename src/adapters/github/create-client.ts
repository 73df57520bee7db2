/** The GitHub client the settings ask for: base URL, timeout, and the token from SSM or given directly. */

import type { Clock } from '../../shared/clock';
import type { GitHubApi, GitHubSettings } from '../../upstream';
import { GitHubRestClient } from './rest-client';
import { githubTokenProvider } from './token';

export function createGitHubClient(settings: GitHubSettings, clock: Clock): GitHubApi {
  return new GitHubRestClient({
    baseUrl: settings.apiUrl,
    token: githubTokenProvider(settings),
    timeoutMs: settings.timeoutMs,
    clock,
  });
}
