/** Throughput and memory of `relogin-monitor analyze` on a large synthetic file (many users, a month). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../src/cli/main';
import { megabytes } from './support';

function syntheticFile(users: number, days: number): { path: string; lines: number } {
  const start = Date.parse('2026-10-01T08:00:00Z');
  const rows: string[] = [];
  for (let day = 0; day < days; day += 1) {
    for (let user = 0; user < users; user += 1) {
      for (let hour = 0; hour < 8; hour += 1) {
        const at = new Date(start + day * 86_400_000 + hour * 3_900_000 + user * 1_000).toISOString();
        rows.push(
          JSON.stringify({
            at,
            event: {
              version: '1',
              triggerSource: 'TokenGeneration_HostedAuth',
              region: 'eu-west-1',
              userPoolId: 'eu-west-1_bench',
              userName: `user-${user}`,
              callerContext: { clientId: 'argocd' },
              request: { userAttributes: { sub: `sub-${user}`, email: `user-${user}@example.com` } },
              response: {},
            },
          }),
        );
      }
    }
  }
  const path = join(mkdtempSync(join(tmpdir(), 'bench-analyze-')), 'events.jsonl');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return { path, lines: rows.length };
}

export async function benchAnalyze(users = 500, days = 30): Promise<string[]> {
  const { path, lines } = syntheticFile(users, days);
  const stdout = new PassThrough();
  stdout.resume();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const started = performance.now();
  const code = await main(['analyze', '--events', path, '--json'], {
    stdout,
    stderr: process.stderr,
    stdin: Readable.from([]),
    env: {},
  });
  const elapsedMs = performance.now() - started;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`analyze exited with ${code}`);
  return [
    `analyze: ${lines} lines (${users} users x ${days} days) in ${elapsedMs.toFixed(0)} ms = ${Math.round(
      lines / (elapsedMs / 1000),
    )} lines/s, peak RSS ${megabytes(peakRss)}`,
  ];
}
