/**
 * Numbers, dates and durations as people read them in one locale and time zone, through `Intl` (Node's
 * full ICU). One formatter serves every message, the report and the CLI, so a Japanese reader sees
 * `2026/11/23 17:00` and `1 時間 30 分` everywhere, an English one `2026-11-23 08:00` and `1 h 30 min`.
 */
import { INTL_TAGS, type Locale } from './locale';

export interface Formatter {
  locale: Locale;
  timeZone: string;
  /** A whole count with the locale's grouping: `12,345`. */
  count(value: number): string;
  /** A number rounded to at most `digits` decimals: `1.5`. */
  decimal(value: number, digits: number): string;
  /** A signed change: `+12`, `−3`, `0`. */
  signed(value: number, digits: number): string;
  /** A span of seconds: `1 h 30 min` / `1 時間 30 分`; days from 2 days on, seconds only under 1 h. */
  duration(totalSeconds: number): string;
  /** `duration` of minutes (Cognito's validities are kept in minutes). */
  minutes(totalMinutes: number): string;
  /** Date and time in the time zone, with the zone named: `2026-11-23 08:00 UTC`. */
  dateTime(epochMs: number): string;
  /** The date alone: `Mon 23 Nov 2026` / `2026年11月23日(月)`. */
  date(epochMs: number): string;
  /** A chart's day label: `Mon 23` / `23日(月)`. */
  shortDay(epochMs: number): string;
  /** `a, b and c` / `a、b、c`. */
  list(items: readonly string[]): string;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** English keeps the short unit marks its messages always used; Japanese takes ICU's (`時間`, `分`). */
const EN_UNITS = { day: 'd', hour: 'h', minute: 'min', second: 's' } as const;
type Unit = keyof typeof EN_UNITS;

export function createFormatter(locale: Locale, timeZone: string): Formatter {
  const tag = INTL_TAGS[locale];
  const whole = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const decimals = new Map<number, Intl.NumberFormat>();
  const decimalFormat = (digits: number) => {
    let format = decimals.get(digits);
    if (format === undefined) {
      format = new Intl.NumberFormat(tag, { maximumFractionDigits: digits });
      decimals.set(digits, format);
    }
    return format;
  };
  const unitFormats = new Map<Unit, Intl.NumberFormat>();
  const unit = (value: number, name: Unit): string => {
    if (locale === 'en') return `${whole.format(value)} ${EN_UNITS[name]}`;
    let format = unitFormats.get(name);
    if (format === undefined) {
      format = new Intl.NumberFormat(tag, { style: 'unit', unit: name, unitDisplay: 'short' });
      unitFormats.set(name, format);
    }
    return format.format(value);
  };
  const duration = (totalSeconds: number, zero: Unit = 'second'): string => {
    const seconds = Math.round(totalSeconds);
    const days = seconds >= 2 * DAY ? Math.floor(seconds / DAY) : 0;
    const parts: [number, Unit][] = [
      [days, 'day'],
      [Math.floor((seconds - days * DAY) / HOUR), 'hour'],
      [Math.floor((seconds % HOUR) / MINUTE), 'minute'],
      [seconds < HOUR ? seconds % MINUTE : 0, 'second'],
    ];
    const shown = parts.filter(([value]) => value > 0).map(([value, name]) => unit(value, name));
    return shown.length === 0 ? unit(0, zero) : shown.join(' ');
  };
  const dateTimeFormat = new Intl.DateTimeFormat(tag, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  /** `2026-11-24 08:00 UTC` (ISO order, read the same everywhere) / `2026/11/24 17:00 Asia/Tokyo`. */
  const dateTime = (epochMs: number): string => {
    const part = (type: Intl.DateTimeFormatPartTypes) =>
      dateTimeFormat.formatToParts(epochMs).find((candidate) => candidate.type === type)?.value ?? '';
    const separator = locale === 'ja' ? '/' : '-';
    return `${[part('year'), part('month'), part('day')].join(separator)} ${part('hour')}:${part('minute')} ${timeZone}`;
  };

  const dateFormat = new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
  });
  const shortDayFormat = new Intl.DateTimeFormat(tag, { timeZone, weekday: 'short', day: 'numeric' });
  const listFormat = new Intl.ListFormat(tag, { type: 'conjunction' });
  return {
    locale,
    timeZone,
    count: (value) => whole.format(value),
    decimal: (value, digits) => decimalFormat(digits).format(value),
    signed: (value, digits) => {
      const rounded = Number(value.toFixed(digits));
      if (rounded === 0) return '0';
      return `${rounded > 0 ? '+' : '−'}${decimalFormat(digits).format(Math.abs(rounded))}`;
    },
    duration: (totalSeconds) => duration(totalSeconds),
    minutes: (totalMinutes) => duration(totalMinutes * MINUTE, 'minute'),
    dateTime,
    date: (epochMs) => dateFormat.format(epochMs),
    shortDay: (epochMs) => shortDayFormat.format(epochMs),
    list: (items) => listFormat.format(items),
  };
}
