/**
 * Each correction of the audit of the advice against the argo-cd source (issue 20; docs/argocd-and-cognito.md
 * "The upstream fix and its releases" and "How the fixed refresh works"), pinned: the sentence that was wrong or too strong must not
 * come back, and the true one must be there.
 */
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import {
  type AdviceItem,
  advise,
  type DiagnosePartialRefreshAdvice,
  type MitigateWithThresholdAdvice,
} from '../../../src/relogins/domain/advice';
import { adviceDocuments } from '../../../src/relogins/domain/advice/documents';
import { sessionDuration } from '../../../src/shared/durations';
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import { activityAt, adviceInputFor, T0 } from '../../support/activity';
import { fixtureClient } from '../../support/app-clients';

const at = activityAt;

const heavyTeam: ActivityEvent[] = [
  at('ann', 'session-start', 0),
  ...[60, 120, 180, 240].map((minutes) => at('ann', 're-login', minutes)),
  at('ben', 'session-start', 0),
  ...[60, 120, 180].map((minutes) => at('ben', 're-login', minutes)),
];
/** Both heavy users also refreshed once: refresh works for them, yet they sign in again. */
const partlyRefreshing = [...heavyTeam, at('ann', 'refresh', 30), at('ben', 'refresh', 30)];

const input = adviceInputFor;

function deployed(version: string, hasFix: boolean): UpstreamFindings {
  return {
    deployedVersion: version,
    checkedAt: T0,
    fixes: [
      {
        id: 'argocd-oidc-refresh',
        title: 'use OIDC refresh tokens to renew expired sessions',
        merged: true,
        fixedIn: ['v3.4.6', 'v3.5.0'],
        fixedInPrerelease: ['v3.5.0-rc3'],
        deployedHasFix: hasFix,
        upgradeTo: hasFix ? null : 'v3.4.6',
      },
    ],
  };
}

function ids(advice: readonly AdviceItem[]): string[] {
  return advice.map((item) => item.id);
}

function allText(advice: readonly AdviceItem[]): string {
  return advice.map((item) => item.text).join('\n');
}

describe('Audit: mitigate-with-threshold for a deployed 3.3.x', () => {
  it('should offer the threshold next to the upgrade, with argocd-cm YAML shorter than the ID-token validity, for active sessions only', () => {
    // Act
    const advice = advise(input(heavyTeam, { upstream: deployed('v3.3.14', false) }));
    const mitigate = advice.find(
      (item) => item.id === 'mitigate-with-threshold',
    ) as MitigateWithThresholdAdvice;

    // Assess: right after the upgrade, never instead of it.
    expect(ids(advice).slice(0, 2)).toEqual(['upgrade-argocd', 'mitigate-with-threshold']);
    expect(mitigate.refreshTokenThreshold).toBe('15m');
    expect(mitigate.argocdCm).toBe(
      [
        'data:',
        '  oidc.config: |',
        '    # keep your keys (name, issuer, clientID, clientSecret, requestedScopes, ...) and add:',
        '    refreshTokenThreshold: 15m',
      ].join('\n'),
    );
    expect(mitigate.text).toContain('shorter than the 1 h ID-token validity');
    expect(mitigate.text).toContain('This helps active sessions only');
    expect(mitigate.text).toContain('only v3.4.6 renews an expired session');
    expect(adviceDocuments(mitigate).map((document) => document.content)).toEqual([mitigate.argocdCm]);
  });

  it('should scale the threshold with a stretched ID token and stay below it', () => {
    const advice = advise(
      input(heavyTeam, {
        client: fixtureClient({ IdTokenValidity: 8, AccessTokenValidity: 8 }),
        upstream: deployed('v3.4.2', false),
      }),
    );
    const mitigate = advice.find(
      (item) => item.id === 'mitigate-with-threshold',
    ) as MitigateWithThresholdAdvice;
    expect(mitigate.refreshTokenThreshold).toBe('2h');
  });

  it('should not offer it before v3.3.0 (no threshold setting), on a fixed release, or with no known deployment', () => {
    expect(ids(advise(input(heavyTeam, { upstream: deployed('v3.2.5', false) })))).not.toContain(
      'mitigate-with-threshold',
    );
    expect(ids(advise(input(heavyTeam, { upstream: deployed('v3.4.6', true) })))).not.toContain(
      'mitigate-with-threshold',
    );
    expect(ids(advise(input(heavyTeam)))).not.toContain('mitigate-with-threshold');
  });
});

describe('Audit: corrected wordings', () => {
  it('should say a 3.3.x does not renew an EXPIRED session, never that it does not use refresh tokens', () => {
    const text = allText(advise(input(heavyTeam, { upstream: deployed('v3.3.14', false) })));
    expect(text).toContain('does not renew an expired session');
    expect(text).not.toMatch(/does not use refresh tokens|refresh is unreliable/);
  });

  it('should say the access token breaks the refresh only when it outlives the ID token by more than the threshold', () => {
    const advice = advise(
      input(heavyTeam, { client: fixtureClient({ IdTokenValidity: 1, AccessTokenValidity: 8 }) }),
    );
    const order = advice.find((item) => item.id === 'fix-token-validity-order');
    expect(order?.text).toContain('`refreshTokenThreshold` early (10 s when it is unset)');
    expect(order?.text).toContain('outlives the ID token by more than that');
  });

  it('should say CLIs before v3.4.0 sign in again at every second expiry', () => {
    // A public client: the CLI cause applies.
    const client = fixtureClient({ ClientSecret: '' });
    const diagnosis = advise(input(partlyRefreshing, { client })).find(
      (item) => item.id === 'diagnose-partial-refresh',
    );
    expect(diagnosis?.text).toContain('at every second expiry');
    expect(diagnosis?.text).not.toMatch(/again at every expiry/);
  });

  it('should say it is Argo CD that gets no refresh token from its bundled Dex', () => {
    const diagnosis = advise(input(partlyRefreshing)).find((item) => item.id === 'diagnose-partial-refresh');
    expect(diagnosis?.text).toContain('Argo CD gets no refresh token from it');
    expect(diagnosis?.text).not.toContain('Dex gets no refresh token');
  });
});

describe('Audit: users.session.duration in one number and one unit', () => {
  it.each([
    [1.5, '90m'],
    [36, '36h'],
    [24, '24h'],
    [168, '7d'],
    [48, '2d'],
    [0.25, '15m'],
  ])('should write %s h as %s', (hours, setting) => {
    expect(sessionDuration(hours * 3600)).toBe(setting);
    expect(setting).toMatch(/^\d+[smhd]$/);
  });

  it('should never put a compound duration into the argocd-cm YAML or the text', () => {
    const upgrade = advise(input(heavyTeam, { sessionHours: 1.5 })).find(
      (item) => item.id === 'upgrade-argocd',
    );
    const yaml = upgrade !== undefined && 'argocdCm' in upgrade ? upgrade.argocdCm : '';
    expect(yaml).toContain('  users.session.duration: 90m ');
    expect(upgrade?.text).toContain('this monitor takes 90m from ARGOCD_SESSION_HOURS');
    expect(`${yaml}\n${upgrade?.text}`).not.toContain('1h30m');
  });
});

describe('Audit: refresh-token rotation in the client checks', () => {
  const rotation = (grace: number) =>
    fixtureClient({ RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: grace } });

  it('should advise a grace period when rotation is on with 0 s, in the upgrade and in the diagnosis', () => {
    const upgrade = advise(input(heavyTeam, { client: rotation(0) })).find(
      (item) => item.id === 'upgrade-argocd',
    );
    expect(upgrade?.text).toContain('Refresh-token rotation is on with a 0 s grace period');
    expect(upgrade?.text).toContain('Set the grace period to 60 s.');

    const diagnosis = advise(input(partlyRefreshing, { client: rotation(0) })).find(
      (item): item is DiagnosePartialRefreshAdvice => item.id === 'diagnose-partial-refresh',
    );
    expect(diagnosis?.causes.map((cause) => cause.id)).toContain('rotation-without-grace');
    expect(diagnosis?.text).toContain('`invalid_grant`');
  });

  it('should say rotation with a 60 s grace period is fine, and say nothing when rotation is off', () => {
    const fine = advise(input(heavyTeam, { client: rotation(60) }));
    expect(allText(fine)).toContain('rotation is on with a 60 s grace period: fine');
    const diagnosis = advise(input(partlyRefreshing, { client: rotation(60) })).find(
      (item): item is DiagnosePartialRefreshAdvice => item.id === 'diagnose-partial-refresh',
    );
    expect(diagnosis?.causes.map((cause) => cause.id)).not.toContain('rotation-without-grace');
    expect(allText(advise(input(heavyTeam)))).not.toContain('rotation');
  });
});

describe('Audit: the Redis / server.secretkey cause of partial refresh', () => {
  it('should list a flushed Redis or a changed server.secretkey among the causes', () => {
    const diagnosis = advise(input(partlyRefreshing)).find(
      (item): item is DiagnosePartialRefreshAdvice => item.id === 'diagnose-partial-refresh',
    );
    expect(diagnosis?.causes.map((cause) => cause.id)).toContain('session-cache-lost');
    expect(diagnosis?.text).toContain('Redis was flushed or restarted, or `server.secretkey` changed');
  });
});
