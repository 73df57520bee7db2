/**
 * The report's chart as a Vega-Lite spec, built from the report's own numbers: re-logins and refreshes
 * per day as bars, active users as a line on a second axis. Pure; the renderer turns it into a PNG.
 */

import { shortDayLabel } from './period';
import type { PeriodicReport } from './periodic-report';

export const CHART_FONT_FAMILY = 'DejaVu Sans';

const SERIES = ['Re-logins', 'Refreshes', 'Active users'] as const;
const COLOURS = ['#4c78a8', '#f58518', '#333333'];

export function chartSpec(report: PeriodicReport): Record<string, unknown> {
  const { timeZone } = report.period;
  const days = report.current.days.map((day, index) => ({
    day: shortDayLabel(report.period.days[index] ?? { start: 0, end: 0, date: day.date }, timeZone),
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
    legend: { orient: 'top' },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: 'Re-logins and refreshes per day', subtitle: `${report.period.timeZone} days` },
    width: 560,
    height: 240,
    background: 'white',
    config: { font: CHART_FONT_FAMILY, view: { stroke: null } },
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
            title: 're-logins, refreshes',
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
            title: 'active users',
            axis: { orient: 'right', tickMinStep: 1 },
          },
          color,
        },
      },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}
