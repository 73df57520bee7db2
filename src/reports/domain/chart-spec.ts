/**
 * The report's chart as a Vega-Lite spec, built from the report's own numbers: re-logins and refreshes
 * per day as bars, active users as a line on a second axis; title, axes, legend and day labels in the
 * report's locale. Pure; the renderer turns it into a PNG.
 */

import type { Locale, Messages } from '../../shared/i18n';
import type { PeriodicReport } from './periodic-report';
import { reportMessages } from './report-text';

/**
 * The font family the chart asks for, per locale: DejaVu Sans for English, Noto Sans JP (a subset of
 * the glyphs the chart can show) for Japanese. The renderer holds both fonts.
 */
export const CHART_FONT_FAMILIES: Readonly<Record<Locale, string>> = {
  en: 'DejaVu Sans',
  ja: 'Noto Sans JP',
};

const COLOURS = ['#4c78a8', '#f58518', '#333333'];

/**
 * Space between legend entries. Without a canvas Vega estimates a label's width at 0.8 em a character,
 * which fits Latin text; a CJK character is a full em, so Japanese labels would run into the next symbol.
 */
const LEGEND_COLUMN_PADDING: Readonly<Record<Locale, number>> = { en: 10, ja: 30 };

export function chartSpec(report: PeriodicReport, messages?: Messages): Record<string, unknown> {
  const m = reportMessages(report, messages);
  const words = m.text.chart;
  const SERIES = [words.reLogins, words.refreshes, words.activeUsers] as const;
  const days = report.current.days.map((day, index) => ({
    day: m.format.shortDay(report.period.days[index]?.start ?? Date.parse(day.date)),
    ...day,
  }));
  const order = days.map((day) => day.day);
  const bars = days.flatMap((day) => [
    { day: day.day, series: SERIES[0], value: day.reLogins },
    { day: day.day, series: SERIES[1], value: day.refreshes },
  ]);
  const x = { field: 'day', type: 'ordinal', sort: order, title: null, axis: { labelAngle: 0 } };
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: [...SERIES], range: COLOURS },
    legend: { orient: 'top', columnPadding: LEGEND_COLUMN_PADDING[m.locale] },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: words.title, subtitle: words.subtitle(report.period.timeZone) },
    width: 560,
    height: 240,
    background: 'white',
    config: { font: CHART_FONT_FAMILIES[m.locale], view: { stroke: null } },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar' },
        encoding: {
          x,
          xOffset: { field: 'series', sort: [...SERIES] },
          y: {
            field: 'value',
            type: 'quantitative',
            title: words.countsAxis,
            axis: { tickMinStep: 1 },
          },
          color,
        },
      },
      {
        data: { values: days.map((day) => ({ day: day.day, series: SERIES[2], value: day.activeUsers })) },
        mark: { type: 'line', point: true, strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'value',
            type: 'quantitative',
            title: words.usersAxis,
            axis: { orient: 'right', tickMinStep: 1 },
          },
          color,
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

/**
 * Every character the chart can show in a locale: its words, the day labels of a whole week, digits and
 * ASCII (axis numbers, time zone names). The Japanese font is subset to exactly these.
 */
export function chartCharacters(messages: Messages): string {
  const words = messages.text.chart;
  const week = Array.from({ length: 7 }, (_, day) =>
    messages.format.shortDay(Date.UTC(2026, 10, 16 + day, 12)),
  );
  const ascii = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index)).join('');
  const text = [words.title, words.subtitle(''), words.reLogins, words.refreshes, words.activeUsers]
    .concat(words.countsAxis, words.usersAxis, week, ascii, '−–…')
    .join('');
  return [...new Set(text)].sort().join('');
}
