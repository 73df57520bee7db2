/**
 * Bounds: a line of hundreds of megabytes, a key server answering without end, a trigger event built to
 * flood the log; and what the tools said they dropped, the --at range, the command dispatch.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { importPKCS8, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { startAuthTrigger } from '../../functions/auth-event/deps';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { cognitoTrigger } from '../../src/shared/lambda-startup';
import { handleAuthTrigger } from '../../src/sign-ins';
import { PROJECT_ROOT, runCli } from '../support/cli';
import { captured, closeServer, expectTerminalSafe, hostileServer } from './support';

/** The promise of docs/security.md: analyze and report stay under this on any input. */
const MEMORY_BOUND_MB = 256;
const LINE_FREE_BYTES = 600 * 1024 * 1024;

async function probe(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string; maxRssMb: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['test/hostile/memory-probe.mjs', String(LINE_FREE_BYTES), ...args],
    { cwd: PROJECT_ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout);
}

describe('Hostile: unbounded input', () => {
  it('analyze: 600 MB without a line end is bad line 1, exit 1, in bounded memory', async () => {
    const result = await probe(['analyze', '--events', '-']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: longer than 1 MiB, the cap on one line');
    expect(result.maxRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('analyze --skip-invalid: the same line is skipped and counted', async () => {
    const result = await probe(['analyze', '--events', '-', '--skip-invalid', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).skippedLines).toBe(1);
    expect(result.maxRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('report: the same input fails as bad line 1 in bounded memory', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hostile-report-'));
    const result = await probe(['report', '--events', '-', '--out', out, '--at', '2026-11-23T00:00:00Z']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 1: longer than 1 MiB');
    expect(result.maxRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('inspect-token: 600 MB on stdin is refused at the cap, exit 2, in bounded memory', async () => {
    const result = await probe(['inspect-token']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('larger than 64 KiB');
    expect(result.maxRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('analyze --client-config: a file without end (/dev/zero) is refused at the cap, in bounded memory', async () => {
    const result = await probe([
      'analyze',
      '--events',
      'samples/team-week.jsonl',
      '--client-config',
      '/dev/zero',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--client-config /dev/zero: larger than 1 MiB');
    expect(result.maxRssMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it('inspect-token: a key server answering without end is cut at the cap, exit 5', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
    let written = 0;
    const { url, server } = await hostileServer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const block = Buffer.alloc(1 << 16, 0x20);
      const more = () => {
        while (written < 400 * 1024 * 1024 && response.write(block)) written += block.length;
      };
      response.on('drain', more);
      response.on('close', () => response.removeAllListeners('drain'));
      response.write('{"keys":[');
      more();
    });
    try {
      const token = await new SignJWT({ sub: 'u' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setIssuer(url)
        .setExpirationTime('1h')
        .sign(key);
      const result = await runCli(['inspect-token', token, '--issuer', url]);
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('larger than 64 KiB');
      expect(written).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await closeServer(server);
    }
  });

  it('sign-in trigger: a 5 MB version or a million-item array logs a short marker, the event comes back unchanged', async () => {
    const start = await startAuthTrigger({ TABLE_NAME: 'relogin-monitor', AWS_REGION: 'eu-west-1' });
    const trigger = cognitoTrigger(start.telemetry, start.startup, handleAuthTrigger);
    for (const version of ['9'.repeat(5 * 1024 * 1024), Array.from({ length: 1_000_000 }, () => 1)]) {
      const event = { ...cognitoFixture('post-authentication'), version };
      const { result, output } = await captured(() => trigger(event));
      expect(result).toBe(event);
      expect(output.length).toBeLessThan(4096);
      expect(output).toMatch(/a string of 5242880 characters|an array of 1000000 items/);
    }
  });
});

function eventsFile(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hostile-')), 'events.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('Hostile: nothing dropped silently', () => {
  const postAuth = cognitoFixture('post-authentication');
  const line = (at: string, event: object) => JSON.stringify({ at, event });
  const events = eventsFile([
    line('2026-11-20T09:00:00Z', postAuth),
    line('2026-11-20T09:00:00Z', postAuth),
    line('2026-11-20T09:00:00.200Z', { ...postAuth, triggerSource: 'TokenGeneration_HostedAuth' }),
    line('2026-11-20T09:30:00Z', { ...postAuth, triggerSource: 'TokenGeneration_ClientCredentials' }),
    line('2026-11-20T09:40:00Z', { ...postAuth, callerContext: { clientId: 'another-client' } }),
  ]);

  const env = { ARGOCD_CLIENT_IDS: String((postAuth.callerContext as { clientId: string }).clientId) };

  it('analyze --json and its text carry duplicate and ignored events, by reason', async () => {
    const json = JSON.parse((await runCli(['analyze', '--json', '--events', events], { env })).stdout);
    expect(json.duplicateEvents).toBe(2);
    expect(json.ignoredEvents).toEqual({ 'other-trigger': 1, 'untracked-client': 1 });
    const text = (await runCli(['analyze', '--events', events], { env })).stdout;
    expect(text).toContain('2 duplicate events counted once');
    expect(text).toContain('2 events ignored');
  });

  it('report: report.md says them too', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hostile-report-'));
    const result = await runCli(
      ['report', '--events', events, '--out', out, '--at', '2026-11-23T00:00:00Z'],
      {
        env,
      },
    );
    expect(result.code).toBe(0);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('2 duplicate events counted once');
    expect(markdown).toContain('2 events ignored');
  });

  it.each([
    ['analyze', []],
    ['report', ['--out', tmpdir()]],
  ])('%s: --at obeys the range of the lines', async (command, extra) => {
    for (const at of ['9999-12-31T00:00:00Z', '1999-12-31T23:59:59Z']) {
      const result = await runCli([command, '--events', events, '--at', at, ...extra]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--at must lie between 2000-01-01 and a day after now');
    }
  });
});

describe('Hostile: command dispatch', () => {
  it.each(['constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', 'prototype'])(
    '"%s" is an unknown command: exit 2 with the list of commands, also with --help',
    async (name) => {
      for (const args of [[name], [name, '--help']]) {
        const result = await runCli(args);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(`unknown command "${name}"`);
        expect(result.stderr).toContain('Commands:');
        expect(result.stderr).toContain('analyze');
        expect(result.stdout).not.toContain('undefined');
        expectTerminalSafe(result.stderr);
      }
    },
  );
});
