/** What the doctor reads from Slack: auth.test (the token's scopes come back in a header) and channel membership. */
import { LogLevel, WebClient } from '@slack/web-api';
import type { SlackFacts } from '../../adoption';

export async function slackReadiness(
  token: string,
  channels: readonly string[],
  options: { apiUrl?: string; timeoutMs: number },
): Promise<SlackFacts> {
  const client = new WebClient(token, {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs,
    logLevel: LogLevel.ERROR,
  });
  const auth = await client.auth.test();
  const memberships = await Promise.all(
    channels.map(async (channel): Promise<[string, boolean | undefined]> => {
      try {
        const info = await client.conversations.info({ channel });
        return [channel, info.channel?.is_member ?? false];
      } catch {
        return [channel, undefined];
      }
    }),
  );
  return {
    scopes: auth.response_metadata?.scopes ?? [],
    team: String(auth.team ?? ''),
    channels: Object.fromEntries(memberships),
  };
}
