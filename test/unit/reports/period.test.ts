import { describe, expect, it } from 'vitest';
import {
  describePeriod,
  lastCompletePeriod,
  periodContaining,
  previousPeriod,
} from '../../../src/reports/domain/period';
import { messagesFor } from '../../../src/shared/i18n';

const iso = (ms: number) => new Date(ms).toISOString();

describe('Module: report periods', () => {
  it('should report the last complete Monday-to-Monday week in the report zone', () => {
    // Monday 23 Nov 2026, 09:00 in Berlin (UTC+1): the week of Mon 16 Nov is the last complete one.
    const period = lastCompletePeriod(Date.parse('2026-11-23T08:00:00Z'), 'week', 'Europe/Berlin');
    expect(iso(period.start)).toBe('2026-11-15T23:00:00.000Z');
    expect(iso(period.end)).toBe('2026-11-22T23:00:00.000Z');
    expect(period.days.map((day) => day.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
    ]);
    expect(describePeriod(period, messagesFor('en', 'Europe/Berlin'))).toBe('week of Mon, 16 Nov 2026');
    expect(describePeriod(period, messagesFor('ja', 'Europe/Berlin'))).toBe('2026年11月16日(月) からの週');
  });

  it('should cut days at midnight in the zone, 23 hours on the day clocks go forward', () => {
    const period = lastCompletePeriod(Date.parse('2026-03-30T07:00:00Z'), 'day', 'Europe/Berlin');
    expect(period.days).toHaveLength(1);
    expect(period.days[0]?.date).toBe('2026-03-29');
    expect((period.end - period.start) / 3_600_000).toBe(23);
  });

  it('should give the same UTC cut as UTC days for UTC', () => {
    const period = lastCompletePeriod(Date.parse('2026-11-24T09:00:00Z'), 'day', 'UTC');
    expect([iso(period.start), iso(period.end)]).toEqual([
      '2026-11-23T00:00:00.000Z',
      '2026-11-24T00:00:00.000Z',
    ]);
  });

  it('should put the previous period right before, and find the period a time falls in', () => {
    const period = lastCompletePeriod(Date.parse('2026-11-23T08:00:00Z'), 'week', 'Asia/Tokyo');
    const previous = previousPeriod(period);
    expect(previous.end).toBe(period.start);
    expect(previous.days).toHaveLength(7);
    expect(periodContaining(Date.parse('2026-11-20T12:00:00Z'), 'week', 'Asia/Tokyo').start).toBe(
      period.start,
    );
  });

  it('should refuse a zone that is not an IANA zone', () => {
    expect(() => lastCompletePeriod(0, 'week', 'Mars/Olympus')).toThrow(
      'not an IANA time zone: "Mars/Olympus"',
    );
  });
});
