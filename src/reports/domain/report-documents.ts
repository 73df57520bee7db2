/**
 * The report in its three forms, all from the same text pieces (report-text.ts): a Slack Block Kit
 * message, a Markdown document and a self-contained HTML page (the chart embedded as a data: URL, no
 * external request). Pure.
 */
import {
  type BlockKitMessage,
  context,
  DIVIDER,
  escapeMrkdwn,
  fallbackText,
  header,
  mrkdwnCodeBlock,
  section,
} from '../../notifications';
import { SEVERITY_ICONS, type UserLabeler } from '../../relogins';
import { htmlText, markdownLine, markdownText } from '../../shared/escaping';
import { printable } from '../../shared/safe-text';
import type { PeriodicReport } from './periodic-report';
import {
  clientSections,
  type FigureRow,
  figureRows,
  heavyUserLines,
  reportSummary,
  reportTitle,
  upstreamLines,
} from './report-text';

export interface ReportPresentation {
  label: UserLabeler;
  topUsers: number;
  /** What reading the events left out of the figures (duplicates, ignored events), one sentence each. */
  inputNotes?: readonly string[];
}

const COLUMNS = ['', 'this period', 'previous', 'change'] as const;

/** The figures as a fixed-width table (Slack code block, plain text). */
function figureTable(rows: readonly FigureRow[]): string {
  const cells = [[...COLUMNS], ...rows.map((row) => [row.label, row.current, row.previous, row.change])];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((cell) => (cell[column] ?? '').length)));
  return cells
    .map((cell) =>
      cell
        .map((value, column) =>
          column === 0 ? value.padEnd(widths[0] ?? 0) : value.padStart(widths[column] ?? 0),
        )
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

/** The presentation's labels as one format needs them: each user's name made safe by `format`. */
function labelledFor(presentation: ReportPresentation, format: (text: string) => string): UserLabeler {
  return (user) => format(presentation.label(user));
}

export function reportMessage(report: PeriodicReport, presentation: ReportPresentation): BlockKitMessage {
  const title = reportTitle(report);
  const heavy = heavyUserLines(report, labelledFor(presentation, printable), presentation.topUsers);
  const clients = clientSections(report).flatMap((client) => [
    section(
      [
        `*${escapeMrkdwn(client.heading)}*: ${client.validity}`,
        ...(client.debt === null ? [] : [`:warning: ${client.debt}`]),
      ].join('\n'),
    ),
    ...client.advice.map((item) => section(`${SEVERITY_ICONS[item.severity]} *${item.title}*\n${item.text}`)),
  ]);
  return {
    text: fallbackText(`${title}: ${reportSummary(report)}`),
    blocks: [
      header(title),
      section(escapeMrkdwn(reportSummary(report))),
      section(mrkdwnCodeBlock(figureTable(figureRows(report)))),
      section(
        heavy.length === 0
          ? '*Heavy users*: none'
          : `*Heavy users* (top ${presentation.topUsers})\n${heavy.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`,
      ),
      section(
        `*Upstream*\n${upstreamLines(report)
          .map((line) => `• ${escapeMrkdwn(line)}`)
          .join('\n')}`,
      ),
      DIVIDER,
      ...clients,
      context('The chart follows in the thread · argocd-relogin-monitor'),
    ],
  };
}

function markdownTable(rows: readonly FigureRow[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(COLUMNS),
    line(['---', '---:', '---:', '---:']),
    ...rows.map((row) => line([row.label, row.current, row.previous, row.change])),
  ].join('\n');
}

/** Markdown body; `chartFile` is the PNG's name beside it, or null when no chart could be made. */
export function reportMarkdown(
  report: PeriodicReport,
  presentation: ReportPresentation,
  chartFile: string | null,
): string {
  // Every line below is markdownLine'd: whatever outside text it carries, it stays one line and starts
  // no block (heading, rule, quote, raw HTML) of its own; user names are escaped as values.
  const heavy = heavyUserLines(report, labelledFor(presentation, markdownText), presentation.topUsers);
  const clients = clientSections(report).flatMap((client) => [
    `### ${markdownLine(client.heading)}`,
    '',
    markdownLine(client.validity),
    '',
    ...(client.debt === null ? [] : [`> **Warning:** ${markdownLine(client.debt)}`, '']),
    ...client.advice.flatMap((item) => [
      `**${markdownLine(item.title)}** (${item.severity})`,
      '',
      ...item.text.split('\n').map(markdownLine),
      '',
    ]),
  ]);
  return [
    `# ${markdownLine(reportTitle(report))}`,
    '',
    markdownLine(reportSummary(report)),
    '',
    ...(presentation.inputNotes ?? []).flatMap((note) => [`_${markdownLine(note)}_`, '']),
    markdownTable(figureRows(report)),
    '',
    ...(chartFile === null
      ? ['_The chart could not be made._']
      : [`![Re-logins and refreshes per day](${chartFile})`]),
    '',
    '## Heavy users',
    '',
    ...(heavy.length === 0 ? ['None.'] : heavy.map((line) => `- ${markdownLine(line)}`)),
    '',
    '## Upstream',
    '',
    ...upstreamLines(report).map((line) => `- ${markdownLine(line)}`),
    '',
    '## App clients and advice',
    '',
    ...clients,
  ].join('\n');
}

/** Escapes, then renders the `code` and *bold* marks the advice texts use. */
function inlineHtml(text: string): string {
  return htmlText(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*([^*\n]+)\*/g, '<strong>$1</strong>')
    .replace(/\n/g, '<br>');
}

/** A page with no external request: inline style, the chart as a data: URL. */
export function reportHtml(
  report: PeriodicReport,
  presentation: ReportPresentation,
  chartPng: Uint8Array | null,
): string {
  const rows = figureRows(report)
    .map(
      (row) =>
        `<tr><th scope="row">${htmlText(row.label)}</th><td>${htmlText(row.current)}</td><td>${htmlText(row.previous)}</td><td>${htmlText(row.change)}</td></tr>`,
    )
    .join('\n');
  const heavy = heavyUserLines(report, labelledFor(presentation, printable), presentation.topUsers);
  const list = (lines: readonly string[]) =>
    `<ul>${lines.map((line) => `<li>${inlineHtml(line)}</li>`).join('')}</ul>`;
  const clients = clientSections(report)
    .map(
      (section) =>
        `<h3>${inlineHtml(section.heading)}</h3><p>${inlineHtml(section.validity)}</p>` +
        (section.debt === null ? '' : `<p class="warning">${inlineHtml(section.debt)}</p>`) +
        section.advice
          .map(
            (item) =>
              `<h4 class="${item.severity}">${htmlText(item.title)}</h4><p>${inlineHtml(item.text)}</p>`,
          )
          .join(''),
    )
    .join('\n');
  const chart =
    chartPng === null
      ? '<p><em>The chart could not be made.</em></p>'
      : `<img alt="Re-logins and refreshes per day" width="100%" src="data:image/png;base64,${Buffer.from(chartPng).toString('base64')}">`;
  const title = htmlText(reportTitle(report));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}th,td{padding:.25rem .75rem;border-bottom:1px solid #ddd}td{text-align:right}
th[scope=row]{text-align:left;font-weight:normal}.warning{color:#8a4b00}code{background:#f3f3f3;padding:0 .2rem}</style>
</head><body>
<h1>${title}</h1>
<p>${inlineHtml(reportSummary(report))}</p>
${(presentation.inputNotes ?? []).map((note) => `<p><em>${htmlText(note)}</em></p>`).join('\n')}
<table><thead><tr><th></th><th>this period</th><th>previous</th><th>change</th></tr></thead><tbody>
${rows}
</tbody></table>
${chart}
<h2>Heavy users</h2>${heavy.length === 0 ? '<p>None.</p>' : list(heavy)}
<h2>Upstream</h2>${list(upstreamLines(report))}
<h2>App clients and advice</h2>
${clients}
</body></html>
`;
}
