/**
 * `npm run bench`: measures the trigger against its floor, chain mode against the team's function
 * alone, each function's cold start, the re-login check, the weekly report, the report chart in both
 * languages, `analyze` and concurrent sign-ins; writes `bench/results.json` and prints a table.
 * BENCH_CHECK_USERS and BENCH_REPORT_USERS (default 10,000) scale them down on a small machine.
 */
import { writeFileSync } from 'node:fs';
import { startDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
import { benchAnalyze } from './analyze-throughput';
import { benchChain } from './chain-latency';
import { benchColdStart } from './cold-start';
import { benchReLoginCheck } from './relogin-check';
import { benchReport } from './report';
import { benchReportChart } from './report-chart';
import { benchTrigger } from './trigger-latency';

// Count (and show) rejections nothing handled instead of dying on the first: which call left one is a finding.
let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled += 1;
  if (unhandled <= 3) console.error('unhandled rejection:', reason);
});

const checkUsers = Number(process.env.BENCH_CHECK_USERS ?? 10_000);
const reportUsers = Number(process.env.BENCH_REPORT_USERS ?? 10_000);
const analyzeEvents = Number(process.env.BENCH_ANALYZE_EVENTS ?? 1_000_000);

// A loaded machine can take longer than the tests allow to start Java.
const dynamo = await startDynamoDbLocal(180_000);
try {
  const { trigger, concurrency } = await benchTrigger(dynamo);
  const chain = await benchChain(dynamo);
  const coldStart = await benchColdStart(dynamo);
  const checkWithOneDay = await benchReLoginCheck(dynamo, checkUsers, 1);
  const check = await benchReLoginCheck(dynamo, checkUsers, 30);
  const weeklyReport = await benchReport(dynamo, reportUsers);
  const reportChart = benchReportChart();
  const analyze = await benchAnalyze(analyzeEvents);
  const results = { trigger, chain, coldStart, check, weeklyReport, reportChart, analyze, concurrency };
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);

  const rows: [string, string, string][] = [
    ['trigger requests per event', String(trigger.requestsPerEvent), '1'],
    ['trigger p50 / floor p50', `${trigger.p50Ms} / ${trigger.floorP50Ms} ms = ${trigger.ratioP50}x`, ''],
    [
      'trigger p99 / floor p99',
      `${trigger.p99Ms} / ${trigger.floorP99Ms} ms = ${trigger.ratioP99}x`,
      '<= 1.3x',
    ],
    ['chain requests per event', String(chain.requestsPerEvent), '1'],
    [
      `chain p99 / team function alone p99 (${chain.teamFunctionMs} ms function)`,
      `${chain.chainP99Ms} / ${chain.aloneP99Ms} ms = ${chain.ratioP99}x`,
      '<= 1.1x',
    ],
    ...Object.entries(coldStart).map(([name, figures]): [string, string, string] => [
      `cold start ${name}`,
      `${figures.initMs} / ${figures.bareInitMs} ms = ${figures.ratio}x, ${figures.bundleBytes} B (zip ${figures.zipBytes} B)`,
      name === 'authEvent' ? '<= 1.3x' : '',
    ]),
    [
      `check, ${check.activeUsers} users, ${check.events} sign-ins, ${check.historyDays} d history`,
      `${check.seconds} s, ${check.peakRssMb} MB`,
      '<= 10 s, <= 256 MB',
    ],
    ['check read units, 1 d / 30 d history', `${checkWithOneDay.readUnits} / ${check.readUnits}`, 'equal'],
    [
      `weekly report with chart, ${weeklyReport.activeUsers} users, ${weeklyReport.signInsRead} sign-ins read`,
      `${weeklyReport.seconds} s, ${weeklyReport.peakRssMb} MB`,
      '',
    ],
    [
      'report chart, first render in a fresh process, ja / en',
      `${reportChart.firstRenderJaMs} / ${reportChart.firstRenderEnMs} ms = ${reportChart.ratioJaToEn}x; ja font ${reportChart.jaFontSubsetBytes} B (full ${reportChart.jaFontFullBytes} B)`,
      '',
    ],
    [
      'analyze',
      `${analyze.events} events, ${analyze.eventsPerSecond}/s, ${analyze.peakRssMb} MB`,
      '>= 200,000/s, <= 256 MB',
    ],
    [
      `concurrency, ${concurrency.signIns} sign-ins of ${concurrency.users} users`,
      `p99 ${concurrency.p99Ms} ms, all recorded: ${concurrency.allRecorded}`,
      'all recorded',
    ],
  ];
  if (unhandled > 0) rows.push(['unhandled rejections during the run', String(unhandled), '0']);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of [['figure', 'measured', 'target'] as [string, string, string], ...rows]) {
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
} finally {
  await dynamo.stop();
}
