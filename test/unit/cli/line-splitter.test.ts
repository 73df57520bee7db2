import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { forEachLine, type Line, LineSplitter, TOO_LONG } from '../../../src/cli/line-splitter';

/** The lines `chunks` split into, pushed one by one. */
function linesOf(chunks: Buffer[], maxLineBytes?: number): Line[] {
  const lines: Line[] = [];
  const splitter = new LineSplitter((line) => lines.push(line), maxLineBytes);
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

/** `bytes` cut at the given offsets. */
function cut(bytes: Buffer, ...offsets: number[]): Buffer[] {
  return [0, ...offsets].map((start, index) => bytes.subarray(start, offsets[index] ?? bytes.length));
}

// Two-, three- and four-byte characters, a Windows line end, a blank line and no line end at the end.
const TEXT = '{"user":"jürgen"}\r\n{"user":"日本"}\n\n{"user":"🙂"}';
const LINES = ['{"user":"jürgen"}', '{"user":"日本"}', '', '{"user":"🙂"}'];
const BYTES = Buffer.from(TEXT);

describe('Class: LineSplitter', () => {
  it('should hand over a line past the cap as TOO_LONG, wherever the chunks are cut, and go on after it', () => {
    const bytes = Buffer.from('12345\r\n123456\n1234567890\nok\n123456');
    const expected = ['12345', TOO_LONG, TOO_LONG, 'ok', TOO_LONG];
    for (let offset = 0; offset <= bytes.length; offset += 1) {
      expect(linesOf(cut(bytes, offset), 5), `cut at byte ${offset}`).toEqual(expected);
    }
    expect(
      linesOf(
        [...bytes].map((byte) => Buffer.from([byte])),
        5,
      ),
    ).toEqual(expected);
  });

  it('should give the same lines wherever the chunks are cut', () => {
    expect(linesOf([BYTES])).toEqual(LINES);
    for (let offset = 0; offset <= BYTES.length; offset += 1) {
      expect(linesOf(cut(BYTES, offset)), `cut at byte ${offset}`).toEqual(LINES);
    }
    expect(linesOf([...BYTES].map((byte) => Buffer.from([byte])))).toEqual(LINES);
  });

  it('should join a line cut across several chunks', () => {
    const line = Buffer.from('{"at":"2026-11-20T08:00:00Z"}\n');
    expect(linesOf(cut(line, 3, 9, 20))).toEqual(['{"at":"2026-11-20T08:00:00Z"}']);
  });

  it('should decode a character whose bytes are cut apart', () => {
    const offset = BYTES.indexOf(Buffer.from('ü')) + 1;
    expect(linesOf(cut(BYTES, offset))[0]).toBe('{"user":"jürgen"}');
    const emoji = BYTES.indexOf(Buffer.from('🙂'));
    expect(linesOf(cut(BYTES, emoji + 1, emoji + 2, emoji + 3)).at(-1)).toBe('{"user":"🙂"}');
  });

  it('should drop a \\r\\n line end cut between its two bytes', () => {
    const offset = BYTES.indexOf('\r') + 1;
    expect(linesOf(cut(BYTES, offset))).toEqual(LINES);
  });

  it('should hand over a last line without a line end, and nothing for a final line end', () => {
    expect(linesOf([Buffer.from('a\nb')])).toEqual(['a', 'b']);
    expect(linesOf([Buffer.from('a\nb\n')])).toEqual(['a', 'b']);
    expect(linesOf([Buffer.from('a\r\n')])).toEqual(['a']);
    expect(linesOf([])).toEqual([]);
  });

  it('should keep a byte-order mark cut across chunks as one character at the start', () => {
    const withMark = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\nb\n')]);
    for (const chunks of [cut(withMark, 1), cut(withMark, 2), cut(withMark, 1, 2)]) {
      expect(linesOf(chunks)).toEqual(['\uFEFFa', 'b']);
    }
  });
});

describe('Function: forEachLine', () => {
  it('should read Buffer and string chunks alike', async () => {
    for (const input of [Readable.from(cut(BYTES, 5, 30)), Readable.from([TEXT])]) {
      const lines: Line[] = [];
      await forEachLine(input, (line) => lines.push(line));
      expect(lines).toEqual(LINES);
    }
  });
});
