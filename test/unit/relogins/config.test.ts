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
      rules: { dedupeSeconds: 30, sessionHours: 24 },
      heavyReLogins: 3,
      windowHours: 24,
      minutesPerReLogin: 0.5,
      proposedValidityHours: 8,
      cooldownHours: 24,
      namespace: 'ArgoCD/Auth',
      identity: { mode: 'hashed', key: 'secret' },
      region: 'eu-west-1',
      stopGapReminder: 'message',
      messages: expect.objectContaining({ locale: 'en' }),
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
      STOP_GAP_REMINDER: 'off',
      ARGOCD_SESSION_HOURS: '12',
    });
    expect(settings).toMatchObject({
      rules: { sessionHours: 12 },
      minutesPerReLogin: 2,
      proposedValidityHours: 12,
      cooldownHours: 6,
      identity: { mode: 'email' },
      heavyReLogins: 5,
      dashboardName: 'argocd-relogin-monitor-prod',
      stopGapReminder: 'off',
    });
  });

  it('should find the pool by USER_POOL_NAME when USER_POOL_ID is not set', () => {
    const settings = readReLoginCheckSettings({
      ...minimal,
      USER_POOL_ID: '',
      USER_POOL_NAME: 'argocd-users',
    });
    expect(settings.userPoolName).toBe('argocd-users');
    expect(settings).not.toHaveProperty('userPoolId');
    expect(readReLoginCheckSettings({ ...minimal, USER_POOL_NAME: 'argocd-users' })).not.toHaveProperty(
      'userPoolName',
    );
  });

  it('should check every client with activity when ARGOCD_CLIENT_IDS is empty', () => {
    expect(readReLoginCheckSettings({ ...minimal, ARGOCD_CLIENT_IDS: '' }).clientIds).toEqual([]);
  });

  it('should take the session rules from DEDUPE_SECONDS and ARGOCD_SESSION_HOURS', () => {
    expect(
      readReLoginCheckSettings({ ...minimal, DEDUPE_SECONDS: '5', ARGOCD_SESSION_HOURS: '12' }).rules,
    ).toEqual({
      dedupeSeconds: 5,
      sessionHours: 12,
    });
  });

  it.each([
    [{ USER_POOL_ID: '' }, 'USER_POOL_ID or USER_POOL_NAME is required but neither is set'],
    [{ REPORT_HASH_KEY: '' }, 'REPORT_HASH_KEY is required'],
    [{ REPORT_IDENTITY: 'sub' }, 'REPORT_IDENTITY must be one of hashed, email, username'],
    [{ PROPOSED_VALIDITY_HOURS: '25' }, 'PROPOSED_VALIDITY_HOURS must be at most 24'],
    [{ ALERT_COOLDOWN_HOURS: '-1' }, 'ALERT_COOLDOWN_HOURS must be a positive number'],
    [{ STOP_GAP_REMINDER: 'slack' }, 'STOP_GAP_REMINDER must be one of message, report, off, got "slack"'],
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
