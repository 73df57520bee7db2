import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cognitoFixture } from '../../../local/stand-ins/fixtures';
import { runCli } from '../../support/cli';

const hostedAuth = cognitoFixture('pre-token-v1-hosted-auth');

function line(at: string, event: unknown = hostedAuth): string {
  return JSON.stringify({ at, event });
}

function eventFile(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'analyze-stream-')), 'events.jsonl');
  writeFileSync(path, content);
  return path;
}

/** Four hourly logins: a session start and three re-logins, a heavy user in the 24 h up to the last. */
const HEAVY_DAY = ['08', '09', '10', '11'].map((hour) => line(`2026-11-20T${hour}:00:00Z`));

describe('Command: relogin-monitor analyze, reading line by line', () => {
  it('should read the events from standard input with --events -', async () => {
    // Act
    const fromStdin = await runCli(['analyze', '--events', '-', '--json'], {
      stdin: `${HEAVY_DAY.join('\n')}\n`,
    });
    const fromFile = await runCli(['analyze', '--events', eventFile(`${HEAVY_DAY.join('\n')}\n`), '--json']);

    // Assess
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect(JSON.parse(fromStdin.stdout).totals).toEqual({
      logins: 4,
      reLogins: 3,
      refreshes: 0,
      activeUsers: 1,
    });
  });

  it('should accept a UTF-8 byte-order mark and Windows line ends', async () => {
    const { code, stdout } = await runCli([
      'analyze',
      '--events',
      eventFile(`\uFEFF${HEAVY_DAY.join('\r\n')}\r\n`),
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals.logins).toBe(4);
  });

  it.each([
    ['a day that does not exist', '2026-02-30T08:00:00Z', 'at must be an ISO-8601 time with a zone'],
    ['an hour that does not exist', '2026-11-20T25:00:00Z', 'at must be an ISO-8601 time with a zone'],
    ['a time before 2000', '1999-12-31T23:59:59Z', 'at must be between 2000-01-01 and a day after now'],
    ['a time in year 9999', '9999-01-01T00:00:00Z', 'at must be between 2000-01-01 and a day after now'],
  ])('should stop at %s, naming the line', async (_name, at, reason) => {
    // Prepare
    const path = eventFile(`${[...HEAVY_DAY.slice(0, 2), line(at), ...HEAVY_DAY.slice(2)].join('\n')}\n`);

    // Act
    const strict = await runCli(['analyze', '--events', path, '--json']);
    const lenient = await runCli(['analyze', '--events', path, '--json', '--skip-invalid']);

    // Assess: the bad line moves nothing, the heavy user stays heavy.
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`line 3: ${reason}`);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain(`skipped line 3: ${reason}`);
    const report = JSON.parse(lenient.stdout);
    expect(report.skippedLines).toBe(1);
    expect(report.heavyUsers).toHaveLength(1);
  });

  it('should report a failure while reading as exit 1, not as a usage mistake', async () => {
    // Prepare: a directory opens, and fails on the first read.
    const directory = mkdtempSync(join(tmpdir(), 'analyze-dir-'));

    // Act
    const { code, stderr } = await runCli(['analyze', '--events', directory]);

    // Assess
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot read --events ${directory}: EISDIR`);
  });

  it('should still call a path that cannot be opened a usage mistake', async () => {
    const { code, stderr } = await runCli([
      'analyze',
      '--events',
      join(tmpdir(), 'no-such-dir', 'events.jsonl'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('ENOENT');
  });
});
