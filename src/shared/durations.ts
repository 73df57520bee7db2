/**
 * The one place durations become text: how people read them in messages ("1 h 30 min") and how Go
 * programs such as Argo CD read them in their settings ("1h30m"). Pure.
 */

/** Epoch-millisecond spans, for code that steps through time. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "30 s", "59 min 58 s", "1 h", "1 h 30 min", "24 h", "30 d", for messages. Days only from 2 days on
 * (Cognito's and Argo CD's one-day limits read better as "24 h"); seconds are left out from 1 h on (a
 * lifetime that long is never read to the second); fractions of a second are rounded.
 */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  const days = seconds >= 2 * DAY ? Math.floor(seconds / DAY) : 0;
  const parts = [
    [days, 'd'],
    [Math.floor((seconds - days * DAY) / HOUR), 'h'],
    [Math.floor((seconds % HOUR) / MINUTE), 'min'],
    [seconds < HOUR ? seconds % MINUTE : 0, 's'],
  ] as const;
  const text = parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value} ${unit}`)
    .join(' ');
  return text === '' ? '0 s' : text;
}

/** `formatDuration` of a number of minutes (Cognito's validities are kept in minutes). */
export function formatMinutes(totalMinutes: number): string {
  return formatDuration(totalMinutes * MINUTE);
}

/**
 * A Go `time.Duration` as `time.ParseDuration` reads it: "30s", "15m", "2h", "1h30m", "22m30s".
 * Go has no day unit, so 2 days are "48h". Fractions of a second are rounded.
 */
export function goDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  const parts = [
    [Math.floor(seconds / HOUR), 'h'],
    [Math.floor((seconds % HOUR) / MINUTE), 'm'],
    [seconds % MINUTE, 's'],
  ] as const;
  const text = parts
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join('');
  return text === '' ? '0s' : text;
}

/**
 * Argo CD's `users.session.duration` as it reads it: ONE number and ONE unit (`^(\d+)([smhd])$` in
 * argoproj/pkg): "90m", "36h", "7d". A compound value such as "1h30m" is rejected and Argo CD silently
 * falls back to its 24 h default, so this never makes one: the largest unit that states the span whole.
 */
export function sessionDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  if (seconds > 0 && seconds % DAY === 0 && seconds > DAY) return `${seconds / DAY}d`;
  if (seconds > 0 && seconds % HOUR === 0) return `${seconds / HOUR}h`;
  if (seconds > 0 && seconds % MINUTE === 0) return `${seconds / MINUTE}m`;
  return `${seconds}s`;
}
