import { describe, expect, it } from 'vitest';
import { readChatSettings } from '../../../src/notifications/config';
import { readReLoginCheckSettings } from '../../../src/relogins/config';
import { ConfigError } from '../../../src/shared/config/env';

const minimal = {
  USER_POOL_ID: 'pool',
  ARGOCD_CLIENT_IDS: 'a,b',
  AWS_REGION: 'eu-west-1',
  REPORT_HASH_KEY: 'secret',
};

describe('Function: readReLoginCheckSettings', () => {
  it('should apply the documented defaults', () => {
    expect(readReLoginCheckSettings(minimal)).toEqual({
      userPoolId: 'pool',
      clientIds: ['a', 'b'],
      heavyReLogins: 3,
      windowHours: 24,
      minutesPerReLogin: 0.5,
      proposedValidityHours: 8,
      sessionHours: 24,
      cooldownHours: 24,
      namespace: 'ArgoCD/Auth',
      identity: { mode: 'hashed', key: 'secret' },
      region: 'eu-west-1',
    });
  });

  it('should read every setting it owns', () => {
    const settings = readReLoginCheckSettings({
      ...minimal,
      MINUTES_PER_RELOGIN: '2',
      PROPOSED_VALIDITY_HOURS: '12',
      ALERT_COOLDOWN_HOURS: '6',
      REPORT_IDENTITY: 'email',
      HEAVY_RELOGINS: '5',
      METRICS_DASHBOARD: 'argocd-relogin-monitor-prod',
      ARGOCD_SESSION_HOURS: '12',
    });
    expect(settings).toMatchObject({
      sessionHours: 12,
      minutesPerReLogin: 2,
      proposedValidityHours: 12,
      cooldownHours: 6,
      identity: { mode: 'email' },
      heavyReLogins: 5,
      dashboardName: 'argocd-relogin-monitor-prod',
    });
  });

  it.each([
    [{ ARGOCD_CLIENT_IDS: '' }, 'ARGOCD_CLIENT_IDS must list'],
    [{ USER_POOL_ID: '' }, 'USER_POOL_ID is required'],
    [{ REPORT_HASH_KEY: '' }, 'REPORT_HASH_KEY is required'],
    [{ REPORT_IDENTITY: 'sub' }, 'REPORT_IDENTITY must be one of hashed, email, username'],
    [{ PROPOSED_VALIDITY_HOURS: '25' }, 'PROPOSED_VALIDITY_HOURS must be at most 24'],
    [{ ALERT_COOLDOWN_HOURS: '-1' }, 'ALERT_COOLDOWN_HOURS must be a positive number'],
  ])('should reject %j naming the setting', (override, message) => {
    expect(() => readReLoginCheckSettings({ ...minimal, ...override })).toThrow(ConfigError);
    expect(() => readReLoginCheckSettings({ ...minimal, ...override })).toThrow(message);
  });

  it('should need no hash key when users are shown by name', () => {
    expect(
      readReLoginCheckSettings({ ...minimal, REPORT_HASH_KEY: '', REPORT_IDENTITY: 'username' }).identity,
    ).toEqual({
      mode: 'username',
    });
  });
});

describe('Function: readChatSettings', () => {
  it('should write to the log when no token is configured', () => {
    expect(readChatSettings({ SLACK_CHANNEL: 'C1' })).toEqual({ kind: 'log', channel: 'C1' });
  });

  it('should prefer the SSM parameter over a plain token, and take the API URL', () => {
    expect(
      readChatSettings({
        SLACK_TOKEN_PARAMETER: '/slack/token',
        SLACK_TOKEN: 'xoxb-plain',
        SLACK_CHANNEL: 'C1',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
      }),
    ).toEqual({
      kind: 'slack',
      channel: 'C1',
      token: { parameterName: '/slack/token', maxAgeSeconds: 300 },
      apiUrl: 'http://127.0.0.1:9/api/',
    });
    expect(readChatSettings({ SLACK_TOKEN: 'xoxb-plain', SLACK_CHANNEL: 'C1' })).toEqual({
      kind: 'slack',
      channel: 'C1',
      token: { value: 'xoxb-plain' },
    });
  });

  it('should refuse a token without a channel', () => {
    expect(() => readChatSettings({ SLACK_TOKEN: 'xoxb-plain' })).toThrow('SLACK_CHANNEL is required');
  });
});
