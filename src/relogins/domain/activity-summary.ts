/**
 * Aggregates activity events into the figures every report shows. Shared by `relogin-monitor analyze`
 * and the scheduled re-login check.
 */

import { median } from '../../shared/stats';
import { type ActivityEvent, isLogin } from './activity';

/** Heavy users and the re-login check look back one day, as long as Argo CD's default session. */
export const HEAVY_WINDOW_HOURS = 24;

export interface HeavyUserRule {
  /** A user is heavy with at least this many re-logins in the window. */
  minReLogins: number;
  windowHours: number;
  /** Epoch ms: the window is (windowEnd - windowHours, windowEnd]. */
  windowEnd: number;
}

export interface UserSummary {
  user: string;
  username?: string;
  email?: string;
  logins: number;
  reLogins: number;
  refreshes: number;
  medianReLoginIntervalMinutes: number | null;
  /** Re-logins inside the heavy-user window. */
  windowReLogins: number;
}

export interface ActivitySummary {
  totals: { logins: number; reLogins: number; refreshes: number; activeUsers: number };
  users: UserSummary[];
  heavyUsers: string[];
  reLoginIntervalsMinutes: number[];
}

/**
 * Builds the summary one event at a time, so a caller streaming a large log keeps per-user figures,
 * not every event.
 */
export class ActivitySummaryBuilder {
  private readonly windowStart: number;
  private readonly byUser = new Map<string, { summary: UserSummary; intervals: number[] }>();
  private readonly allIntervals: number[] = [];

  constructor(private readonly heavy: HeavyUserRule) {
    this.windowStart = heavy.windowEnd - heavy.windowHours * 3_600_000;
  }

  add(event: ActivityEvent): void {
    let entry = this.byUser.get(event.user);
    if (entry === undefined) {
      entry = {
        summary: {
          user: event.user,
          ...(event.username === undefined ? {} : { username: event.username }),
          ...(event.email === undefined ? {} : { email: event.email }),
          logins: 0,
          reLogins: 0,
          refreshes: 0,
          medianReLoginIntervalMinutes: null,
          windowReLogins: 0,
        },
        intervals: [],
      };
      this.byUser.set(event.user, entry);
    }
    const { summary } = entry;
    if (isLogin(event)) summary.logins += 1;
    if (event.kind === 'refresh') summary.refreshes += 1;
    if (event.kind === 're-login') {
      summary.reLogins += 1;
      if (event.at > this.windowStart && event.at <= this.heavy.windowEnd) summary.windowReLogins += 1;
      if (event.intervalMinutes !== null) {
        entry.intervals.push(event.intervalMinutes);
        this.allIntervals.push(event.intervalMinutes);
      }
    }
  }

  result(): ActivitySummary {
    const users = [...this.byUser.values()]
      .map(({ summary, intervals }) => ({ ...summary, medianReLoginIntervalMinutes: median(intervals) }))
      .sort((a, b) => b.reLogins - a.reLogins || a.user.localeCompare(b.user));
    const totals = users.reduce(
      (sum, user) => ({
        logins: sum.logins + user.logins,
        reLogins: sum.reLogins + user.reLogins,
        refreshes: sum.refreshes + user.refreshes,
        activeUsers: sum.activeUsers + 1,
      }),
      { logins: 0, reLogins: 0, refreshes: 0, activeUsers: 0 },
    );
    const heavyUsers = users
      .filter((user) => user.windowReLogins >= this.heavy.minReLogins)
      .map((user) => user.user);
    return { totals, users, heavyUsers, reLoginIntervalsMinutes: this.allIntervals };
  }
}

export function summariseActivity(events: readonly ActivityEvent[], heavy: HeavyUserRule): ActivitySummary {
  const builder = new ActivitySummaryBuilder(heavy);
  for (const event of events) builder.add(event);
  return builder.result();
}
