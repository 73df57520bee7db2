/**
 * Cuts a stream of bytes into lines of UTF-8 text, as JSON Lines ends them: `\n` or `\r\n` (a lone
 * `\r` is no line end). Lines are cut at the byte 0x0a, which is never part of a multi-byte UTF-8
 * character, and decoded one by one: an await per line (readline) and decoding whole chunks at once
 * both cost several times more than this.
 */
const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  /** The bytes of a line begun in earlier chunks. */
  private pieces: Buffer[] = [];

  /** @param visit called with each line, without its `\n` or `\r\n`. */
  constructor(private readonly visit: (line: string) => void) {}

  push(bytes: Buffer): void {
    let start = 0;
    for (let end = bytes.indexOf(LF, start); end !== -1; end = bytes.indexOf(LF, start)) {
      if (this.pieces.length === 0) {
        this.visit(decodeLine(bytes, start, end));
      } else {
        const line = Buffer.concat([...this.pieces, bytes.subarray(0, end)]);
        this.pieces = [];
        this.visit(decodeLine(line, 0, line.length));
      }
      start = end + 1;
    }
    if (start < bytes.length) this.pieces.push(bytes.subarray(start));
  }

  /** Hands over a last line that has no line end. */
  end(): void {
    const last = Buffer.concat(this.pieces);
    this.pieces = [];
    if (last.length > 0) this.visit(decodeLine(last, 0, last.length));
  }
}

/** The text of `bytes[start, end)`, without the `\r` of a `\r\n` line end. */
function decodeLine(bytes: Buffer, start: number, end: number): string {
  return bytes.toString('utf8', start, end > start && bytes[end - 1] === CR ? end - 1 : end);
}

/** Calls `visit` with each line of `input` (Buffer or string chunks), including a last one without a line end. */
export async function forEachLine(
  input: NodeJS.ReadableStream,
  visit: (line: string) => void,
): Promise<void> {
  const splitter = new LineSplitter(visit);
  for await (const chunk of input) {
    splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  }
  splitter.end();
}
