export { readReportSettings, readReportTimeZone, readReportTopUsers } from './config';
export { CHART_FONT_FAMILIES, chartCharacters, chartSpec } from './domain/chart-spec';
export type { PeriodKind, ReportPeriod } from './domain/period';
export {
  isTimeZone,
  lastCompletePeriod,
  periodContaining,
  previousPeriod,
  REPORT_PERIODS,
} from './domain/period';
export type { PeriodicReport, ReportClientInput, ReportInput } from './domain/periodic-report';
export { buildPeriodicReport } from './domain/periodic-report';
export type { ReportPresentation } from './domain/report-documents';
export { reportHtml, reportMarkdown, reportMessage } from './domain/report-documents';
export type { ChartRenderer } from './ports/chart-renderer';
export type { ReportDeps, ReportRunResult } from './send-report';
export { gatherReport, REPORT_CHART_FILE, runReport } from './send-report';
