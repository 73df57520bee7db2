import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins';
import { HOUR_MS, hourData, hoursDue, MAX_CATCH_UP_HOURS } from '../../../src/relogins/domain/hourly-metrics';

const DAY = Date.parse('2026-11-24T00:00:00Z');

function event(
  at: number,
  kind: ActivityEvent['kind'],
  intervalMinutes: number | null = null,
): ActivityEvent {
  return { at, kind, userPoolId: 'p', clientId: 'c', user: 'u', intervalMinutes };
}

describe('Function: hoursDue', () => {
  it('should publish only the last completed hour on the very first run', () => {
    expect(hoursDue(null, DAY + 10 * HOUR_MS + 5)).toEqual([DAY + 9 * HOUR_MS]);
  });

  it('should publish every completed hour after the last published one, and nothing twice', () => {
    const previous = { publishedThrough: DAY + 7 * HOUR_MS };
    expect(hoursDue(previous, DAY + 10 * HOUR_MS)).toEqual([
      DAY + 7 * HOUR_MS,
      DAY + 8 * HOUR_MS,
      DAY + 9 * HOUR_MS,
    ]);
    expect(hoursDue({ publishedThrough: DAY + 10 * HOUR_MS }, DAY + 10 * HOUR_MS + 59 * 60_000)).toEqual([]);
  });

  it(`should catch up at most ${MAX_CATCH_UP_HOURS} hours`, () => {
    const hours = hoursDue({ publishedThrough: DAY - 7 * 24 * HOUR_MS }, DAY + 10 * HOUR_MS);
    expect(hours).toHaveLength(MAX_CATCH_UP_HOURS);
    expect(hours.at(-1)).toBe(DAY + 9 * HOUR_MS);
  });
});

describe('Function: hourData', () => {
  it("should count the hour's logins, re-logins and refreshes, zeros included, with the hour's timestamp", () => {
    // Prepare: [09:00, 10:00) holds a session start, two re-logins and a refresh; 10:00 belongs to the next hour.
    const events = [
      event(DAY + 8 * HOUR_MS, 'session-start'),
      event(DAY + 9 * HOUR_MS, 're-login', 60),
      event(DAY + 9 * HOUR_MS + 10, 'refresh'),
      event(DAY + 9 * HOUR_MS + 20 * 60_000, 're-login', 20.04),
      event(DAY + 9 * HOUR_MS + 30 * 60_000, 'session-start'),
      event(DAY + 10 * HOUR_MS, 're-login', 30),
    ];

    // Act
    const data = hourData(events, DAY + 9 * HOUR_MS, { UserPoolId: 'p', ClientId: 'c' });

    // Assess
    expect(data.map((datum) => [datum.name, datum.value, datum.unit])).toEqual([
      ['Logins', 3, 'Count'],
      ['ReLogins', 2, 'Count'],
      ['TokenRefreshes', 1, 'Count'],
      ['ReLoginInterval', 60, 'None'],
      ['ReLoginInterval', 20, 'None'],
    ]);
    expect(new Set(data.map((datum) => datum.timestamp))).toEqual(new Set([DAY + 9 * HOUR_MS]));
    expect(hourData([], DAY, { UserPoolId: 'p', ClientId: 'c' }).map((datum) => datum.value)).toEqual([
      0, 0, 0,
    ]);
  });
});
