/**
 * Scheduled (default Monday 09:00 in REPORT_TIMEZONE): the platform team's report on the last complete
 * period, posted once per period and channel, with its chart in the thread.
 * A bad setting fails the cold start with a ConfigError naming it.
 */
import { type ReportRunResult, runReport } from '../../src/reports';
import { buildReportDeps } from './deps';

const deps = buildReportDeps(process.env);

export async function handler(): Promise<ReportRunResult> {
  return runReport(deps);
}
