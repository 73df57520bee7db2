import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins';
import {
  hourData,
  hoursDue,
  MAX_CATCH_UP_HOURS,
  oldestHourDue,
  SETTLE_MS,
} from '../../../src/relogins/domain/hourly-metrics';
import { HOUR_MS } from '../../../src/shared/durations';

const DAY = Date.parse('2026-11-24T00:00:00Z');

function event(
  at: number,
  kind: ActivityEvent['kind'],
  intervalMinutes: number | null = null,
): ActivityEvent {
  return { at, kind, userPoolId: 'p', clientId: 'c', user: 'u', intervalMinutes };
}

describe('Function: hoursDue', () => {
  it('should publish only the last settled hour on the very first run', () => {
    expect(hoursDue(null, DAY + 10 * HOUR_MS + SETTLE_MS)).toEqual([DAY + 9 * HOUR_MS]);
  });

  it(`should hold an hour back until ${SETTLE_MS / 1000} s after its end, for writes still arriving`, () => {
    // The trigger's write and the eventually consistent Query may still miss a sign-in of 09:59:59.
    expect(hoursDue(null, DAY + 10 * HOUR_MS + SETTLE_MS - 1)).toEqual([DAY + 8 * HOUR_MS]);
    expect(hoursDue({ publishedThrough: DAY + 9 * HOUR_MS }, DAY + 10 * HOUR_MS + SETTLE_MS - 1)).toEqual([]);
    expect(hoursDue({ publishedThrough: DAY + 9 * HOUR_MS }, DAY + 10 * HOUR_MS + SETTLE_MS)).toEqual([
      DAY + 9 * HOUR_MS,
    ]);
  });

  it('should hold back the hours that end after heldFrom, and publish them with the next run that does not hold them', () => {
    const previous = { publishedThrough: DAY + 7 * HOUR_MS };
    const now = DAY + 10 * HOUR_MS + 5 * 60_000;
    expect(hoursDue(previous, now, now - 2 * HOUR_MS)).toEqual([DAY + 7 * HOUR_MS]);
    expect(hoursDue(previous, now, now - 3 * HOUR_MS)).toEqual([]);
    expect(hoursDue(previous, now + HOUR_MS)).toEqual([
      DAY + 7 * HOUR_MS,
      DAY + 8 * HOUR_MS,
      DAY + 9 * HOUR_MS,
      DAY + 10 * HOUR_MS,
    ]);
  });

  it('should publish the previous hour from a run at five past, as the hourly schedule may start it', () => {
    expect(hoursDue({ publishedThrough: DAY + 9 * HOUR_MS }, DAY + 10 * HOUR_MS + 5 * 60_000)).toEqual([
      DAY + 9 * HOUR_MS,
    ]);
  });

  it('should publish every settled hour after the last published one, and nothing twice', () => {
    const previous = { publishedThrough: DAY + 7 * HOUR_MS };
    expect(hoursDue(previous, DAY + 10 * HOUR_MS + SETTLE_MS)).toEqual([
      DAY + 7 * HOUR_MS,
      DAY + 8 * HOUR_MS,
      DAY + 9 * HOUR_MS,
    ]);
    expect(hoursDue({ publishedThrough: DAY + 10 * HOUR_MS }, DAY + 10 * HOUR_MS + 59 * 60_000)).toEqual([]);
    expect(hoursDue({ publishedThrough: DAY + 10 * HOUR_MS }, DAY + 11 * HOUR_MS + SETTLE_MS - 1)).toEqual(
      [],
    );
  });

  it(`should catch up at most ${MAX_CATCH_UP_HOURS} hours, from the oldest hour due`, () => {
    const now = DAY + 10 * HOUR_MS + SETTLE_MS;
    const hours = hoursDue({ publishedThrough: DAY - 7 * 24 * HOUR_MS }, now);
    expect(hours).toHaveLength(MAX_CATCH_UP_HOURS);
    expect(hours[0]).toBe(oldestHourDue(now));
    expect(hours.at(-1)).toBe(DAY + 9 * HOUR_MS);
    // Just before the hour settles, the whole span is an hour earlier, and so is the oldest hour due.
    expect(hoursDue({ publishedThrough: DAY - 7 * 24 * HOUR_MS }, now - 1)[0]).toBe(oldestHourDue(now - 1));
    expect(oldestHourDue(now - 1)).toBe(oldestHourDue(now) - HOUR_MS);
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
    expect(data.map((datum) => [datum.name, datum.value, datum.unit, datum.count ?? 1])).toEqual([
      ['Logins', 3, 'Count', 1],
      ['ReLogins', 2, 'Count', 1],
      ['TokenRefreshes', 1, 'Count', 1],
      ['ReLoginInterval', 20, 'None', 1],
      ['ReLoginInterval', 60, 'None', 1],
    ]);
    expect(new Set(data.map((datum) => datum.timestamp))).toEqual(new Set([DAY + 9 * HOUR_MS]));
    expect(hourData([], DAY, { UserPoolId: 'p', ClientId: 'c' }).map((datum) => datum.value)).toEqual([
      0, 0, 0,
    ]);
  });

  it('should give each distinct interval once with how often it occurred, in ascending order', () => {
    // Prepare: 10,000 re-logins in the hour, at 60, 30 or 45.04 minutes (45.0 once rounded).
    const hour = DAY + 9 * HOUR_MS;
    const minutes = [60, 30, 45.04];
    const events = Array.from({ length: 10_000 }, (_, index) =>
      event(hour + index * 300, 're-login', minutes[index % 3] as number),
    );

    // Act
    const data = hourData(events, hour, { UserPoolId: 'p', ClientId: 'c' });

    // Assess: 3,334 + 3,333 + 3,333 re-logins, as three data instead of 10,000.
    expect(data.map((datum) => [datum.name, datum.value, datum.count ?? 1])).toEqual([
      ['Logins', 10_000, 1],
      ['ReLogins', 10_000, 1],
      ['TokenRefreshes', 0, 1],
      ['ReLoginInterval', 30, 3_333],
      ['ReLoginInterval', 45, 3_333],
      ['ReLoginInterval', 60, 3_334],
    ]);
  });
});
