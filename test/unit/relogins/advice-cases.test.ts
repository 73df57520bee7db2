/** The advice true to Argo CD's fixed refresh code (docs/argocd-and-cognito.md), each case from the shared DescribeUserPoolClient fixture. */
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import {
  type AdviceItem,
  advise,
  type DiagnosePartialRefreshAdvice,
  type FixTokenValidityOrderAdvice,
  type RevertTokenValidityAdvice,
  type UpgradeArgoCdAdvice,
} from '../../../src/relogins/domain/advice';
import { adviceDocuments } from '../../../src/relogins/domain/advice/documents';
import { fixMessage } from '../../../src/upstream/domain/fix-message';
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import { activityAt, adviceInputFor, T0 } from '../../support/activity';
import { FIXTURE_CLIENT_SECRET, fixtureClient } from '../../support/app-clients';

const at = activityAt;

/** ann and ben sign in again every hour for 4 h (heavy at 3), cid once. */
const heavyTeam: ActivityEvent[] = [
  at('ann', 'session-start', 0),
  ...[60, 120, 180, 240].map((minutes) => at('ann', 're-login', minutes)),
  at('ben', 'session-start', 0),
  ...[60, 120, 180].map((minutes) => at('ben', 're-login', minutes)),
  at('cid', 'session-start', 30),
];
const calm = [at('ann', 'session-start', 0), at('ann', 'refresh', 60)];

const input = adviceInputFor;

function report(
  deployedVersion: string,
  deployedHasFix: boolean,
  upgradeTo: string | null,
): UpstreamFindings {
  return {
    deployedVersion,
    checkedAt: T0,
    fixes: [
      {
        id: 'argocd-oidc-refresh',
        title: 'use OIDC refresh tokens to renew expired sessions',
        merged: true,
        fixedIn: ['v3.4.6', 'v3.5.0'],
        fixedInPrerelease: ['v3.5.0-rc3'],
        deployedHasFix,
        upgradeTo,
      },
    ],
  };
}

function item<T extends AdviceItem>(advice: AdviceItem[], id: T['id']): T {
  const found = advice.find((candidate) => candidate.id === id);
  if (found === undefined)
    throw new Error(`no ${id} in ${advice.map((candidate) => candidate.id).join(', ')}`);
  return found as T;
}

describe('Advice: upgrade-argocd', () => {
  it('should tell a release that never refreshes from 3.3.x, which refreshes only before expiry', () => {
    const lead = (version: string) =>
      item<UpgradeArgoCdAdvice>(
        advise(input(heavyTeam, { upstream: report(version, false, 'v3.4.6') })),
        'upgrade-argocd',
      ).text;
    expect(lead('v3.2.5')).toContain(
      'Argo CD v3.2.5 is deployed and never refreshes OIDC sessions. Upgrade to v3.4.6',
    );
    expect(lead('v3.3.14')).toContain('Argo CD v3.3.14 is deployed and does not renew an expired session');
    expect(lead('v3.3.0')).toContain('it refreshes only before expiry, with `refreshTokenThreshold` set');
  });

  it('should say upgrading makes refresh work, recommend (never require) the threshold, and give the argocd-cm YAML', () => {
    // Act
    const upgrade = item<UpgradeArgoCdAdvice>(
      advise(input(heavyTeam, { upstream: report('v3.3.14', false, 'v3.4.6') })),
      'upgrade-argocd',
    );

    // Assess
    expect(upgrade.text).toContain('Upgrade to v3.4.6: upgrading is what makes refresh work.');
    expect(upgrade.text).toContain(
      'Argo CD then renews an expired session with the refresh token it cached at login, with no setting needed.',
    );
    expect(upgrade.text).toContain(
      'Recommended, not required: `refreshTokenThreshold: 15m` inside the `oidc.config` block',
    );
    expect(upgrade.text).not.toMatch(
      /(?<!not )required|must set|turns (the )?refresh off|0 (turns|disables)/i,
    );
    expect(upgrade.argocdCm).toBe(
      [
        'data:',
        '  oidc.config: |',
        '    # keep your keys (name, issuer, clientID, clientSecret, requestedScopes, ...) and add:',
        '    refreshTokenThreshold: 15m',
        '  users.session.duration: 24h   # optional (default 24h): how often users sign in again once Argo CD refreshes',
      ].join('\n'),
    );
    expect(adviceDocuments(upgrade).map((document) => document.content)).toEqual([upgrade.argocdCm]);
  });

  it('should expect a sign-in every users.session.duration after the fix, in the what-if too', () => {
    // Act
    const upgrade = item<UpgradeArgoCdAdvice>(advise(input(heavyTeam)), 'upgrade-argocd');

    // Assess: 3 user-days, (4 + 3 + 0) / 3 re-logins now; none of them spans 24 h.
    expect(upgrade).toMatchObject({
      reLoginCeiling: { minutes: 1440, setBy: 'users.session.duration' },
      observedUserDays: 3,
      reLoginsPerUserDayNow: 2.33,
      predictedReLoginsPerUserDayAfterFix: 0,
    });
    expect(upgrade.text).toContain(
      "After the upgrade users sign in again every 24 h: `users.session.duration` in `argocd-cm` (default 24h; this monitor takes 24h from ARGOCD_SESSION_HOURS), shorter than the app client's 30 d RefreshTokenValidity.",
    );
  });

  it('should expect a sign-in every RefreshTokenValidity when it is shorter than the session, and name it', () => {
    // Prepare: 12 h refresh tokens, an Argo CD session of 24 h; ann active for 13 h, signing in every hour.
    const client = fixtureClient({ RefreshTokenValidity: 12, TokenValidityUnits: { RefreshToken: 'hours' } });
    const longDay = [
      at('ann', 'session-start', 0),
      ...Array.from({ length: 13 }, (_, hour) => at('ann', 're-login', (hour + 1) * 60)),
    ];

    // Act
    const upgrade = item<UpgradeArgoCdAdvice>(advise(input(longDay, { client })), 'upgrade-argocd');

    // Assess: floor(780 / 720) = 1 re-login a day after the fix.
    expect(upgrade).toMatchObject({
      reLoginCeiling: { minutes: 720, setBy: 'RefreshTokenValidity' },
      predictedReLoginsPerUserDayAfterFix: 1,
    });
    expect(upgrade.text).toContain(
      "every 12 h, the app client's RefreshTokenValidity, which is shorter than `users.session.duration` in `argocd-cm`",
    );
  });

  it('should say what the stop-gap costs while it is in place and nothing refreshes', () => {
    // Prepare: the 8 h stop-gap, one sign-in a day, no refresh.
    const stretched = fixtureClient({ IdTokenValidity: 8, AccessTokenValidity: 8 });

    // Act
    const upgrade = item<UpgradeArgoCdAdvice>(
      advise(input([at('ann', 'session-start', 0)], { client: stretched })),
      'upgrade-argocd',
    );
    const unstretched = item<UpgradeArgoCdAdvice>(
      advise(input([at('ann', 'session-start', 0)])),
      'upgrade-argocd',
    );

    // Assess
    expect(upgrade.text).toContain(
      'The stretched validity (ID 8 h / access 8 h) is the stop-gap, and it has a cost: a leaked ID or access token stays valid for up to 8 h, and signing a user out in Cognito ends their Argo CD access only when the token expires. Undo it once users refresh after the upgrade.',
    );
    expect(unstretched.text).not.toContain('stop-gap');
  });

  it('should not speak of an upgrade when the deployed release already has the fix', () => {
    // Act
    const upgrade = item<UpgradeArgoCdAdvice>(
      advise(input([at('ann', 'session-start', 0)], { upstream: report('v3.5.1', true, null) })),
      'upgrade-argocd',
    );

    // Assess
    expect(upgrade.severity).toBe('info');
    expect(upgrade.text).toContain(
      'Argo CD v3.5.1 is deployed and has the refresh fix, which needs no setting',
    );
    expect(upgrade.text).toContain('Argo CD gets no refresh token from its bundled Dex');
    expect(upgrade.text).toContain('Once refresh works, users sign in again every 24 h');
    expect(upgrade.text).not.toContain('After the upgrade');
  });
});

describe('Advice: fix-token-validity-order', () => {
  it('should warn before the upgrade that a longer access token will break the refresh, and show the fix', () => {
    // Prepare: 1 h ID tokens, 12 h access tokens; nothing refreshes yet.
    const client = fixtureClient({ AccessTokenValidity: 12 });

    // Act
    const advice = advise(input(heavyTeam, { client }));
    const order = item<FixTokenValidityOrderAdvice>(advice, 'fix-token-validity-order');

    // Assess
    expect(advice.map((entry) => entry.id)).toEqual([
      'upgrade-argocd',
      'extend-token-validity',
      'fix-token-validity-order',
    ]);
    expect(order).toMatchObject({
      severity: 'warning',
      refreshSeen: false,
      idTokenValidityMinutes: 60,
      accessTokenValidityMinutes: 720,
      clientChange: { idTokenMinutes: 60, accessTokenMinutes: 60 },
    });
    expect(order.text).toContain(
      'AccessTokenValidity (12 h) is longer than IdTokenValidity (1 h). Harmless while Argo CD does not refresh; once it runs v3.4.6 / v3.5.0 or later it breaks the refresh:',
    );
    expect(order.text).toContain('logs `failed to verify refreshed token`');
    expect(order.text).toContain('(extend-token-validity above keeps the two equal too: apply one of them.)');
    expect(order.clientChange?.terraform).toContain(
      '-  access_token_validity = 12\n+  access_token_validity = 1',
    );
    expect(JSON.parse(order.clientChange?.cliInputJson ?? '{}')).toMatchObject({
      IdTokenValidity: 1,
      AccessTokenValidity: 1,
    });
  });

  it('should say it breaks the refresh now once refreshes are seen, and not repeat the revert document', () => {
    // Prepare: a half-undone stop-gap: ID back at 1 h, access still 8 h.
    const client = fixtureClient({ AccessTokenValidity: 8 });

    // Act
    const advice = advise(input(calm, { client }));
    const order = item<FixTokenValidityOrderAdvice>(advice, 'fix-token-validity-order');
    const revert = item<RevertTokenValidityAdvice>(advice, 'revert-token-validity');

    // Assess
    expect(order.text).toContain('Refresh is in use, so this breaks it now:');
    expect(order.text).toContain('revert-token-validity above makes this very change.');
    expect(order.clientChange).toBeNull();
    expect(adviceDocuments(order)).toEqual([]);
    expect(revert.clientChange).toMatchObject({ idTokenMinutes: 60, accessTokenMinutes: 60 });
  });

  it('should stay silent when the access token lives at most as long as the ID token', () => {
    // Act
    const advice = advise(
      input(calm, { client: fixtureClient({ IdTokenValidity: 2, AccessTokenValidity: 1 }) }),
    );

    // Assess
    expect(advice.map((entry) => entry.id)).toEqual(['revert-token-validity']);
  });
});

describe('Advice: every change keeps the access token at most the ID token', () => {
  it('should raise both to the same value in the stop-gap and lower both in the revert, never raising the ID token', () => {
    // Act
    const extend = item(
      advise(input(heavyTeam, { client: fixtureClient({ AccessTokenValidity: 12 }) })),
      'extend-token-validity',
    );
    // 30 min ID tokens, 8 h access tokens: the revert keeps 30 min and brings access down to it.
    const revert = item<RevertTokenValidityAdvice>(
      advise(
        input(calm, {
          client: fixtureClient({
            IdTokenValidity: 30,
            AccessTokenValidity: 8,
            TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'hours', RefreshToken: 'days' },
          }),
        }),
      ),
      'revert-token-validity',
    );

    // Assess
    expect(extend.id === 'extend-token-validity' && extend.clientChange).toMatchObject({
      idTokenMinutes: 480,
      accessTokenMinutes: 480,
    });
    expect(revert.clientChange).toMatchObject({ idTokenMinutes: 30, accessTokenMinutes: 30 });
    expect(revert.text).toContain(
      'Set IdTokenValidity / AccessTokenValidity to 30 min / 30 min (now 30 min / 8 h)',
    );
    expect(revert.text).toContain('keep it shorter than the new ID-token validity (for example 7m)');
  });

  it('should offer no document when the app client could not be read', () => {
    // Act
    const advice = advise(input(heavyTeam, { client: null }));

    // Assess
    expect(advice.map((entry) => [entry.id, adviceDocuments(entry).length])).toEqual([
      ['upgrade-argocd', 1],
      ['extend-token-validity', 0],
    ]);
  });

  it('should never carry the client secret, in any item or document', () => {
    // Act
    const all = [
      ...advise(input(heavyTeam, { client: fixtureClient({ AccessTokenValidity: 12 }) })),
      ...advise(input(calm, { client: fixtureClient({ IdTokenValidity: 8, AccessTokenValidity: 8 }) })),
    ];

    // Assess
    expect(all.map((entry) => entry.id)).toEqual([
      'upgrade-argocd',
      'extend-token-validity',
      'fix-token-validity-order',
      'revert-token-validity',
    ]);
    expect(JSON.stringify(all)).not.toContain(FIXTURE_CLIENT_SECRET);
  });
});

describe('Advice: diagnose-partial-refresh', () => {
  const causes = (advice: AdviceItem[]) =>
    item<DiagnosePartialRefreshAdvice>(advice, 'diagnose-partial-refresh').causes.map((cause) => cause.id);

  it('should put what the settings and the report prove first, then the no-refresh paths when heavy users never refreshed', () => {
    // Prepare: a public client (no secret) with 8 h access tokens; ann and ben never refreshed, cid did.
    const client = fixtureClient({ ClientSecret: undefined, AccessTokenValidity: 8 });
    const events = [...heavyTeam, at('cid', 'refresh', 90)];

    // Act
    const advice = advise(input(events, { client, upstream: report('v3.4.2', false, 'v3.4.6') }));
    const diagnosis = item<DiagnosePartialRefreshAdvice>(advice, 'diagnose-partial-refresh');

    // Assess
    expect(advice.map((entry) => entry.id)).toEqual(['diagnose-partial-refresh', 'fix-token-validity-order']);
    expect(diagnosis).toMatchObject({
      severity: 'warning',
      refreshes: 1,
      heavyUsers: 2,
      heavyUsersWithoutRefresh: 2,
    });
    expect(causes(advice)).toEqual([
      'deployed-release-not-fixed',
      'access-longer-than-id',
      'instance-not-fixed',
      'dex',
      'userinfo-groups',
      'cli',
      'session-cache-lost',
    ]);
    expect(diagnosis.text).toContain(
      'Refresh tokens are used (1 refresh), yet 2 users re-logged in 3 or more times (2 of them never refreshed). Causes that fit, most likely first:\n' +
        '1. The watched Argo CD runs v3.4.2, which does not renew an expired session: it refreshes only before expiry, with `refreshTokenThreshold` set and a request inside that window, so a session idle past expiry signs in again (the fix, #27777, is not in it): upgrade it to v3.4.6.\n' +
        '2. AccessTokenValidity (8 h) is longer than IdTokenValidity (1 h)',
    );
    expect(diagnosis.text).toContain(
      'bundled Dex: Argo CD gets no refresh token from it (it does not request `offline_access`)',
    );
    expect(diagnosis.text).toContain('`enableUserInfoGroups: true` in `oidc.config`');
    expect(diagnosis.text).toContain('CLIs before v3.4.0 replace the stored refresh token');
  });

  it('should lead with the causes that end a session after a refresh when the heavy users did refresh, and leave out the CLI for a confidential client', () => {
    // Prepare: the fixture's client has a secret, which `argocd login --sso` never sends.
    const events = [...heavyTeam, at('ann', 'refresh', 30), at('ben', 'refresh', 30)];

    // Act
    const advice = advise(input(events));

    // Assess
    expect(causes(advice)).toEqual(['userinfo-groups', 'instance-not-fixed', 'dex', 'session-cache-lost']);
    expect(item(advice, 'diagnose-partial-refresh').text).toContain('(each of them refreshed at least once)');
  });

  it("should not split heavy users by refresh when only Cognito's counts show refreshes", () => {
    // Act
    const advice = advise(input(heavyTeam, { cognitoTokenRefreshes: 40 }));
    const diagnosis = item<DiagnosePartialRefreshAdvice>(advice, 'diagnose-partial-refresh');

    // Assess
    expect(diagnosis.heavyUsersWithoutRefresh).toBeNull();
    expect(diagnosis.text).toContain(
      'Refresh tokens are used (40 refreshes), yet 2 users re-logged in 3 or more times. Causes',
    );
    expect(causes(advice)).toEqual(['instance-not-fixed', 'dex', 'userinfo-groups', 'session-cache-lost']);
  });
});

describe('One threshold policy', () => {
  it('should give a 90 min ID token the same threshold in the alert and in the release message', () => {
    // Prepare
    const client = fixtureClient({
      IdTokenValidity: 90,
      AccessTokenValidity: 90,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes' },
    });
    const entry = {
      id: 'argocd-oidc-refresh',
      repo: 'argoproj/argo-cd',
      title: 't',
      pulls: [27777],
      advice: 'Set refreshTokenThreshold.',
    };
    const status = { ...report('v3.3.14', false, 'v3.4.6').fixes[0], advice: entry.advice } as Parameters<
      typeof fixMessage
    >[1];

    // Act
    const upgrade = item<UpgradeArgoCdAdvice>(advise(input(heavyTeam, { client })), 'upgrade-argocd');
    const release = JSON.stringify(
      fixMessage(entry, status, 'v3.3.14', {
        idTokenValidity: [{ clientId: 'argocdclient0example0000001', idTokenMinutes: 90 }],
      }),
    );

    // Assess
    expect(upgrade.suggestedRefreshTokenThreshold).toBe('22m');
    expect(upgrade.text).toContain('`refreshTokenThreshold: 22m`');
    expect(upgrade.text).toContain('shorter than the 1 h 30 min ID-token validity');
    expect(release).toContain(
      'shorter than the 1 h 30 min ID-token validity of app client argocdclient0example0000001 (for example 22m).',
    );
  });
});
