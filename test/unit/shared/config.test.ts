import { describe, expect, it } from 'vitest';
import { readChatSettings } from '../../../src/notifications/config';
import { readTrackingSettings } from '../../../src/relogins/config';
import {
  ConfigError,
  oneOf,
  optionalSsmParameterName,
  positiveNumber,
  requiredString,
  stringList,
} from '../../../src/shared/config/env';
import { readTableSettings } from '../../../src/shared/config/settings';
import { readTriggerBudgetMs } from '../../../src/sign-ins/config';
import { readGitHubSettings } from '../../../src/upstream/config';

describe('Module: config', () => {
  it('should name a missing required setting', () => {
    expect(() => requiredString({}, 'TABLE_NAME')).toThrow(
      new ConfigError('TABLE_NAME is required but not set'),
    );
    expect(() => readTableSettings({ TABLE_NAME: '  ' })).toThrow('TABLE_NAME is required');
  });

  it('should reject numbers that are not positive, naming the setting and the value', () => {
    expect(() => positiveNumber({ DEDUPE_SECONDS: 'abc' }, 'DEDUPE_SECONDS', 30)).toThrow(
      'DEDUPE_SECONDS must be a positive number, got "abc"',
    );
    expect(() => positiveNumber({ DEDUPE_SECONDS: '0' }, 'DEDUPE_SECONDS', 30)).toThrow(ConfigError);
    expect(positiveNumber({}, 'DEDUPE_SECONDS', 30)).toBe(30);
  });

  it('should split comma-separated lists and treat empty as none', () => {
    expect(stringList({ ARGOCD_CLIENT_IDS: ' a, b ,,c ' }, 'ARGOCD_CLIENT_IDS')).toEqual(['a', 'b', 'c']);
    expect(stringList({ ARGOCD_CLIENT_IDS: '' }, 'ARGOCD_CLIENT_IDS')).toEqual([]);
  });

  it('should accept only listed choices', () => {
    expect(oneOf({ MODE: 'email' }, 'MODE', ['email', 'hashed'], 'hashed')).toBe('email');
    expect(() => oneOf({ MODE: 'x' }, 'MODE', ['email', 'hashed'], 'hashed')).toThrow(
      'MODE must be one of email, hashed',
    );
  });

  it('should apply the documented defaults', () => {
    expect(readTrackingSettings({})).toEqual({
      trackedClientIds: new Set(),
      rules: { dedupeSeconds: 30, sessionHours: 24 },
      heavyReLogins: 3,
    });
    expect(readTableSettings({ TABLE_NAME: 't' })).toEqual({ tableName: 't', retentionDays: 35 });
  });

  it('should keep the trigger budget under the function timeout', () => {
    expect(readTriggerBudgetMs({})).toBe(500);
    expect(readTriggerBudgetMs({ TRIGGER_BUDGET_MS: '2000' })).toBe(2000);
    expect(() => readTriggerBudgetMs({ TRIGGER_BUDGET_MS: '3000' })).toThrow(
      new ConfigError(
        'TRIGGER_BUDGET_MS must be at most 2000 (Cognito waits 5 s at most for the whole trigger), got 3000',
      ),
    );
  });

  it('should refuse SSM parameter names the IAM grants could not match', () => {
    expect(optionalSsmParameterName({ P: '/relogin/slack-token' }, 'P')).toBe('/relogin/slack-token');
    expect(optionalSsmParameterName({}, 'P')).toBeUndefined();
    expect(() => readChatSettings({ SLACK_TOKEN_PARAMETER: 'slack-token', SLACK_CHANNEL: 'C1' })).toThrow(
      new ConfigError(
        'SLACK_TOKEN_PARAMETER must be an SSM parameter path starting with "/", got "slack-token"',
      ),
    );
    expect(() => readGitHubSettings({ GITHUB_TOKEN_PARAMETER: 'github-token' })).toThrow(
      'GITHUB_TOKEN_PARAMETER must be an SSM parameter path starting with "/"',
    );
  });

  it.each([
    ['SLACK_TOKEN_PARAMETER', `xoxb-1111-2222-${'q'.repeat(24)}`],
    ['GITHUB_TOKEN_PARAMETER', `ghp_${'Z'.repeat(36)}`],
    ['GITHUB_TOKEN_PARAMETER', `github_pat_${'Y'.repeat(40)}`],
    ['GITHUB_TOKEN_PARAMETER', 'k9'.repeat(20)],
  ])('should refuse a token pasted into %s without echoing it', (name, token) => {
    const read = () =>
      name === 'SLACK_TOKEN_PARAMETER'
        ? readChatSettings({ [name]: token, SLACK_CHANNEL: 'C1' })
        : readGitHubSettings({ [name]: token });
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/store it in SSM and give the parameter's name|may be the token itself/);
    expect(read).not.toThrow(token.slice(4, 12));
  });
});
