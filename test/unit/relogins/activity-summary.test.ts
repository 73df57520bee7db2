import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { summariseActivity } from '../../../src/relogins/domain/activity-summary';
import { median, percentile } from '../../../src/shared/stats';

const T0 = Date.parse('2026-11-20T08:00:00Z');
const HOUR = 3_600_000;

function event(
  user: string,
  kind: ActivityEvent['kind'],
  at: number,
  intervalMinutes: number | null = null,
): ActivityEvent {
  return { at, kind, user, username: user, userPoolId: 'p', clientId: 'c', intervalMinutes };
}

describe('Function: summariseActivity', () => {
  const events = [
    event('ann', 'session-start', T0 - 30 * HOUR),
    event('ann', 're-login', T0 - 29 * HOUR, 60),
    event('ann', 'session-start', T0),
    event('ann', 're-login', T0 + HOUR, 60),
    event('ann', 're-login', T0 + 2 * HOUR, 70),
    event('ann', 're-login', T0 + 3 * HOUR, 80),
    event('ben', 'session-start', T0),
    event('ben', 're-login', T0 + HOUR, 65),
    event('ben', 'refresh', T0 + 2 * HOUR),
  ];

  it('should total logins, re-logins, refreshes and active users', () => {
    const summary = summariseActivity(events, { minReLogins: 3, windowHours: 24, windowEnd: T0 + 4 * HOUR });
    expect(summary.totals).toEqual({ logins: 8, reLogins: 5, refreshes: 1, activeUsers: 2 });
    expect(
      summary.users.map(({ user, logins, reLogins, refreshes, medianReLoginIntervalMinutes }) => ({
        user,
        logins,
        reLogins,
        refreshes,
        medianReLoginIntervalMinutes,
      })),
    ).toEqual([
      { user: 'ann', logins: 6, reLogins: 4, refreshes: 0, medianReLoginIntervalMinutes: 65 },
      { user: 'ben', logins: 2, reLogins: 1, refreshes: 1, medianReLoginIntervalMinutes: 65 },
    ]);
  });

  it('should call a user heavy only for re-logins inside the window', () => {
    expect(
      summariseActivity(events, { minReLogins: 3, windowHours: 24, windowEnd: T0 + 4 * HOUR }).heavyUsers,
    ).toEqual(['ann']);
    // Window ending before the third re-login of the day: two in the window, one the day before is outside.
    expect(
      summariseActivity(events, { minReLogins: 3, windowHours: 24, windowEnd: T0 + 2.5 * HOUR }).heavyUsers,
    ).toEqual([]);
  });

  it('should give null medians when there are no re-logins', () => {
    const summary = summariseActivity([event('cy', 'session-start', T0)], {
      minReLogins: 1,
      windowHours: 24,
      windowEnd: T0,
    });
    expect(summary.users[0]?.medianReLoginIntervalMinutes).toBeNull();
    expect(summary.heavyUsers).toEqual([]);
  });
});

describe('Function: percentile', () => {
  it('should interpolate between ranks and give null for no data', () => {
    expect(percentile([], 50)).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(91);
  });
});
