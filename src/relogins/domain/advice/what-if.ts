/**
 * The what-if statistics: the observed activity cut into user-days (a contiguous period of activity,
 * split at gaps of USER_DAY_GAP_HOURS), and the re-logins per user-day now and at another validity.
 */
import { HOUR_MS, MINUTE_MS } from '../../../shared/durations';
import type { ActivityEvent } from '../activity';

/** Hours without any activity that end a user-day: a night or a day off, longer than any lunch break. */
const USER_DAY_GAP_HOURS = 6;

/** One user's contiguous period of activity on one app client: from its first to its last event. */
export interface ObservedUserDay {
  user: string;
  /** Epoch ms of the period's first and last event. */
  first: number;
  last: number;
  spanMinutes: number;
  reLogins: number;
}

/**
 * Splits each user's time-ordered activity (per app client) into user-days at gaps of
 * USER_DAY_GAP_HOURS or more without any activity, so a user-day is one contiguous period of work,
 * whatever the time zone and the hour the check runs (a UTC calendar day would cut a working day that
 * crosses UTC midnight in two). A day, not a session, is the unit of the what-if: an Argo CD session
 * lasts up to 24 h and so spans the night, when nobody needs a token. In the order the days began.
 */
export function observedUserDays(events: readonly ActivityEvent[]): ObservedUserDay[] {
  const gap = USER_DAY_GAP_HOURS * HOUR_MS;
  const userDays: { user: string; first: number; last: number; reLogins: number }[] = [];
  // Each user's (per client) user-day still open.
  const open = new Map<string, (typeof userDays)[number]>();
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const key = `${event.clientId}\u0000${event.user}`;
    let userDay = open.get(key);
    if (userDay === undefined || event.at - userDay.last >= gap) {
      userDay = { user: event.user, first: event.at, last: event.at, reLogins: 0 };
      userDays.push(userDay);
      open.set(key, userDay);
    }
    userDay.last = event.at;
    if (event.kind === 're-login') userDay.reLogins += 1;
  }
  return userDays.map(({ user, first, last, reLogins }) => ({
    user,
    first,
    last,
    spanMinutes: (last - first) / MINUTE_MS,
    reLogins,
  }));
}

/**
 * Re-logins per user-day now (observed) and predicted at a token validity of `validityMinutes`: a user
 * active for S minutes of a user-day signs in again every V minutes, so floor(S / V) times that day.
 * Activity after a user-day's last sign-in is invisible, so the prediction is a lower bound.
 */
export function reLoginWhatIf(userDays: readonly ObservedUserDay[], validityMinutes: number) {
  if (userDays.length === 0) return { now: 0, predicted: 0 };
  const now = userDays.reduce((sum, userDay) => sum + userDay.reLogins, 0) / userDays.length;
  const predicted =
    userDays.reduce((sum, userDay) => sum + Math.floor(userDay.spanMinutes / validityMinutes), 0) /
    userDays.length;
  return { now, predicted };
}
