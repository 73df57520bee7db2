/** `relogin-monitor report` offline: the shipped sample in, report.md, report.html and relogins.png out. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../../support/cli';
import { readPng } from '../../support/png';

const SAMPLE = join(PROJECT_ROOT, 'samples/team-week.jsonl');
const CLIENT_CONFIG = join(PROJECT_ROOT, 'local/fixtures/cognito/describe-user-pool-client.json');

describe('CLI: relogin-monitor report', { timeout: 120_000 }, () => {
  it('should write the report of the sample week as Markdown, self-contained HTML and a PNG chart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-'));

    const { code, stdout, stderr } = await runCli(
      [
        'report',
        '--events',
        SAMPLE,
        '--out',
        out,
        '--timezone',
        'Europe/Berlin',
        '--client-config',
        CLIENT_CONFIG,
      ],
      { env: {} },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual(
      ['report.md', 'report.html', 'relogins.png'].map((file) => join(out, file)),
    );
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('# Argo CD sign-ins, week of Mon, 16 Nov 2026 (Europe/Berlin)');
    // The same counts as `analyze` on the sample's Argo CD client.
    expect(markdown).toContain('| Sign-ins | 360 | 0 | +360 (new) |');
    expect(markdown).toContain('| Re-logins | 306 | 0 | +306 (new) |');
    expect(markdown).toContain('| Active users | 12 | 0 | +12 (new) |');
    expect(markdown).toContain('![Re-logins and refreshes per day](relogins.png)');
    expect(markdown).toContain('ID 1 h · access 1 h · refresh 30 d');
    // Offline, people are shown by their user name unless REPORT_IDENTITY says otherwise.
    expect(markdown).toMatch(/- [a-z]+: \d+ re-logins, heavy on \d days/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('src="data:image/png;base64,');
    expect(html).not.toMatch(/src="http|href="http|<script|<link/i);
    const png = readFileSync(join(out, 'relogins.png'));
    expect(readPng(png).distinctValues).toBeGreaterThan(50);
    expect(html).toContain(png.toString('base64'));
  });

  it('should hash user names when told to', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-'));
    const { code } = await runCli(['report', '--events', SAMPLE, '--out', out, '--period', 'day'], {
      env: { REPORT_IDENTITY: 'hashed', REPORT_HASH_KEY: 'k' },
    });
    expect(code).toBe(0);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('# Argo CD sign-ins, Fri, 20 Nov 2026 (UTC)');
    expect(markdown).toMatch(/- user-[0-9a-f]{10}: \d+ re-logins/);
  });

  it.each([
    [['--out', '/tmp/x'], '--events FILE is required'],
    [['--events', SAMPLE], '--out DIR is required'],
    [
      ['--events', SAMPLE, '--out', '/tmp/x', '--period', 'month'],
      '--period must be one of week, day, got "month"',
    ],
    [['--events', SAMPLE, '--out', '/tmp/x', '--timezone', 'CEST'], '--timezone must be an IANA time zone'],
    [
      ['--events', SAMPLE, '--out', '/tmp/x', '--at', 'yesterday'],
      '--at must be an ISO-8601 time with a zone',
    ],
    [['--events', '/no/such/file', '--out', '/tmp/x'], 'cannot read --events /no/such/file: ENOENT'],
  ])('should refuse %j with a usage error', async (args, message) => {
    const { code, stderr } = await runCli(['report', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });
});
