/**
 * The report's periods: whole weeks (Monday to Monday) or whole days, cut at midnight in the report's
 * IANA time zone (daylight-saving days have 23 or 25 hours). Pure; luxon does the zone arithmetic.
 */
import { DateTime, IANAZone } from 'luxon';
import type { Messages } from '../../shared/i18n';

export const REPORT_PERIODS = ['week', 'day'] as const;
export type PeriodKind = (typeof REPORT_PERIODS)[number];

export interface ReportDay {
  /** Epoch ms, [start, end). */
  start: number;
  end: number;
  /** `YYYY-MM-DD` in the report's zone. */
  date: string;
}

export interface ReportPeriod {
  kind: PeriodKind;
  timeZone: string;
  /** Epoch ms, [start, end). */
  start: number;
  end: number;
  days: ReportDay[];
}

export function isTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

function periodFrom(kind: PeriodKind, timeZone: string, startOfPeriod: DateTime): ReportPeriod {
  const end = startOfPeriod.plus(kind === 'week' ? { weeks: 1 } : { days: 1 });
  const days: ReportDay[] = [];
  for (let day = startOfPeriod; day < end; day = day.plus({ days: 1 })) {
    days.push({ start: day.toMillis(), end: day.plus({ days: 1 }).toMillis(), date: day.toISODate() ?? '' });
  }
  return { kind, timeZone, start: startOfPeriod.toMillis(), end: end.toMillis(), days };
}

/** The last complete period that ended at or before `at` (epoch ms): the one a run at `at` reports on. */
export function lastCompletePeriod(at: number, kind: PeriodKind, timeZone: string): ReportPeriod {
  if (!isTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: "${timeZone}"`);
  const local = DateTime.fromMillis(at, { zone: timeZone });
  // ISO weeks start on Monday.
  const currentStart = local.startOf(kind === 'week' ? 'week' : 'day');
  return periodFrom(kind, timeZone, currentStart.minus(kind === 'week' ? { weeks: 1 } : { days: 1 }));
}

/** The period `at` falls in (the offline report's default: the period of the latest event). */
export function periodContaining(at: number, kind: PeriodKind, timeZone: string): ReportPeriod {
  if (!isTimeZone(timeZone)) throw new RangeError(`not an IANA time zone: "${timeZone}"`);
  const local = DateTime.fromMillis(at, { zone: timeZone });
  return periodFrom(kind, timeZone, local.startOf(kind === 'week' ? 'week' : 'day'));
}

/** The period just before `period`, for the comparison column. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const start = DateTime.fromMillis(period.start, { zone: period.timeZone });
  return periodFrom(
    period.kind,
    period.timeZone,
    start.minus(period.kind === 'week' ? { weeks: 1 } : { days: 1 }),
  );
}

/** "week of Mon 16 Nov 2026" / "2026年11月16日(月) からの週", in the period's zone. */
export function describePeriod(period: ReportPeriod, messages: Messages): string {
  const day = messages.format.date(period.start);
  return period.kind === 'week' ? messages.text.report.weekOf(day) : day;
}
