/**
 * Where chat messages go, shared by every scheduled job: Slack with a token from SSM
 * (`SLACK_TOKEN_PARAMETER`, deployed) or from `SLACK_TOKEN` (local runs), else the log (dry runs).
 */
import {
  type Env,
  optionalSsmParameterName,
  optionalString,
  positiveNumber,
  requiredString,
} from '../shared/config/env';

export type ChatSettings =
  | {
      kind: 'slack';
      channel: string;
      token: { parameterName: string; maxAgeSeconds: number } | { value: string };
      /** SLACK_API_URL, e.g. a local fake; default Slack's own. */
      apiUrl?: string;
    }
  | { kind: 'log'; channel?: string };

/** `channelSettings`: where the channel is read, first set wins (the report: REPORT_CHANNEL, then SLACK_CHANNEL). */
export function readChatSettings(
  env: Env,
  channelSettings: readonly string[] = ['SLACK_CHANNEL'],
): ChatSettings {
  const parameterName = optionalSsmParameterName(env, 'SLACK_TOKEN_PARAMETER');
  const value = optionalString(env, 'SLACK_TOKEN');
  const channelSetting = channelSettings.find((name) => optionalString(env, name) !== undefined);
  const channel = channelSetting === undefined ? undefined : optionalString(env, channelSetting);
  if (parameterName === undefined && value === undefined) {
    return { kind: 'log', ...(channel ? { channel } : {}) };
  }
  const apiUrl = optionalString(env, 'SLACK_API_URL');
  return {
    kind: 'slack',
    // A token without a channel is a half-done set-up: say so now, not at the first alert.
    channel: requiredString(env, channelSetting ?? channelSettings.join(' or ')),
    token:
      parameterName !== undefined
        ? { parameterName, maxAgeSeconds: positiveNumber(env, 'SLACK_TOKEN_CACHE_SECONDS', 300) }
        : { value: value as string },
    ...(apiUrl ? { apiUrl } : {}),
  };
}
