/**
 * The characters in `text` that a terminal would act on rather than show (C0 controls but the line
 * ends `writeLine` adds, DEL, C1 controls, the right-to-left override), as U+XXXX: [] when safe.
 */
export function terminalControls(text: string): string[] {
  return [...text]
    .map((char) => char.codePointAt(0) as number)
    .filter((code) => (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || code === 0x202e)
    .map((code) => `U+${code.toString(16).padStart(4, '0')}`);
}
