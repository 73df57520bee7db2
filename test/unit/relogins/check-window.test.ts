/** The re-login check's window and per-client activity: the pure decisions of the use case. */
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../src/relogins/domain/activity';
import { activityByClient, checkWindow, eventsToReport } from '../../../src/relogins/domain/check-window';
import { oldestHourDue } from '../../../src/relogins/domain/hourly-metrics';

const NOW = Date.parse('2026-11-24T08:10:00Z');
const HOUR = 3_600_000;

function event(clientId: string, at: number): ActivityEvent {
  return { at, kind: 're-login', user: 'u', username: 'u', userPoolId: 'p', clientId, intervalMinutes: 60 };
}

describe('Function: checkWindow', () => {
  it('should read ARGOCD_SESSION_HOURS before the older of the window start and the oldest hour still due', () => {
    const window = checkWindow(NOW, 24, 12);
    expect(window.from).toBe(NOW - 24 * HOUR);
    expect(window.oldest).toBe(Math.min(NOW - 24 * HOUR, oldestHourDue(NOW)));
    expect(window.readFrom).toBe(window.oldest - 12 * HOUR);
  });
});

describe('Function: activityByClient', () => {
  const oldest = NOW - 10 * HOUR;
  const events = [event('a', oldest - 1), event('a', oldest), event('b', NOW), event('c', NOW)];

  it('should keep the named clients only, each even without activity, and drop what is older than `oldest`', () => {
    const byClient = activityByClient(events, ['a', 'z'], oldest);
    expect([...byClient.keys()]).toEqual(['a', 'z']);
    expect(byClient.get('a')).toEqual([event('a', oldest)]);
    expect(byClient.get('z')).toEqual([]);
  });

  it('should take every client seen when none is named', () => {
    expect([...activityByClient(events, [], oldest).keys()]).toEqual(['a', 'b', 'c']);
  });
});

describe('Function: eventsToReport', () => {
  const window = { from: NOW - HOUR, now: NOW };

  it('should keep the events in (from, now]', () => {
    const events = [event('a', NOW - HOUR), event('a', NOW - HOUR + 1), event('a', NOW), event('a', NOW + 1)];
    expect(eventsToReport(events, window, true)).toEqual([event('a', NOW - HOUR + 1), event('a', NOW)]);
  });

  it('should report a named client without activity in the window, and skip a client found by its activity', () => {
    const before = [event('a', NOW - 2 * HOUR)];
    expect(eventsToReport(before, window, true)).toEqual([]);
    expect(eventsToReport(before, window, false)).toBeNull();
  });
});
