// Runs one relogin-monitor command in a fresh process on a generated standard input of `bytes` bytes
// without a single line end, then prints its exit code, output and peak resident memory as JSON.
// Usage: node test/hostile/memory-probe.mjs BYTES COMMAND [ARGS...]   (--events - reads that input)
import { PassThrough, Readable } from 'node:stream';
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../../src/cli/main.ts');
const [bytes, ...argv] = process.argv.slice(2);
const total = Number(bytes);
const chunk = Buffer.alloc(1 << 20, 'a');
let sent = 0;
const stdin = new Readable({
  read() {
    if (sent >= total) this.push(null);
    else {
      this.push(chunk);
      sent += chunk.length;
    }
  },
});
const collect = () => {
  const stream = new PassThrough();
  const parts = [];
  stream.on('data', (part) => parts.push(part));
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
};
const stdout = collect();
const stderr = collect();
const code = await main(argv, { stdout: stdout.stream, stderr: stderr.stream, stdin, env: {} });
process.stdout.write(
  JSON.stringify({
    code,
    stdout: stdout.text(),
    stderr: stderr.text(),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
