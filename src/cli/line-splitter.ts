/**
 * Cuts a stream of bytes into lines of UTF-8 text, as JSON Lines ends them: `\n` or `\r\n` (a lone
 * `\r` is no line end). Lines are cut at the byte 0x0a, which is never part of a multi-byte UTF-8
 * character, and decoded one by one: an await per line (readline) and decoding whole chunks at once
 * both cost several times more than this.
 *
 * A line longer than `maxLineBytes` is never held whole: its bytes are dropped as they come, and it is
 * handed over as TOO_LONG, so memory stays bounded by the cap whatever the file holds.
 */
const LF = 0x0a;
const CR = 0x0d;

/** The cap on one line of an events file: far above any Cognito trigger event (a few kilobytes). */
export const MAX_LINE_BYTES = 1024 * 1024;

/** Stands for a line longer than the cap, in place of its text. */
export const TOO_LONG: unique symbol = Symbol('line too long');

export type Line = string | typeof TOO_LONG;

export class LineSplitter {
  /** The bytes of a line begun in earlier chunks. */
  private pieces: Buffer[] = [];
  private pending = 0;
  /** The current line passed the cap: its bytes are dropped up to its end. */
  private overflow = false;

  /** @param visit called with each line, without its `\n` or `\r\n`, or TOO_LONG. */
  constructor(
    private readonly visit: (line: Line) => void,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  push(bytes: Buffer): void {
    let start = 0;
    for (let end = bytes.indexOf(LF, start); end !== -1; end = bytes.indexOf(LF, start)) {
      if (this.overflow || this.pending + (end - start) > this.maxLineBytes + 1) {
        this.visit(TOO_LONG);
      } else if (this.pieces.length === 0) {
        this.visit(decodeLine(bytes, start, end, this.maxLineBytes));
      } else {
        const line = Buffer.concat([...this.pieces, bytes.subarray(start, end)]);
        this.visit(decodeLine(line, 0, line.length, this.maxLineBytes));
      }
      this.reset();
      start = end + 1;
    }
    if (start < bytes.length) this.hold(bytes.subarray(start));
  }

  /** Hands over a last line that has no line end. */
  end(): void {
    if (this.overflow) this.visit(TOO_LONG);
    else if (this.pending > 0) {
      const last = Buffer.concat(this.pieces);
      this.visit(decodeLine(last, 0, last.length, this.maxLineBytes));
    }
    this.reset();
  }

  private hold(rest: Buffer): void {
    if (this.overflow) return;
    // One byte over the cap may be the `\r` of a `\r\n`; anything beyond is too long for sure.
    if (this.pending + rest.length > this.maxLineBytes + 1) {
      this.pieces = [];
      this.pending = 0;
      this.overflow = true;
      return;
    }
    this.pieces.push(rest);
    this.pending += rest.length;
  }

  private reset(): void {
    this.pieces = [];
    this.pending = 0;
    this.overflow = false;
  }
}

/** The text of `bytes[start, end)`, without the `\r` of a `\r\n` line end; TOO_LONG past the cap. */
function decodeLine(bytes: Buffer, start: number, end: number, maxLineBytes: number): Line {
  const textEnd = end > start && bytes[end - 1] === CR ? end - 1 : end;
  return textEnd - start > maxLineBytes ? TOO_LONG : bytes.toString('utf8', start, textEnd);
}

/** Calls `visit` with each line of `input` (Buffer or string chunks), including a last one without a line end. */
export async function forEachLine(
  input: NodeJS.ReadableStream,
  visit: (line: Line) => void,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<void> {
  const splitter = new LineSplitter(visit, maxLineBytes);
  for await (const chunk of input) {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  splitter.end();
}
