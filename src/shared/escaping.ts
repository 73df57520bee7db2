/**
 * Outside text (user names, client and pool ids, field names from a saved answer) made safe for each
 * output format, one function per format, applied where the text is rendered:
 *
 * - terminal: `printable` (`./safe-text.ts`);
 * - code spans in any format: `codeSpan` (this file);
 * - Markdown: `markdownText` for a value, `markdownLine` for a line of text that may carry one;
 * - HTML: `htmlText`;
 * - Slack mrkdwn and the fallback `text`: `src/notifications/domain/block-kit.ts`;
 * - Terraform, YAML and JSON documents: `./document-values.ts` (refused, not escaped).
 */
import { controlsEscaped, printable } from './safe-text';

/**
 * A backtick in a code span would close it; no format here has an escape inside code, so it is shown
 * as a look-alike (U+02CB) instead. Line breaks and controls are shown escaped (`\n`), as on a terminal.
 */
const BACKTICK_LOOKALIKE = 'ˋ';

/** `text` as an inline code span (`` `text` ``) that nothing inside can close or break. */
export function codeSpan(text: string): string {
  return `\`${printable(text).replaceAll('`', BACKTICK_LOOKALIKE)}\``;
}

/** The same, for a code block's body: no run of backticks can end the fence. */
export function codeBlockBody(text: string): string {
  return text.replaceAll('`', BACKTICK_LOOKALIKE);
}

/** Characters Markdown (CommonMark, GitHub) gives a meaning inline. */
const MARKDOWN_INLINE = /[\\`*_[\]<>#|~!&]/g;

/** An outside value inside a Markdown line: shown as written, formatting nothing, on one line. */
export function markdownText(text: string): string {
  return printable(text).replace(MARKDOWN_INLINE, (char) => `\\${char}`);
}

/** What starts a block at the beginning of a Markdown line: heading, quote, list, rule, fence, table, HTML. */
const MARKDOWN_BLOCK_START = /^(\s*)([#>+=|<-]|\*|`{3}|~{3}|\d+[.)])/;

/** A code span, a backslash escape, or a bare `<`: only the last is rewritten in a Markdown line. */
const CODE_SPAN_ESCAPE_OR_ANGLE = /`[^`\n]*`|\\.|</g;

/**
 * A line of Markdown whose own inline marks (`code`, **bold**) are kept, but which cannot start a
 * block it was not meant to (a heading, a rule, raw HTML) nor break into more lines. The line's values
 * were already escaped (`markdownText`, `codeSpan`), so their backslashes and code spans are left as
 * they are: escaping them again would show `\\<` for `<` and `\\u001b` for `\u001b`.
 */
export function markdownLine(text: string): string {
  return controlsEscaped(text)
    .replace(CODE_SPAN_ESCAPE_OR_ANGLE, (match) => (match === '<' ? '&lt;' : match))
    .replace(MARKDOWN_BLOCK_START, (_, space: string, marker: string) => `${space}\\${marker}`);
}

/** Text as HTML character data or a quoted attribute value. */
export function htmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
