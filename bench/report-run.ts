/**
 * One weekly report in a process of its own (`report.ts` starts it), so that its peak RSS is the
 * report's and not the seeding's: the function's real dependencies from the environment it is given,
 * the clock fixed at BENCH_REPORT_AT (epoch ms). Reads the sign-in log, replays it, builds the report,
 * renders the chart and posts both to the Slack stand-in, as the Lambda does.
 * Prints `{"seconds", "peakRssMb", "report", "chart"}` as its last line.
 */
import { buildReportDeps } from '../functions/report/deps';
import { captureOutput } from '../local/stand-ins/emf';
import { runReport } from '../src/reports';
import { fixedClock } from '../src/shared/clock';

const deps = {
  ...buildReportDeps(process.env),
  clock: fixedClock(new Date(Number(process.env.BENCH_REPORT_AT))),
};
const started = performance.now();
const { report, chart } = (await captureOutput(() => runReport(deps))).result;
const seconds = (performance.now() - started) / 1000;
// maxRSS is the process's peak resident set (kB), startup included, as Lambda's "Max Memory Used".
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify({ seconds: Math.round(seconds * 100) / 100, peakRssMb, report, chart }));
