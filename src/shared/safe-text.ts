/**
 * Text from outside (a token's claims, a server's error body) made safe to print: it cannot start a new
 * line, move the cursor, recolour or erase what the terminal already shows, reorder what follows it
 * (bidirectional overrides), or carry a secret it was given.
 */

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * C0 and C1 controls (ESC starts terminal sequences; U+009B is a one-byte CSI), DEL, the line and
 * paragraph separators, and the invisible marks and overrides that change how the text around them reads.
 */
function isUnsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x61c ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function unicodeEscape(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every unsafe character written as an escape (`\n`, `\u001b`) and backslashes doubled,
 * so what is printed is one line that reads back unambiguously.
 */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    out += NAMED_ESCAPES[char] ?? (isUnsafe(code) ? unicodeEscape(code) : char);
  }
  return out;
}

/**
 * The text with only its unsafe characters escaped, backslashes left alone: the last guard on a whole
 * line whose outside parts were already made `printable` (escaping those again would double them).
 */
export function controlsEscaped(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    out += isUnsafe(code) ? unicodeEscape(code) : char;
  }
  return out;
}

/**
 * `JSON.stringify`, also escaping what it leaves raw (C1 controls, separators, bidirectional marks):
 * the same JSON value, parsed back exactly, that cannot act on a terminal.
 */
export function printableJson(value: unknown): string {
  return controlsEscaped(JSON.stringify(value));
}

/** At most `max` characters, marked when cut: a server's error page must not flood the terminal. */
export function truncated(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/** Longest outside value quoted whole in a message; a longer one is described instead. */
const MAX_QUOTED_CHARS = 60;

/**
 * An outside value for a message or a log line, short whatever its size: JSON of a small value, else
 * its kind and size with the start of it (a 5 MB `version` must not become a 5 MB log line).
 */
export function quoted(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= MAX_QUOTED_CHARS) return printableJson(value);
    return `${printableJson(value.slice(0, 24))}… (a string of ${value.length} characters)`;
  }
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return value === undefined ? 'undefined' : printableJson(value);
}
