import { describe, expect, it } from 'vitest';
import { blockTexts, readableText } from '../../../local/stand-ins/block-kit';
import { escapeMrkdwn } from '../../../src/notifications/domain/block-kit';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { dashboardConsoleUrl, metricsConsoleUrl } from '../../../src/relogins/domain/console-links';
import { reLoginAlertMessage } from '../../../src/relogins/domain/relogin-alert-message';
import { buildReLoginAssessment } from '../../../src/relogins/domain/relogin-assessment';
import { userLabeler } from '../../../src/relogins/domain/report-identity';
import { FIXTURE_CLIENT_SECRET, fixtureClient } from '../../support/app-clients';

const END = Date.parse('2026-11-24T08:00:00Z');
const MINUTE = 60_000;
const settings = {
  heavyReLogins: 3,
  windowHours: 24,
  minutesPerReLogin: 0.5,
  proposedValidityHours: 8,
  rules: { sessionHours: 24 },
};

function event(
  user: string,
  kind: ActivityEvent['kind'],
  minutesBeforeEnd: number,
  intervalMinutes: number | null = null,
) {
  return {
    at: END - minutesBeforeEnd * MINUTE,
    kind,
    user,
    username: user,
    email: `${user}@example.com`,
    userPoolId: 'ap-northeast-1_EXAMPLE',
    clientId: 'argocdclient0example0000001',
    intervalMinutes,
  };
}

/** `count` users signing in every hour for `hours` hours. */
function team(count: number, hours: number): ActivityEvent[] {
  return Array.from({ length: count }, (_, index) => `dev${index + 1}`).flatMap((user) => [
    event(user, 'session-start', 600),
    ...Array.from({ length: hours }, (_, hour) => event(user, 're-login', 600 - (hour + 1) * 60, 60)),
  ]);
}

/** The shared DescribeUserPoolClient fixture's client (1 h, 1 h, 30 days), optionally changed. */
function report(events: ActivityEvent[], client = fixtureClient()) {
  return buildReLoginAssessment(
    {
      userPoolId: 'ap-northeast-1_EXAMPLE',
      clientId: 'argocdclient0example0000001',
      windowEnd: END,
      events,
      client,
      cognito: { signInSuccesses: 40, tokenRefreshSuccesses: 0 },
    },
    settings,
  );
}

const presentation = {
  label: userLabeler({ mode: 'email' }),
  metricsUrl: 'https://example.test/metrics',
  worsenedFrom: null,
};

describe('Function: buildReLoginAssessment', () => {
  it('should compute the figures published as metrics', () => {
    // Act: two heavy users (8 re-logins each, 60 min apart) and one with a single 90 min re-login.
    const result = report([
      ...team(2, 8),
      event('eve', 'session-start', 200),
      event('eve', 're-login', 110, 90),
    ]);

    // Assess
    expect(result.totals).toEqual({ logins: 20, reLogins: 17, refreshes: 0, activeUsers: 3 });
    expect(result.heavyUsers.map((user) => user.user)).toEqual(['dev1', 'dev2']);
    expect(result.reLoginIntervalP50Minutes).toBe(60);
    expect(result.reLoginIntervalP90Minutes).toBe(60);
    expect(result.reLoginsPerActiveUser).toBeCloseTo(17 / 3);
    expect(result.estimatedMinutesLost).toBe(8.5);
    expect(result.advice.map((item) => item.id)).toEqual(['upgrade-argocd', 'extend-token-validity']);
  });
});

describe('Function: reLoginAlertMessage', () => {
  it('should lead with the headline numbers and scope', () => {
    // Act
    const message = reLoginAlertMessage(report(team(2, 8)), presentation);

    // Assess
    expect(message.text).toBe(
      'Argo CD re-logins: 2 heavy users; 16 re-logins among 2 active users in the last 24 h (client argocdclient0example0000001).',
    );
    const lines = blockTexts(message.blocks);
    expect(lines[0]).toBe('Argo CD re-logins: 2 heavy users');
    expect(lines[1]).toBe(
      'Users of Argo CD app client `argocdclient0example0000001` (user pool `ap-northeast-1_EXAMPLE`) were sent back to the login page *16 times* in the 24 h up to 2026-11-24 08:00 UTC.',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        '*Active users*\n2',
        '*Re-logins*\n16 of 18 logins',
        '*Re-login interval*\np50 1 h · p90 1 h',
        '*Time lost (estimate)*\n8 min',
        '*Token refreshes*\nseen by the trigger: 0\nCognito: 0 refreshes, 40 sign-ins',
        '*App client token validity*\nID 1 h · access 1 h · refresh 30 d',
      ]),
    );
  });

  it('should list heavy users as REPORT_IDENTITY says, at most ten, and count the rest', () => {
    // Act
    const message = reLoginAlertMessage(report(team(12, 4)), {
      ...presentation,
      label: userLabeler({ mode: 'username' }),
    });

    // Assess
    const list = blockTexts(message.blocks).find((line) => line.startsWith('*Heavy users*')) ?? '';
    expect(list.split('\n')).toEqual([
      '*Heavy users* (3 or more re-logins in 24 h)',
      ...['dev1', 'dev10', 'dev11', 'dev12', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7'].map(
        (user) => `• ${user}: 4 re-logins, median every 1 h`,
      ),
      '…and 2 more',
    ]);
  });

  it('should carry every advice item with its title and the metrics link', () => {
    // Act
    const text = readableText(reLoginAlertMessage(report(team(2, 8)), presentation).blocks);

    // Assess
    expect(text).toContain(
      ':warning: *Upgrade Argo CD (the real fix)*\nThe real fix: no refresh-token use was seen. Upgrade Argo CD to v3.4.6 / v3.5.0 or later',
    );
    expect(text).toContain(':warning: *Stop-gap: longer token validity*\nStop-gap: raise IdTokenValidity');
    expect(text).toContain('<https://example.test/metrics|Open the metrics in CloudWatch>');
  });

  it("should show each item's documents as code blocks, escaped, and never the client secret", () => {
    // Act: 1 h ID tokens, 12 h access tokens (with a `<` to escape in the client name).
    const client = fixtureClient({ AccessTokenValidity: 12, ClientName: 'argocd <prod>' });
    const message = reLoginAlertMessage(report(team(2, 8), client), presentation);
    const lines = blockTexts(message.blocks);

    // Assess
    expect(lines).toContain(
      [
        '*`argocd-cm` (`kubectl -n &lt;argocd namespace&gt; edit configmap argocd-cm`)*',
        '```',
        'data:',
        '  oidc.config: |',
        '    # keep your keys (name, issuer, clientID, clientSecret, requestedScopes, ...) and add:',
        '    refreshTokenThreshold: 15m',
        '  users.session.duration: 24h   # optional (default 24h): how often users sign in again once Argo CD refreshes',
        '```',
      ].join('\n'),
    );
    const terraform = lines.filter((line) => line.startsWith('*Terraform (`aws_cognito_user_pool_client`)*'));
    // The stop-gap (8 h / 8 h) and the order fix (access down to 1 h): two different changes.
    expect(terraform).toHaveLength(2);
    expect(terraform[1]).toContain('-  access_token_validity = 12\n+  access_token_validity = 1');
    const cli = lines.filter((line) =>
      line.startsWith('*Or with the AWS CLI: save this as argocd-app-client.json'),
    );
    expect(cli).toHaveLength(2);
    expect(cli[0]).toContain('"ClientName": "argocd &lt;prod&gt;"');
    expect(lines.some((line) => line.includes(':warning: *Access token outlives the ID token*'))).toBe(true);
    expect(JSON.stringify(message)).not.toContain(FIXTURE_CLIENT_SECRET);
  });

  it('should point to the command line for a document too long for one Slack section', () => {
    // Prepare: a client with many callback URLs makes the update document longer than 3,000 characters.
    const callbacks = Array.from(
      { length: 60 },
      (_, index) => `https://argocd-${index}.example.com/auth/callback`,
    );
    const client = fixtureClient({ CallbackURLs: callbacks });

    // Act
    const lines = blockTexts(reLoginAlertMessage(report(team(2, 8), client), presentation).blocks);

    // Assess
    const cli = lines.find((line) => line.startsWith('*Or with the AWS CLI')) ?? '';
    expect(cli).toContain('Too long for Slack: `relogin-monitor analyze --client-config');
    expect(lines.every((line) => line.length <= 3000)).toBe(true);
  });

  it('should say when an early alert comes because it got worse', () => {
    // Act
    const text = readableText(
      reLoginAlertMessage(report(team(4, 8)), { ...presentation, worsenedFrom: 2 }).blocks,
    );

    // Assess
    expect(text).toContain('Worse since the last alert: 2 → 4 heavy users.');
  });

  it('should escape user labels so they cannot inject links or mentions', () => {
    expect(escapeMrkdwn('<!channel> & co')).toBe('&lt;!channel&gt; &amp; co');
  });
});

describe('Function: metricsConsoleUrl', () => {
  it('should open the metrics of the namespace for the client in the region', () => {
    expect(metricsConsoleUrl('eu-west-1', 'ArgoCD/Auth', 'abc')).toBe(
      "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2?graph=~()&query=~'*7BArgoCD*2FAuth*2CClientId*2CUserPoolId*7D*20abc",
    );
  });

  it('should open the stack dashboard by name', () => {
    expect(dashboardConsoleUrl('eu-west-1', 'argocd-relogin-monitor-prod')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/argocd-relogin-monitor-prod',
    );
  });
});
