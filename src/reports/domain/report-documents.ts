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
import type { Messages } from '../../shared/i18n';
import { printable } from '../../shared/safe-text';
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
  /** What reading the events left out of the figures (duplicates, ignored events), one sentence each. */
  inputNotes?: readonly string[];
}

/** The presentation's labels as one format needs them: each user's name made safe by `format`. */
function labelledFor(presentation: ReportPresentation, format: (text: string) => string): UserLabeler {
  return (user) => format(presentation.label(user));
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

export function reportMessage(report: PeriodicReport, presentation: ReportPresentation): BlockKitMessage {
  const m = reportMessages(report, presentation.messages);
  const words = m.text.report;
  const title = reportTitle(report, m);
  const summary = reportSummary(report, m);
  const heavy = heavyUserLines(report, labelledFor(presentation, printable), presentation.topUsers, m);
  const clients = clientSections(report, m).flatMap((client) => [
    section(
      [
        `*${escapeMrkdwn(client.heading)}*: ${client.validity}`,
        ...(client.debt === null ? [] : [`:warning: ${client.debt}`]),
      ].join('\n'),
    ),
    ...client.advice.map((item) => section(`${SEVERITY_ICONS[item.severity]} *${item.title}*\n${item.text}`)),
  ]);
  return {
    text: fallbackText(`${title}: ${summary}`),
    blocks: [
      header(title),
      section(escapeMrkdwn(summary)),
      section(mrkdwnCodeBlock(figureTable(figureRows(report, m), m))),
      section(
        heavy.length === 0
          ? `*${words.heavyUsers}*: ${words.none}`
          : `*${words.heavyUsers}* (${words.heavyUsersTop(presentation.topUsers)})\n${heavy.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`,
      ),
      section(
        `*${words.upstream}*\n${upstreamLines(report, m)
          .map((line) => `• ${escapeMrkdwn(line)}`)
          .join('\n')}`,
      ),
      DIVIDER,
      ...clients,
      context(`${words.chartFollows} · argocd-relogin-monitor`),
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
  // Every line below is markdownLine'd: whatever outside text it carries, it stays one line and starts
  // no block (heading, rule, quote, raw HTML) of its own; user names are escaped as values.
  const heavy = heavyUserLines(report, labelledFor(presentation, markdownText), presentation.topUsers, m);
  const clients = clientSections(report, m).flatMap((section) => [
    `### ${markdownLine(section.heading)}`,
    '',
    markdownLine(section.validity),
    '',
    ...(section.debt === null ? [] : [`> **${words.warning}:** ${markdownLine(section.debt)}`, '']),
    ...section.advice.flatMap((item) => [
      `**${markdownLine(item.title)}** (${item.severity})`,
      '',
      ...item.text.split('\n').map(markdownLine),
      '',
    ]),
  ]);
  return [
    `# ${markdownLine(reportTitle(report, m))}`,
    '',
    markdownLine(reportSummary(report, m)),
    '',
    ...(presentation.inputNotes ?? []).flatMap((note) => [`_${markdownLine(note)}_`, '']),
    markdownTable(figureRows(report, m), m),
    '',
    ...(chartFile === null ? [`_${words.chartMissing}_`] : [`![${words.chartAlt}](${chartFile})`]),
    '',
    `## ${words.heavyUsers}`,
    '',
    ...(heavy.length === 0 ? [`${words.none}`] : heavy.map((line) => `- ${markdownLine(line)}`)),
    '',
    `## ${words.upstream}`,
    '',
    ...upstreamLines(report, m).map((line) => `- ${markdownLine(line)}`),
    '',
    `## ${words.clientsAndAdvice}`,
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
  const m = reportMessages(report, presentation.messages);
  const words = m.text.report;
  const rows = figureRows(report, m)
    .map(
      (row) =>
        `<tr><th scope="row">${htmlText(row.label)}</th><td>${htmlText(row.current)}</td><td>${htmlText(row.previous)}</td><td>${htmlText(row.change)}</td></tr>`,
    )
    .join('\n');
  const heavy = heavyUserLines(report, labelledFor(presentation, printable), presentation.topUsers, m);
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
              `<h4 class="${item.severity}">${htmlText(item.title)}</h4><p>${inlineHtml(item.text)}</p>`,
          )
          .join(''),
    )
    .join('\n');
  const chart =
    chartPng === null
      ? `<p><em>${htmlText(words.chartMissing)}</em></p>`
      : `<img alt="${htmlText(words.chartAlt)}" width="100%" src="data:image/png;base64,${Buffer.from(chartPng).toString('base64')}">`;
  const title = htmlText(reportTitle(report, m));
  const [, thisPeriod, previous, change] = columns(m).map((column) => htmlText(column));
  return `<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;max-width:44rem}th,td{padding:.25rem .75rem;border-bottom:1px solid #ddd}td{text-align:right}
th[scope=row]{text-align:left;font-weight:normal}.warning{color:#8a4b00}code{background:#f3f3f3;padding:0 .2rem}
img{max-width:100%;height:auto}@media (max-width:30rem){body{margin:1rem auto;padding:0 .5rem}th,td{padding:.2rem .3rem}}</style>
</head><body>
<h1>${title}</h1>
<p>${inlineHtml(reportSummary(report, m))}</p>
${(presentation.inputNotes ?? []).map((note) => `<p><em>${htmlText(note)}</em></p>`).join('\n')}
<table><thead><tr><th></th><th>${thisPeriod}</th><th>${previous}</th><th>${change}</th></tr></thead><tbody>
${rows}
</tbody></table>
${chart}
<h2>${htmlText(words.heavyUsers)}</h2>${heavy.length === 0 ? `<p>${htmlText(words.none)}</p>` : list(heavy)}
<h2>${htmlText(words.upstream)}</h2>${list(upstreamLines(report, m))}
<h2>${htmlText(words.clientsAndAdvice)}</h2>
${clients}
</body></html>
`;
}
