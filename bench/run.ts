/**
 * `npm run bench`: measures the trigger against its floor, chain mode against the team's function
 * alone, each function's cold start, the re-login check, the weekly report, the report chart in both
 * languages, `analyze` and concurrent sign-ins; writes `bench/results.json` and prints a table.
 * `npm run bench -- --only chain,analyze` measures just those keys of `bench/results.json` and merges
 * them in, leaving the others as they were; `measured` records when each key was measured and the load.
 * BENCH_CHECK_USERS and BENCH_REPORT_USERS (default 10,000) scale them down on a small machine.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { type RunningDynamoDbLocal, startDynamoDbLocal } from '../local/stand-ins/dynamodb-local';
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

type Row = [figure: string, measured: string, target: string];
interface Measured {
  figures: Record<string, unknown>;
  rows: Row[];
}
interface Bench {
  /** The keys of `bench/results.json` it writes. */
  keys: string[];
  needsDynamo: boolean;
  run(dynamo: RunningDynamoDbLocal): Promise<Measured>;
}

/** In the order a full run takes them (the cheap latency figures before the seeding warms the machine). */
const BENCHES: Bench[] = [
  {
    keys: ['trigger', 'concurrency'],
    needsDynamo: true,
    async run(dynamo) {
      const { trigger, concurrency } = await benchTrigger(dynamo);
      return {
        figures: { trigger, concurrency },
        rows: [
          ['trigger requests per event', String(trigger.requestsPerEvent), '1'],
          [
            'trigger p50 / floor p50',
            `${trigger.p50Ms} / ${trigger.floorP50Ms} ms = ${trigger.ratioP50}x`,
            '',
          ],
          [
            'trigger p99 / floor p99',
            `${trigger.p99Ms} / ${trigger.floorP99Ms} ms = ${trigger.ratioP99}x`,
            '<= 1.3x',
          ],
          [
            `concurrency, ${concurrency.signIns} sign-ins of ${concurrency.users} users`,
            `p99 ${concurrency.p99Ms} ms, all recorded: ${concurrency.allRecorded}`,
            'all recorded',
          ],
        ],
      };
    },
  },
  {
    keys: ['chain'],
    needsDynamo: true,
    async run(dynamo) {
      const chain = await benchChain(dynamo);
      return {
        figures: { chain },
        rows: [
          ['chain requests per event', String(chain.requestsPerEvent), '1'],
          [
            `chain p99 / team function alone p99 (${chain.teamFunctionMs} ms function)`,
            `${chain.chainP99Ms} / ${chain.aloneP99Ms} ms = ${chain.ratioP99}x`,
            '<= 1.1x',
          ],
        ],
      };
    },
  },
  {
    keys: ['coldStart'],
    needsDynamo: true,
    async run(dynamo) {
      const coldStart = await benchColdStart(dynamo);
      return {
        figures: { coldStart },
        rows: Object.entries(coldStart).map(
          ([name, figures]): Row => [
            `cold start ${name}`,
            `${figures.initMs} / ${figures.bareInitMs} ms = ${figures.ratio}x, ${figures.bundleBytes} B (zip ${figures.zipBytes} B)`,
            name === 'authEvent' ? '<= 1.3x' : '',
          ],
        ),
      };
    },
  },
  {
    keys: ['check'],
    needsDynamo: true,
    async run(dynamo) {
      const checkWithOneDay = await benchReLoginCheck(dynamo, checkUsers, 1);
      const check = await benchReLoginCheck(dynamo, checkUsers, 30);
      return {
        figures: { check },
        rows: [
          [
            `check, ${check.activeUsers} users, ${check.events} sign-ins, ${check.historyDays} d history`,
            `${check.seconds} s, ${check.peakRssMb} MB`,
            '<= 10 s, <= 256 MB',
          ],
          [
            'check read units, 1 d / 30 d history',
            `${checkWithOneDay.readUnits} / ${check.readUnits}`,
            'equal',
          ],
        ],
      };
    },
  },
  {
    keys: ['weeklyReport'],
    needsDynamo: true,
    async run(dynamo) {
      const weeklyReport = await benchReport(dynamo, reportUsers);
      return {
        figures: { weeklyReport },
        rows: [
          [
            `weekly report with chart, ${weeklyReport.activeUsers} users, ${weeklyReport.signInsRead} sign-ins read`,
            `${weeklyReport.seconds} s, ${weeklyReport.peakRssMb} MB`,
            '',
          ],
        ],
      };
    },
  },
  {
    keys: ['reportChart'],
    needsDynamo: false,
    async run() {
      const reportChart = benchReportChart();
      return {
        figures: { reportChart },
        rows: [
          [
            'report chart, first render in a fresh process, ja / en',
            `${reportChart.firstRenderJaMs} / ${reportChart.firstRenderEnMs} ms = ${reportChart.ratioJaToEn}x; ja font ${reportChart.jaFontSubsetBytes} B (full ${reportChart.jaFontFullBytes} B)`,
            '',
          ],
        ],
      };
    },
  },
  {
    keys: ['analyze'],
    needsDynamo: false,
    async run() {
      const analyze = await benchAnalyze(analyzeEvents);
      return {
        figures: { analyze },
        rows: [
          [
            'analyze',
            `${analyze.events} events, ${analyze.eventsPerSecond}/s, ${analyze.peakRssMb} MB`,
            '>= 200,000/s, <= 256 MB',
          ],
        ],
      };
    },
  },
];

const KNOWN_KEYS = BENCHES.flatMap((bench) => bench.keys);

/** The keys asked for with `--only a,b` (all of them without it); an unknown key is a usage error. */
function selectedKeys(args: string[]): Set<string> {
  const { values } = parseArgs({ args, options: { only: { type: 'string' } } });
  if (values.only === undefined) return new Set(KNOWN_KEYS);
  const asked = values.only
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '');
  const unknown = asked.filter((key) => !KNOWN_KEYS.includes(key));
  if (asked.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only takes keys of bench/results.json among ${KNOWN_KEYS.join(', ')}; got ${values.only}`,
    );
  }
  return new Set(asked);
}

/** When and under what load a key was measured: figures of different runs must not pass for one run. */
interface MeasuredWhen {
  at: string;
  node: string;
  cpus: number;
  /** The 1, 5 and 15 minute load averages when it started and when it ended. */
  loadAverageBefore: LoadAverage;
  loadAverageAfter: LoadAverage;
}

interface LoadAverage {
  '1m': number;
  '5m': number;
  '15m': number;
}

function loadAverage(): LoadAverage {
  const [one = 0, five = 0, fifteen = 0] = loadavg().map((value) => Math.round(value * 100) / 100);
  return { '1m': one, '5m': five, '15m': fifteen };
}

let only: Set<string>;
try {
  only = selectedKeys(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const chosen = BENCHES.filter((bench) => bench.keys.some((key) => only.has(key)));
const resultsUrl = new URL('./results.json', import.meta.url);
const results = (existsSync(resultsUrl) ? JSON.parse(readFileSync(resultsUrl, 'utf8')) : {}) as Record<
  string,
  unknown
> & { measured?: Record<string, MeasuredWhen> };
const measured = { ...(results.measured ?? {}) };
const rows: Row[] = [];

// A loaded machine can take longer than the tests allow to start Java.
const dynamo = chosen.some((bench) => bench.needsDynamo) ? await startDynamoDbLocal(180_000) : undefined;
try {
  for (const bench of chosen) {
    const at = new Date().toISOString();
    const loadAverageBefore = loadAverage();
    const outcome = await bench.run(dynamo as RunningDynamoDbLocal);
    const when: MeasuredWhen = {
      at,
      node: process.version,
      cpus: availableParallelism(),
      loadAverageBefore,
      loadAverageAfter: loadAverage(),
    };
    for (const key of bench.keys.filter((name) => only.has(name))) {
      results[key] = outcome.figures[key];
      measured[key] = when;
    }
    rows.push(...outcome.rows);
    // Written after each bench, so a late failure keeps what was measured.
    writeFileSync(resultsUrl, `${JSON.stringify({ ...results, measured }, null, 2)}\n`);
  }
  if (unhandled > 0) rows.push(['unhandled rejections during the run', String(unhandled), '0']);
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of [['figure', 'measured', 'target'] as Row, ...rows]) {
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
  if (only.size < KNOWN_KEYS.length) {
    console.log(`measured: ${[...only].join(', ')}; the other keys of bench/results.json are unchanged`);
  }
} finally {
  await dynamo?.stop();
}
