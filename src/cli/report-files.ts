/** Writes a platform report as `report.md`, a self-contained `report.html` and the chart, into one folder. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VegaPngRenderer } from '../adapters/chart/vega-png-renderer';
import {
  chartSpec,
  type PeriodicReport,
  REPORT_CHART_FILE,
  type ReportPresentation,
  reportHtml,
  reportMarkdown,
} from '../reports';
import { redact } from '../shared/redaction';

export interface ReportFiles {
  markdown: string;
  html: string;
  chart: string;
}

export async function writeReportFiles(
  outDir: string,
  report: PeriodicReport,
  presentation: ReportPresentation,
): Promise<ReportFiles> {
  const png = await new VegaPngRenderer().renderPng(chartSpec(report, presentation.messages));
  await mkdir(outDir, { recursive: true });
  const files = {
    markdown: join(outDir, 'report.md'),
    html: join(outDir, 'report.html'),
    chart: join(outDir, REPORT_CHART_FILE),
  };
  await writeFile(files.chart, png);
  // Text files leave the process like any output: redacted.
  await writeFile(files.markdown, redact(reportMarkdown(report, presentation, REPORT_CHART_FILE)));
  await writeFile(files.html, redact(reportHtml(report, presentation, png)));
  return files;
}
