import { describe, expect, it } from 'vitest';
import { printable, printableJson, truncated } from '../../../src/shared/safe-text';
import { terminalControls } from '../../support/terminal';

const ESC = '\u001b';

describe('Function: printable', () => {
  it('should write newlines, terminal escapes and other controls as visible escapes, on one line', () => {
    const forged = `u-1\nsignature:  verified (issuer pinned with --issuer)${ESC}[1A${ESC}[2K\r\t\u0007`;

    const shown = printable(forged);

    expect(shown).toBe(
      'u-1\\nsignature:  verified (issuer pinned with --issuer)\\u001b[1A\\u001b[2K\\r\\t\\u0007',
    );
    expect(terminalControls(shown)).toEqual([]);
    expect(shown).not.toContain('\n');
  });

  it('should escape C1 controls, DEL, separators and bidirectional overrides, and double backslashes', () => {
    expect(printable('a\u009b2Jb\u007fc\u2028d\u202ee\u2066f\ufeffg\\n')).toBe(
      'a\\u009b2Jb\\u007fc\\u2028d\\u202ee\\u2066f\\ufeffg\\\\n',
    );
  });

  it('should leave ordinary text, also non-Latin, untouched', () => {
    const text =
      'Jörg Müller <jorg@example.com> 日本語 ✓ https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc';
    expect(printable(text)).toBe(text);
  });
});

describe('Function: printableJson', () => {
  it('should parse back to the same value while carrying no raw control, C1 or override character', () => {
    const value = { sub: `x\n${ESC}[31m\u009b\u202e\u2028`, n: 1 };

    const json = printableJson(value);

    expect(JSON.parse(json)).toEqual(value);
    expect(json).toBe('{"sub":"x\\n\\u001b[31m\\u009b\\u202e\\u2028","n":1}');
  });
});

describe('Function: truncated', () => {
  it('should cut long text and say how much was left out', () => {
    expect(truncated('abcdef', 6)).toBe('abcdef');
    expect(truncated('abcdefgh', 3)).toBe('abc… (5 more characters)');
  });
});
