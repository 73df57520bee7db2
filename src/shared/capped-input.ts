/**
 * A whole small input (a saved answer, a token on stdin) read as text up to a cap: a wrong file, an
 * endless pipe or `/dev/zero` must cost at most the cap in memory, never the machine's.
 */

/** The input as UTF-8 text, or null once it passes `maxBytes` (reading stops there). */
export async function readCappedText(input: NodeJS.ReadableStream, maxBytes: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    received += bytes.length;
    if (received > maxBytes) return null;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}
