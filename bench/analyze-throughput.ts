/** Throughput and peak memory of `relogin-monitor analyze` on a large synthetic file, in a fresh process. */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface AnalyzeFigures {
  events: number;
  eventsPerSecond: number;
  peakRssMb: number;
}

/** `events` hosted-UI sign-ins of 2,000 users, 8 a working day each, written as the CLI reads them. */
async function syntheticFile(events: number): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'bench-analyze-')), 'events.jsonl');
  const out = createWriteStream(path);
  const users = 2_000;
  const start = Date.parse('2026-06-01T08:00:00Z');
  for (let index = 0; index < events; index += 1) {
    const user = index % users;
    const slot = Math.floor(index / users);
    const at = new Date(start + Math.floor(slot / 8) * 86_400_000 + (slot % 8) * 3_900_000 + user * 1_000);
    const line = JSON.stringify({
      at: at.toISOString(),
      event: {
        version: '1',
        triggerSource: 'TokenGeneration_HostedAuth',
        region: 'eu-west-1',
        userPoolId: 'eu-west-1_bench',
        userName: `user-${user}`,
        callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'argocdclient0example0000001' },
        request: {
          userAttributes: {
            sub: `0b6c3a5e-1111-4f3a-9c1e-${String(user).padStart(12, '0')}`,
            email: `user-${user}@example.com`,
            email_verified: 'true',
          },
        },
        response: { claimsOverrideDetails: null },
      },
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

export async function benchAnalyze(events = 1_000_000): Promise<AnalyzeFigures> {
  const path = await syntheticFile(events);
  // /usr/bin/time is not everywhere: the child reports its own peak RSS (maxRSS, in KB) and time.
  const script = `
    const { main } = await import(${JSON.stringify(join(PROJECT_ROOT, 'src/cli/main.ts'))});
    const { PassThrough, Readable } = await import('node:stream');
    const stdout = new PassThrough(); stdout.resume();
    const t = performance.now();
    const code = await main(['analyze', '--events', ${JSON.stringify(path)}, '--json'], { stdout, stderr: process.stderr, stdin: Readable.from([]), env: {} });
    const ms = performance.now() - t;
    console.log(JSON.stringify({ code, ms, maxRssKb: process.resourceUsage().maxRSS }));`;
  let output: string;
  try {
    output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
  } finally {
    // About 450 MB for a million events: not left behind in the temporary folder.
    rmSync(dirname(path), { recursive: true, force: true });
  }
  const result = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
    code: number;
    ms: number;
    maxRssKb: number;
  };
  if (result.code !== 0) throw new Error(`analyze exited with ${result.code}`);
  return {
    events,
    eventsPerSecond: Math.round(events / (result.ms / 1000)),
    peakRssMb: Math.round(result.maxRssKb / 1024),
  };
}
