import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { summariseActivity } from '../../../src/relogins/domain/activity-summary';
import {
  type AdviceInput,
  advise,
  observedUserDays,
  reLoginWhatIf,
} from '../../../src/relogins/domain/advice';
import { shippedFirstReleases } from '../../../src/upstream';
import type { UpstreamFindings } from '../../../src/upstream/domain/upstream-fix-status';
import { fixtureClient } from '../../support/app-clients';

const T0 = Date.parse('2026-11-23T08:00:00Z');
const MINUTE = 60_000;
/** The shared DescribeUserPoolClient fixture: 1 h ID and access tokens, 30 days refresh token. */
const ONE_HOUR = fixtureClient();
const EIGHT_HOURS = fixtureClient({ IdTokenValidity: 8, AccessTokenValidity: 8 });

function at(
  user: string,
  kind: ActivityEvent['kind'],
  minutes: number,
  intervalMinutes: number | null = null,
) {
  return {
    at: T0 + minutes * MINUTE,
    kind,
    user,
    username: user,
    userPoolId: 'p',
    clientId: 'c',
    intervalMinutes,
  };
}

/** ann: 4 re-logins over 240 min (heavy at 3), ben: 2 over 120 min, cid: signed in once. */
const oneHourTeam: ActivityEvent[] = [
  at('ann', 'session-start', 0),
  ...[60, 120, 180, 240].map((minutes) => at('ann', 're-login', minutes, 60)),
  at('ben', 'session-start', 0),
  ...[60, 120].map((minutes) => at('ben', 're-login', minutes, 60)),
  at('cid', 'session-start', 30),
];

function input(
  events: ActivityEvent[],
  overrides: Partial<AdviceInput> = {},
  windowEnd = T0 + 24 * 60 * MINUTE,
): AdviceInput {
  return {
    events,
    summary: summariseActivity(events, { minReLogins: 3, windowHours: 24, windowEnd }),
    heavyReLogins: 3,
    client: ONE_HOUR,
    cognitoTokenRefreshes: 0,
    proposedValidityHours: 8,
    sessionHours: 24,
    ...overrides,
  };
}

const withRefresh = (events: ActivityEvent[]) => [...events, at('ben', 'refresh', 150)];

describe('Function: advise', () => {
  it('should advise upgrading Argo CD and, as a stop-gap, 8 h tokens when users are heavy and nothing refreshes', () => {
    // Act
    const advice = advise(input(oneHourTeam));

    // Assess: one user-day each; now (4 + 2 + 0) / 3 = 2;
    // at 8 h floor(240 / 480) + floor(120 / 480) + floor(0 / 480) = 0 over 3 user-days = 0.
    expect(advice.map((item) => [item.id, item.severity])).toEqual([
      ['upgrade-argocd', 'warning'],
      ['extend-token-validity', 'warning'],
    ]);
    expect(advice[1]).toMatchObject({
      idTokenValidityMinutes: 60,
      accessTokenValidityMinutes: 60,
      medianReLoginIntervalMinutes: 60,
      proposedValidityHours: 8,
      observedUserDays: 3,
      reLoginsPerUserDayNow: 2,
      predictedReLoginsPerUserDay: 0,
    });
    expect(advice[1]?.text).toContain('from 1 h (ID) / 1 h (access) to 8 h');
    expect(advice[1]?.text).toContain('every 1 h (median)');
    expect(advice[1]?.text).toContain('2 re-logins per user per day now, about 0 at 8 h');
    expect(advice[1]?.text).toContain('Trade-off: a leaked ID or access token stays valid for up to 8 h');
  });

  it('should predict re-logins at the proposed validity from each user-day span', () => {
    // Act: at 2 h, ann's 240 min give 2, ben's 120 min give 1, cid's 0 min give 0: 3 over 3 user-days.
    const [, extend] = advise(input(oneHourTeam, { proposedValidityHours: 2 }));

    // Assess
    expect(extend).toMatchObject({
      id: 'extend-token-validity',
      reLoginsPerUserDayNow: 2,
      predictedReLoginsPerUserDay: 1,
    });
    expect(extend?.text).toContain('about 1 at 2 h');
  });

  it('should count a session that spans the night as two user-days, not one long span', () => {
    // Prepare: one 24 h session of ann: 14:00-22:00 on the 23rd (start + 8 hourly re-logins, 480 min),
    // 8 h without activity (22:00-06:00: at least 6 h, a new user-day), then 06:00-12:00 on the 24th
    // (7 hourly re-logins, 360 min).
    const events = [
      at('ann', 'session-start', 360),
      ...[420, 480, 540, 600, 660, 720, 780, 840].map((minutes) => at('ann', 're-login', minutes, 60)),
      ...[1320, 1380, 1440, 1500, 1560, 1620, 1680].map((minutes) => at('ann', 're-login', minutes, 60)),
    ];

    // Act
    const [, extend] = advise(input(events));

    // Assess: now (8 + 7) / 2 = 7.5; at 8 h floor(480 / 480) + floor(360 / 480) = 1 + 0 over 2 days = 0.5.
    // Per session it would be 15 re-logins and floor(1320 / 480) = 2 over one 22 h span.
    expect(extend).toMatchObject({
      id: 'extend-token-validity',
      observedUserDays: 2,
      reLoginsPerUserDayNow: 7.5,
      predictedReLoginsPerUserDay: 0.5,
    });
    expect(extend?.text).toContain('Over 2 observed user-days that is 7.5 re-logins per user per day now');
  });

  it("should never propose more than Cognito's 1 day", () => {
    // Act
    const [, extend] = advise(input(oneHourTeam, { proposedValidityHours: 48 }));

    // Assess
    expect(extend).toMatchObject({ proposedValidityHours: 24 });
  });

  it('should leave out the stop-gap when the tokens already live as long as proposed', () => {
    // Act
    const advice = advise(input(oneHourTeam, { client: EIGHT_HOURS }));

    // Assess
    expect(advice.map((item) => item.id)).toEqual(['upgrade-argocd']);
  });

  it('should say the current validity is unknown when the client could not be read', () => {
    // Act
    const [upgrade, extend] = advise(input(oneHourTeam, { client: null }));

    // Assess
    expect(extend?.text).toContain('(current validity unknown)');
    expect(upgrade).toMatchObject({ suggestedRefreshTokenThreshold: null });
    expect(upgrade?.text).toContain(
      'set `refreshTokenThreshold` inside the `oidc.config` block of `argocd-cm` to a Go duration shorter than the ID-token validity',
    );
  });

  it('should name the releases catalog/fixes.json documents while there is no upstream report', () => {
    // Act
    const [upgrade] = advise(input([at('ann', 'session-start', 0)]));

    // Assess: the releases come from the catalog entry, not from a copy in the code
    expect(upgrade).toMatchObject({
      id: 'upgrade-argocd',
      fixedIn: shippedFirstReleases('argocd-oidc-refresh').firstReleases,
    });
    expect(() => shippedFirstReleases('no-such-fix')).toThrow(
      /catalog\/fixes\.json has no "no-such-fix" entry/,
    );
  });

  it('should keep only an informational upgrade item when nothing refreshes but nobody is heavy', () => {
    // Act
    const advice = advise(input([at('ann', 'session-start', 0), at('ann', 're-login', 60, 60)]));

    // Assess
    expect(advice).toEqual([
      expect.objectContaining({
        id: 'upgrade-argocd',
        severity: 'info',
        fixedIn: ['v3.4.6', 'v3.5.0'],
        suggestedRefreshTokenThreshold: '15m',
        deployedVersion: null,
        upgradeTo: null,
      }),
    ]);
    expect(advice[0]?.text).toContain('Upgrade Argo CD to v3.4.6 / v3.5.0 or later');
    expect(advice[0]?.text).toContain(
      '`refreshTokenThreshold: 15m` inside the `oidc.config` block of `argocd-cm` also refreshes sessions before they expire (a Go duration shorter than the 1 h ID-token validity',
    );
  });

  it('should diagnose a partial refresh when refreshes are seen but users are still heavy', () => {
    // Act
    const advice = advise(input(withRefresh(oneHourTeam)));

    // Assess
    expect(advice).toEqual([
      expect.objectContaining({
        id: 'diagnose-partial-refresh',
        severity: 'warning',
        refreshes: 1,
        heavyUsers: 1,
      }),
    ]);
    expect(advice[0]?.text).toContain(
      'Refresh tokens are used (1 refresh), yet 1 user re-logged in 3 or more times',
    );
  });

  it("should count Cognito's own refreshes when the trigger saw none, and offer to undo stretched tokens", () => {
    // Act
    const calm = [at('ann', 'session-start', 0), at('ben', 'session-start', 5)];
    const advice = advise(input(calm, { client: EIGHT_HOURS, cognitoTokenRefreshes: 12 }));

    // Assess
    expect(advice).toEqual([
      expect.objectContaining({
        id: 'revert-token-validity',
        severity: 'info',
        refreshes: 12,
        idTokenValidityMinutes: 480,
        accessTokenValidityMinutes: 480,
      }),
    ]);
    expect(advice[0]?.text).toContain('to 1 h / 1 h (now 8 h / 8 h)');
  });

  it('should have nothing to say when refresh works and the validity is the default', () => {
    // Act
    const advice = advise(input(withRefresh([at('ann', 'session-start', 0)])));

    // Assess
    expect(advice).toEqual([]);
  });

  describe('with the upstream watcher report', () => {
    const report = (
      deployedVersion: string,
      deployedHasFix: boolean,
      upgradeTo: string | null,
      fixedIn = ['v3.4.6', 'v3.5.0'],
    ): UpstreamFindings => ({
      deployedVersion,
      checkedAt: T0,
      fixes: [
        {
          id: 'argocd-oidc-refresh',
          title: 'use OIDC refresh tokens to renew expired sessions',
          merged: true,
          fixedIn,
          fixedInPrerelease: ['v3.5.0-rc3'],
          deployedHasFix,
          upgradeTo,
        },
      ],
    });

    it('should name the deployed version and the exact release to upgrade to', () => {
      // Act
      const [upgrade] = advise(input(oneHourTeam, { upstream: report('v3.3.14', false, 'v3.4.6') }));

      // Assess
      expect(upgrade).toMatchObject({
        deployedVersion: 'v3.3.14',
        deployedHasFix: false,
        upgradeTo: 'v3.4.6',
      });
      expect(upgrade?.text).toContain(
        'Argo CD v3.3.14 is deployed and does not renew an expired session: it refreshes only before expiry, with `refreshTokenThreshold` set and a request inside that window, so a session idle past expiry signs in again (the fix, #27777, is not in it). Upgrade to v3.4.6: upgrading is what makes refresh work.',
      );
    });

    it("should name the report's releases and upgrade in the partial-refresh diagnosis", () => {
      // Prepare: releases other than the documented fallback, so only the report can name them.
      const later = report('v3.4.2', false, 'v3.4.9', ['v3.4.9', 'v3.5.2']);

      // Act
      const [check] = advise(input(withRefresh(oneHourTeam), { upstream: later }));

      // Assess
      expect(check).toMatchObject({
        id: 'diagnose-partial-refresh',
        fixedIn: ['v3.4.9', 'v3.5.2'],
        deployedVersion: 'v3.4.2',
        upgradeTo: 'v3.4.9',
      });
      expect(check?.text).toContain('runs a release before v3.4.9 / v3.5.2');
      expect(check?.text).toContain(
        '1. The watched Argo CD runs v3.4.2, which does not renew an expired session: it refreshes only before expiry, with `refreshTokenThreshold` set and a request inside that window, so a session idle past expiry signs in again (the fix, #27777, is not in it): upgrade it to v3.4.9.',
      );
      expect(check?.text).not.toContain('v3.4.6');
    });

    it('should name the documented releases in the partial-refresh diagnosis without a report', () => {
      // Act
      const [check] = advise(input(withRefresh(oneHourTeam)));

      // Assess
      expect(check).toMatchObject({ fixedIn: ['v3.4.6', 'v3.5.0'], deployedVersion: null, upgradeTo: null });
      expect(check?.text).toContain('runs a release before v3.4.6 / v3.5.0');
      expect(check?.text).not.toContain('watched Argo CD');
    });

    it('should ask only for the setting when the deployed version already has the fix', () => {
      // Act
      const [upgrade] = advise(input(oneHourTeam, { upstream: report('v3.5.0', true, null) }));

      // Assess
      expect(upgrade?.text).toContain(
        'Argo CD v3.5.0 is deployed and has the refresh fix, which needs no setting',
      );
      expect(upgrade?.text).toContain('refreshTokenThreshold: 15m');
    });
  });
});

/** An event at a UTC time, for the time-zone cases. */
function atUtc(user: string, kind: ActivityEvent['kind'], iso: string): ActivityEvent {
  return { ...at(user, kind, 0, kind === 're-login' ? 60 : null), at: Date.parse(iso) };
}

/** A sign-in at `start` (UTC) and `hours` hourly re-logins after it: one working day on 1 h tokens. */
function hourlyDay(user: string, start: string, hours: number): ActivityEvent[] {
  const first = Date.parse(start);
  return [
    atUtc(user, 'session-start', start),
    ...Array.from({ length: hours }, (_, hour) =>
      atUtc(user, 're-login', new Date(first + (hour + 1) * 60 * MINUTE).toISOString()),
    ),
  ];
}

/** The events a check at `end` reads: its 24 h window (end - 24 h, end]. */
function windowOf(events: readonly ActivityEvent[], end: number): ActivityEvent[] {
  return events.filter((event) => event.at > end - 24 * 60 * MINUTE && event.at <= end);
}

describe('Function: observedUserDays', () => {
  it("should split each user's activity into user-days at gaps of 6 h or more, not at UTC midnight", () => {
    // Prepare: T0 is 08:00 UTC on the 23rd.
    const events = [
      at('ann', 're-login', 0, 60),
      at('ann', 're-login', 60, 60),
      at('ann', 'session-start', 24 * 60 + 10),
      at('ann', 're-login', 24 * 60 + 70, 60),
      // ben, one working period across UTC midnight: 23:30 and 00:30 (UTC).
      at('ben', 'session-start', 15 * 60 + 30),
      at('ben', 're-login', 16 * 60 + 30, 60),
    ];

    // Act
    const userDays = observedUserDays(events);

    // Assess: ann's 09:00 and next day's 08:10 are 23 h 10 min apart (two user-days); ben's two
    // events 1 h apart are one user-day, though on two UTC dates. In the order the user-days began.
    expect(userDays).toEqual([
      { user: 'ann', first: T0, last: T0 + 60 * MINUTE, spanMinutes: 60, reLogins: 2 },
      {
        user: 'ben',
        first: Date.parse('2026-11-23T23:30:00Z'),
        last: Date.parse('2026-11-24T00:30:00Z'),
        spanMinutes: 60,
        reLogins: 1,
      },
      {
        user: 'ann',
        first: Date.parse('2026-11-24T08:10:00Z'),
        last: Date.parse('2026-11-24T09:10:00Z'),
        spanMinutes: 60,
        reLogins: 1,
      },
    ]);
    // (2 + 1 + 1) / 3 = 4/3 now; at 1 h: (floor(60 / 60) + floor(60 / 60) + floor(60 / 60)) / 3 = 1.
    expect(reLoginWhatIf(userDays, 60)).toEqual({ now: 4 / 3, predicted: 1 });
  });

  it('should start a new user-day after exactly 6 h without activity, not after 5 h 59 min', () => {
    // Prepare: ann pauses 5 h 59 min (same user-day), then exactly 6 h (a new one).
    const events = [
      at('ann', 'session-start', 0),
      at('ann', 're-login', 359, 359),
      at('ann', 're-login', 359 + 360, 360),
    ];

    // Act
    const userDays = observedUserDays(events);

    // Assess
    expect(userDays.map(({ spanMinutes, reLogins }) => [spanMinutes, reLogins])).toEqual([
      [359, 1],
      [0, 1],
    ]);
  });

  it("should keep each app client's activity of a user apart", () => {
    // Prepare: ann on two Argo CD clients, interleaved within the hour.
    const events = [
      at('ann', 'session-start', 0),
      { ...at('ann', 'session-start', 10), clientId: 'other' },
      at('ann', 're-login', 60, 60),
      { ...at('ann', 're-login', 130, 120), clientId: 'other' },
    ];

    // Act
    const userDays = observedUserDays(events);

    // Assess
    expect(userDays.map(({ spanMinutes, reLogins }) => [spanMinutes, reLogins])).toEqual([
      [60, 1],
      [120, 1],
    ]);
  });

  it('should see a whole working day that crosses UTC midnight, checked at 13:00 UTC (09:00-17:00 in Auckland)', () => {
    // Prepare: 09:00-17:00 NZDT (UTC+13) is 20:00-04:00 UTC; 1 h tokens give a sign-in at 20:00 and 8
    // hourly re-logins until 04:00. The check at 13:00 UTC reads (13:00 on the 23rd, 13:00 on the 24th].
    const checkAt = Date.parse('2026-11-24T13:00:00Z');
    const events = windowOf(hourlyDay('ann', '2026-11-23T20:00:00Z', 8), checkAt);

    // Act
    const userDays = observedUserDays(events);
    const [, extend] = advise(input(events, {}, checkAt));

    // Assess: one user-day of 480 min and 8 re-logins: now 8, at 8 h floor(480 / 480) = 1.
    // By UTC date it was 20:00-23:00 (3 re-logins, 180 min) and 00:00-04:00 (5, 240 min): now
    // (3 + 5) / 2 = 4, at 8 h (0 + 0) / 2 = 0.
    expect(userDays.map(({ spanMinutes, reLogins }) => [spanMinutes, reLogins])).toEqual([[480, 8]]);
    expect(extend).toMatchObject({
      id: 'extend-token-validity',
      observedUserDays: 1,
      reLoginsPerUserDayNow: 8,
      predictedReLoginsPerUserDay: 1,
    });
  });

  it('should give a Tokyo-hours team the same figures whatever hour the check runs', () => {
    // Prepare: 09:00-18:00 JST is 00:00-09:00 UTC. Two working days of two users on 1 h tokens:
    // ann starts at 08:45 JST (23:45 UTC the day before), 9 re-logins until 08:45 UTC (540 min);
    // ben starts at 09:30 JST (00:30 UTC), 8 re-logins until 08:30 UTC (480 min).
    const twoDays = ['2026-11-23', '2026-11-24'].flatMap((day) => {
      const midnight = Date.parse(`${day}T00:00:00Z`);
      const iso = (minutes: number) => new Date(midnight + minutes * MINUTE).toISOString();
      return [...hourlyDay('ann', iso(-15), 9), ...hourlyDay('ben', iso(30), 8)];
    });

    // Act: checks at 09:00, 13:00 and 23:00 UTC on the 24th; each window holds the 24th's working day.
    const figures = ['09:00', '13:00', '23:00'].map((time) => {
      const checkAt = Date.parse(`2026-11-24T${time}:00Z`);
      const [, extend] = advise(input(windowOf(twoDays, checkAt), {}, checkAt));
      return extend;
    });

    // Assess: now (9 + 8) / 2 = 8.5; at 8 h (floor(540 / 480) + floor(480 / 480)) / 2 = 1.
    // By UTC date ann's 23:45 sign-in was a user-day of its own: now (0 + 9 + 8) / 3 = 5.67, at 8 h
    // (0 + 1 + 1) / 3 = 0.67.
    for (const extend of figures) {
      expect(extend).toMatchObject({
        id: 'extend-token-validity',
        observedUserDays: 2,
        reLoginsPerUserDayNow: 8.5,
        predictedReLoginsPerUserDay: 1,
      });
    }
  });

  it('should give zero figures for no activity', () => {
    expect(reLoginWhatIf([], 480)).toEqual({ now: 0, predicted: 0 });
  });
});
