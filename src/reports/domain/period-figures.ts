/**
 * What one report period says, from the classified activity of the tracked app clients: the totals
 * (through the same summary the re-login check uses), the days for the chart, and the heavy users.
 * Pure.
 */
import {
  type ActivityEvent,
  type CognitoUsage,
  isLogin,
  summariseActivity,
  type UserSummary,
} from '../../relogins';
import { median } from '../../shared/stats';
import type { ReportPeriod } from './period';

export interface DayFigures {
  date: string;
  reLogins: number;
  refreshes: number;
  activeUsers: number;
}

export interface HeavyUser {
  user: UserSummary;
  /** Days of the period with at least the heavy-user threshold of re-logins. */
  heavyDays: number;
}

export interface PeriodFigures {
  signIns: number;
  reLogins: number;
  /** Seen by the trigger (`TokenGeneration_RefreshTokens`). */
  refreshes: number;
  /** Cognito's own counts for the same period (`AWS/Cognito`), null when they could not be read. */
  cognito: CognitoUsage | null;
  activeUsers: number;
  reLoginsPerActiveUser: number;
  medianReLoginIntervalMinutes: number | null;
  estimatedMinutesLost: number;
  /** Every user heavy on at least one day, most re-logins first. */
  heavyUsers: HeavyUser[];
  days: DayFigures[];
}

export interface FigureRules {
  /** A user is heavy on a day with at least this many re-logins (HEAVY_RELOGINS, as in the check). */
  heavyReLogins: number;
  minutesPerReLogin: number;
}

function inRange(event: ActivityEvent, start: number, end: number): boolean {
  return event.at >= start && event.at < end;
}

export function periodFigures(
  allEvents: readonly ActivityEvent[],
  period: ReportPeriod,
  cognito: CognitoUsage | null,
  rules: FigureRules,
): PeriodFigures {
  const events = allEvents.filter((event) => inRange(event, period.start, period.end));
  const summary = summariseActivity(events, {
    minReLogins: rules.heavyReLogins,
    windowHours: (period.end - period.start) / 3_600_000,
    windowEnd: period.end,
  });
  const heavyDaysByUser = new Map<string, number>();
  const days = period.days.map((day) => {
    const ofDay = events.filter((event) => inRange(event, day.start, day.end));
    const reLoginsByUser = new Map<string, number>();
    for (const event of ofDay) {
      if (event.kind === 're-login')
        reLoginsByUser.set(event.user, (reLoginsByUser.get(event.user) ?? 0) + 1);
    }
    for (const [user, count] of reLoginsByUser) {
      if (count >= rules.heavyReLogins) heavyDaysByUser.set(user, (heavyDaysByUser.get(user) ?? 0) + 1);
    }
    return {
      date: day.date,
      reLogins: ofDay.filter((event) => event.kind === 're-login').length,
      refreshes: ofDay.filter((event) => event.kind === 'refresh').length,
      activeUsers: new Set(ofDay.map((event) => event.user)).size,
    };
  });
  const { totals } = summary;
  return {
    signIns: events.filter(isLogin).length,
    reLogins: totals.reLogins,
    refreshes: totals.refreshes,
    cognito,
    activeUsers: totals.activeUsers,
    reLoginsPerActiveUser: totals.activeUsers === 0 ? 0 : totals.reLogins / totals.activeUsers,
    medianReLoginIntervalMinutes: median(summary.reLoginIntervalsMinutes),
    estimatedMinutesLost: totals.reLogins * rules.minutesPerReLogin,
    heavyUsers: summary.users
      .filter((user) => heavyDaysByUser.has(user.user))
      .map((user) => ({ user, heavyDays: heavyDaysByUser.get(user.user) ?? 0 })),
    days,
  };
}
