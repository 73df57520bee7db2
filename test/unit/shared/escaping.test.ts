import { describe, expect, it } from 'vitest';
import { codeSpan, markdownLine, markdownText } from '../../../src/shared/escaping';
import { terminalControls } from '../../support/terminal';

describe('Function: markdownLine', () => {
  it('should keep an escaped value as escaped once: `\\<` stays `\\<`, not `\\\\&lt;` (a visible backslash)', () => {
    const name = markdownText('<script>\n# x');

    const line = markdownLine(`${name}: 6 re-logins`);

    expect(line).toBe('\\<script\\>\\\\n\\# x: 6 re-logins');
  });

  it("should leave a code span's escapes single: the id reads `a\\u001bb`, not `a\\\\u001bb`", () => {
    const line = markdownLine(`App client ${codeSpan('a\u001bb<c>')}`);

    expect(line).toBe('App client `a\\u001bb<c>`');
  });

  it('should still turn a bare `<` into text and stop a line from starting a block', () => {
    expect(markdownLine('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)>');
    expect(markdownLine('# forged')).toBe('\\# forged');
    expect(markdownLine('---')).toBe('\\---');
  });

  it('should write raw controls and line breaks as escapes, on one line', () => {
    const line = markdownLine('a\u001b[2J\r\nb\u202e');

    expect(line).not.toContain('\n');
    expect(terminalControls(line)).toEqual([]);
  });
});
