/**
 * The report in its three forms, all from the same text pieces (report-text.ts): a Slack Block Kit
 * message, a Markdown document and a self-contained HTML page (the chart embedded as a data: URL, no
 * external request). Pure.
 */
import { type BlockKitMessage, escapeMrkdwn } from '../../notifications';
import { SEVERITY_ICONS, type UserLabeler } from '../../relogins';
import type { Messages } from '../../shared/i18n';
import type { PeriodicReport } from './periodic-report';
import {
  clientSections,
  type FigureRow,
  figureRows,
  heavyUserLines,
  reportMessages,
  reportSummary,
  reportTitle,
  upstreamLines,
} from './report-text';

export interface ReportPresentation {
  label: UserLabeler;
  topUsers: number;
  /** The report's locale, in its time zone; English when left out. */
  messages?: Messages;
}

function columns(m: Messages): string[] {
  const { thisPeriod, previous, change } = m.text.report.columns;
  return ['', thisPeriod, previous, change];
}

/** Columns as wide as their text reads: a CJK character takes two cells of a fixed-width font. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        character,
      )
        ? 2
        : 1;
  return width;
}

function pad(text: string, width: number, atStart: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return atStart ? fill + text : text + fill;
}

/** The figures as a fixed-width table (Slack code block, plain text). */
function figureTable(rows: readonly FigureRow[], m: Messages): string {
  const COLUMNS = columns(m);
  const cells = [[...COLUMNS], ...rows.map((row) => [row.label, row.current, row.previous, row.change])];
  const widths = COLUMNS.map((_, column) =>
    Math.max(...cells.map((cell) => displayWidth(cell[column] ?? ''))),
  );
  return cells
    .map((cell) =>
      cell
        .map((value, column) => pad(value, widths[column] ?? 0, column !== 0))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

function mrkdwn(text: string) {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

export function reportMessage(report: PeriodicReport, presentation: ReportPresentation): BlockKitMessage {
  const m = reportMessages(report, presentation.messages);
  const words = m.text.report;
  const title = reportTitle(report, m);
  const summary = reportSummary(report, m);
  const heavy = heavyUserLines(report, presentation.label, presentation.topUsers, m);
  const clients = clientSections(report, m).flatMap((section) => [
    mrkdwn(
      [
        `*${escapeMrkdwn(section.heading)}*: ${section.validity}`,
        ...(section.debt === null ? [] : [`:warning: ${section.debt}`]),
      ].join('\n'),
    ),
    ...section.advice.map((item) => mrkdwn(`${SEVERITY_ICONS[item.severity]} *${item.title}*\n${item.text}`)),
  ]);
  return {
    text: `${title}: ${summary}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title } },
      mrkdwn(escapeMrkdwn(summary)),
      mrkdwn(`\`\`\`\n${escapeMrkdwn(figureTable(figureRows(report, m), m))}\n\`\`\``),
      mrkdwn(
        heavy.length === 0
          ? `*${words.heavyUsers}*: ${words.none}`
          : `*${words.heavyUsers}* (${words.heavyUsersTop(presentation.topUsers)})\n${heavy.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`,
      ),
      mrkdwn(
        `*${words.upstream}*\n${upstreamLines(report, m)
          .map((line) => `• ${escapeMrkdwn(line)}`)
          .join('\n')}`,
      ),
      { type: 'divider' },
      ...clients,
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${words.chartFollows} · argocd-relogin-monitor` }],
      },
    ],
  };
}

function markdownTable(rows: readonly FigureRow[], m: Messages): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(columns(m)),
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
  const m = reportMessages(report, presentation.messages);
  const words = m.text.report;
  const heavy = heavyUserLines(report, presentation.label, presentation.topUsers, m);
  const clients = clientSections(report, m).flatMap((section) => [
    `### ${section.heading}`,
    '',
    section.validity,
    '',
    ...(section.debt === null ? [] : [`> **${words.warning}:** ${section.debt}`, '']),
    ...section.advice.flatMap((item) => [`**${item.title}** (${item.severity})`, '', item.text, '']),
  ]);
  return [
    `# ${reportTitle(report, m)}`,
    '',
    reportSummary(report, m),
    '',
    markdownTable(figureRows(report, m), m),
    '',
    ...(chartFile === null ? [`_${words.chartMissing}_`] : [`![${words.chartAlt}](${chartFile})`]),
    '',
    `## ${words.heavyUsers}`,
    '',
    ...(heavy.length === 0 ? [`${words.none}`] : heavy.map((line) => `- ${line}`)),
    '',
    `## ${words.upstream}`,
    '',
    ...upstreamLines(report, m).map((line) => `- ${line}`),
    '',
    `## ${words.clientsAndAdvice}`,
    '',
    ...clients,
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Escapes, then renders the `code` and *bold* marks the advice texts use. */
function inlineHtml(text: string): string {
  return escapeHtml(text)
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
  const m = reportMessages(report, presentation.messages);
  const words = m.text.report;
  const rows = figureRows(report, m)
    .map(
      (row) =>
        `<tr><th scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.current)}</td><td>${escapeHtml(row.previous)}</td><td>${escapeHtml(row.change)}</td></tr>`,
    )
    .join('\n');
  const heavy = heavyUserLines(report, presentation.label, presentation.topUsers, m);
  const list = (lines: readonly string[]) =>
    `<ul>${lines.map((line) => `<li>${inlineHtml(line)}</li>`).join('')}</ul>`;
  const clients = clientSections(report, m)
    .map(
      (section) =>
        `<h3>${inlineHtml(section.heading)}</h3><p>${inlineHtml(section.validity)}</p>` +
        (section.debt === null ? '' : `<p class="warning">${inlineHtml(section.debt)}</p>`) +
        section.advice
          .map(
            (item) =>
              `<h4 class="${item.severity}">${escapeHtml(item.title)}</h4><p>${inlineHtml(item.text)}</p>`,
          )
          .join(''),
    )
    .join('\n');
  const chart =
    chartPng === null
      ? `<p><em>${escapeHtml(words.chartMissing)}</em></p>`
      : `<img alt="${escapeHtml(words.chartAlt)}" width="100%" src="data:image/png;base64,${Buffer.from(chartPng).toString('base64')}">`;
  const title = escapeHtml(reportTitle(report, m));
  const [, thisPeriod, previous, change] = columns(m).map(escapeHtml);
  return `<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;max-width:44rem}th,td{padding:.25rem .75rem;border-bottom:1px solid #ddd}td{text-align:right}
th[scope=row]{text-align:left;font-weight:normal}.warning{color:#8a4b00}code{background:#f3f3f3;padding:0 .2rem}
img{max-width:100%;height:auto}@media (max-width:30rem){body{margin:1rem auto;padding:0 .5rem}th,td{padding:.2rem .3rem}}</style>
</head><body>
<h1>${title}</h1>
<p>${inlineHtml(reportSummary(report, m))}</p>
<table><thead><tr><th></th><th>${thisPeriod}</th><th>${previous}</th><th>${change}</th></tr></thead><tbody>
${rows}
</tbody></table>
${chart}
<h2>${escapeHtml(words.heavyUsers)}</h2>${heavy.length === 0 ? `<p>${escapeHtml(words.none)}</p>` : list(heavy)}
<h2>${escapeHtml(words.upstream)}</h2>${list(upstreamLines(report, m))}
<h2>${escapeHtml(words.clientsAndAdvice)}</h2>
${clients}
</body></html>
`;
}
