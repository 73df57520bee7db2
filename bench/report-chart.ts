/**
 * The report chart in English and Japanese: each rendered in a fresh Node process (WebAssembly start,
 * fonts, Vega, resvg: what a cold report function pays at its first chart), median of `runs`, the
 * Japanese one as a ratio of the English one; and the Japanese font's size embedded in the bundle
 * against the full Noto Sans JP it is cut from.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NOTO_SANS_JP_CHART_TTF_BASE64 } from '../src/adapters/chart/noto-sans-jp-chart';
import { median } from '../src/shared/stats';

export interface ReportChartFigures {
  firstRenderEnMs: number;
  firstRenderJaMs: number;
  ratioJaToEn: number;
  jaFontSubsetBytes: number;
  jaFontFullBytes: number;
}

/** Renders one week's chart in `locale` and prints how long the first render took. */
const RENDER = (locale: string) => `
import { VegaPngRenderer } from './src/adapters/chart/vega-png-renderer';
import { buildPeriodicReport, chartSpec, lastCompletePeriod } from './src/reports';
import { messagesFor } from './src/shared/i18n';
const period = lastCompletePeriod(Date.parse('2026-11-23T09:00:00Z'), 'week', 'Asia/Tokyo');
const events = period.days.flatMap((day, index) => Array.from({ length: 5 + index }, (_, hour) => ({
  at: day.start + (9 + hour) * 3_600_000, kind: hour === 0 ? 'session-start' : 're-login', userPoolId: 'pool',
  clientId: 'argocd', user: 'u' + (hour % 3), username: 'u' + (hour % 3), intervalMinutes: hour === 0 ? null : 60 })));
const report = buildPeriodicReport({ userPoolId: 'pool', period, clients: [{ clientId: 'argocd', events, client: null,
  cognito: { current: null, previous: null }, stretchedSince: null }], upstream: null, heavyReLogins: 3,
  minutesPerReLogin: 0.5, proposedValidityHours: 8, sessionHours: 24 });
const spec = chartSpec(report, messagesFor('${locale}', 'Asia/Tokyo'));
const t = performance.now();
await new VegaPngRenderer().renderPng(spec);
console.log(performance.now() - t);
`;

function firstRenderMs(locale: string): number {
  const output = execFileSync('npx', ['tsx', '--input-type=module', '-e', RENDER(locale)], {
    encoding: 'utf8',
  });
  return Number(output.trim().split('\n').at(-1));
}

export function benchReportChart(runs = 5): ReportChartFigures {
  const en: number[] = [];
  const ja: number[] = [];
  // In turns, so both see the same load on a shared machine.
  for (let run = 0; run < runs; run += 1) {
    en.push(firstRenderMs('en'));
    ja.push(firstRenderMs('ja'));
  }
  const round = (value: number) => Math.round(value * 10) / 10;
  const firstRenderEnMs = round(median(en) ?? 0);
  const firstRenderJaMs = round(median(ja) ?? 0);
  const full = createRequire(import.meta.url).resolve(
    '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  );
  return {
    firstRenderEnMs,
    firstRenderJaMs,
    ratioJaToEn: Math.round((firstRenderJaMs / firstRenderEnMs) * 100) / 100,
    jaFontSubsetBytes: Buffer.from(NOTO_SANS_JP_CHART_TTF_BASE64, 'base64').byteLength,
    jaFontFullBytes: statSync(full).size,
  };
}
