import { describe, expect, it } from 'vitest';
import { blockTexts, readableText } from '../../../local/stand-ins/block-kit';
import { escapeMrkdwn } from '../../../src/notifications/domain/block-kit';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { adviceDocuments } from '../../../src/relogins/domain/advice/documents';
import { dashboardConsoleUrl, metricsConsoleUrl } from '../../../src/relogins/domain/console-links';
import { reLoginAlertMessage } from '../../../src/relogins/domain/relogin-alert-message';
import { buildReLoginAssessment } from '../../../src/relogins/domain/relogin-assessment';
import { userLabeler } from '../../../src/relogins/domain/report-identity';
import type { UpstreamFindings } from '../../../src/upstream';
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
/** Argo CD v3.3.14 deployed, without the upstream fix. */
const DEPLOYED_3_3: UpstreamFindings = {
  deployedVersion: 'v3.3.14',
  checkedAt: END,
  fixes: [
    {
      id: 'argocd-oidc-refresh',
      title: 'use OIDC refresh tokens to renew expired sessions',
      merged: true,
      fixedIn: ['v3.4.6', 'v3.5.0'],
      fixedInPrerelease: [],
      deployedHasFix: false,
      upgradeTo: 'v3.4.6',
    },
  ],
};

function report(events: ActivityEvent[], client = fixtureClient(), upstream: UpstreamFindings | null = null) {
  return buildReLoginAssessment(
    {
      userPoolId: 'ap-northeast-1_EXAMPLE',
      clientId: 'argocdclient0example0000001',
      windowEnd: END,
      events,
      client,
      cognito: { signInSuccesses: 40, tokenRefreshSuccesses: 0 },
      upstream,
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

  it("should give each item's documents as snippet files for the thread, with one line pointing to them, and never the client secret", () => {
    // Act: 1 h ID tokens, 12 h access tokens (with a `<` in the client name).
    const client = fixtureClient({ AccessTokenValidity: 12, ClientName: 'argocd <prod>' });
    const assessment = report(team(2, 8), client);
    const message = reLoginAlertMessage(assessment, presentation);
    const text = readableText(message.blocks);

    // Assess: the files are the advice's documents, byte for byte, in the advice's order.
    const expected = assessment.advice.flatMap((item) => adviceDocuments(item));
    expect(message.documents?.files.map((file) => file.content)).toEqual(
      expected.map((document) => document.content),
    );
    // Two different documents under one name: the second is told apart by its item's id.
    expect(message.documents?.files.map((file) => [file.filename, file.snippetType])).toEqual([
      ['argocd-cm.yaml', 'yaml'],
      ['aws_cognito_user_pool_client.tf.diff', 'diff'],
      ['argocd-app-client.json', 'json'],
      ['fix-token-validity-order.aws_cognito_user_pool_client.tf.diff', 'diff'],
      ['fix-token-validity-order.argocd-app-client.json', 'json'],
    ]);
    // A title says which advice the file belongs to and how to apply it, as plain text.
    expect(message.documents?.files[2]?.title).toBe(
      'Stop-gap: longer token validity — Or with the AWS CLI: save this as argocd-app-client.json, then run `aws cognito-idp update-user-pool-client --cli-input-json file://argocd-app-client.json`',
    );
    expect(message.documents?.files[3]?.content).toContain(
      '-  access_token_validity = 12\n+  access_token_validity = 1',
    );
    // The message itself holds none of them, only the pointer.
    expect(text).not.toContain('```');
    for (const { content } of expected) expect(text).not.toContain(content.split('\n')[1]);
    expect(text).toContain(
      ':paperclip: To apply: `argocd-cm.yaml`, `aws_cognito_user_pool_client.tf.diff`, `argocd-app-client.json`, `fix-token-validity-order.aws_cognito_user_pool_client.tf.diff`, `fix-token-validity-order.argocd-app-client.json`, as files in this thread.',
    );
    expect(JSON.stringify(message)).not.toContain(FIXTURE_CLIENT_SECRET);
  });

  it("should name the threshold mitigation's argocd-cm apart from the upgrade's", () => {
    // Act: Argo CD v3.3.14 deployed: both items offer the same `argocd-cm`.
    const assessment = report(team(2, 8), fixtureClient(), DEPLOYED_3_3);
    const mitigate = assessment.advice.find((item) => item.id === 'mitigate-with-threshold');
    const message = reLoginAlertMessage(assessment, presentation);

    // Assess
    expect(mitigate).toBeDefined();
    expect(message.documents?.files.map((file) => file.filename)).toEqual([
      'argocd-cm.yaml',
      'mitigate-with-threshold.argocd-cm.yaml',
      'aws_cognito_user_pool_client.tf.diff',
      'argocd-app-client.json',
    ]);
    expect(message.documents?.files[1]?.content).toBe(
      mitigate?.id === 'mitigate-with-threshold' && mitigate.argocdCm,
    );
  });

  it('should keep the documents inline, escaped, in the reply for a failed upload', () => {
    // Prepare
    const client = fixtureClient({ AccessTokenValidity: 12, ClientName: 'argocd <prod>' });

    // Act
    const reply = reLoginAlertMessage(report(team(2, 8), client), presentation).documents?.ifUploadFails;
    const lines = blockTexts(reply?.blocks ?? []);

    // Assess
    expect(lines[0]).toBe(
      'The documents could not be attached as files (the upload to Slack failed), so here they are inline.',
    );
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
    const cli = lines.filter((line) =>
      line.startsWith('*Or with the AWS CLI: save this as argocd-app-client.json'),
    );
    expect(cli).toHaveLength(2);
    expect(cli[0]).toContain('"ClientName": "argocd &lt;prod&gt;"');
  });

  it('should point to the command line for a document too long for one Slack section', () => {
    // Prepare: a client with many callback URLs makes the update document longer than 3,000 characters.
    const callbacks = Array.from(
      { length: 60 },
      (_, index) => `https://argocd-${index}.example.com/auth/callback`,
    );
    const client = fixtureClient({ CallbackURLs: callbacks });

    // Act
    const message = reLoginAlertMessage(report(team(2, 8), client), presentation);
    const lines = blockTexts(message.documents?.ifUploadFails.blocks ?? []);

    // Assess: the file carries it whole; only the inline fallback has to point elsewhere.
    const cli = lines.find((line) => line.startsWith('*Or with the AWS CLI')) ?? '';
    expect(cli).toContain('Too long for Slack: `relogin-monitor analyze --client-config');
    expect(lines.every((line) => line.length <= 3000)).toBe(true);
    expect(message.documents?.files.find((file) => file.snippetType === 'json')?.content).toContain(
      'https://argocd-59.example.com/auth/callback',
    );
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
