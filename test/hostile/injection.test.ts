/**
 * Outside text reaching each output format: user names and ids with terminal sequences, line breaks,
 * Markdown and HTML, backticks and mentions; ids that would add a block to a generated document.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cognitoFixture, SHARED_FIXTURES } from '../../local/stand-ins/fixtures';
import { reLoginAlertMessage } from '../../src/relogins/domain/relogin-alert-message';
import { runCli } from '../support/cli';
import { expectTerminalSafe } from './support';

const ARGOCD = 'argocdclient0example0000001';
/** Clears the screen, sets the window title, rings the bell, then starts a forged table row. */
const TERMINAL_ATTACK = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e\r\nfake-user  99  99';
const MARKDOWN_ATTACK = '<script>alert(1)</script>\n# Forged heading\n---\n| forged | row |';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'hostile-'));
}

function eventsFile(users: string[], hours = 5, clientId = ARGOCD): string {
  const postAuth = cognitoFixture('post-authentication');
  const lines: string[] = [];
  for (const user of users) {
    for (let hour = 0; hour < hours; hour += 1) {
      const event = {
        ...postAuth,
        userName: user,
        callerContext: { ...(postAuth.callerContext as object), clientId },
        request: { userAttributes: { sub: user } },
      };
      lines.push(JSON.stringify({ at: `2026-11-20T${String(9 + hour).padStart(2, '0')}:00:00Z`, event }));
    }
  }
  const path = join(dir(), 'events.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('Hostile: terminal injection', () => {
  it('analyze: a user name with ESC, OSC, BEL, C1, RLO and a line break stays one escaped cell', async () => {
    const result = await runCli(['analyze', '--events', eventsFile([TERMINAL_ATTACK, 'ann'])]);
    expect(result.code).toBe(0);
    expectTerminalSafe(result.stdout + result.stderr);
    expect(result.stdout.split('\n').some((line) => line.startsWith('fake-user'))).toBe(false);
    expect(result.stdout).toContain('\\u001b]0;pwned\\u0007');
  });

  it('analyze --json: the same name is JSON that cannot act on a terminal either', async () => {
    const result = await runCli(['analyze', '--json', '--events', eventsFile([TERMINAL_ATTACK])]);
    expectTerminalSafe(result.stdout);
    expect(JSON.parse(result.stdout).users[0].user).toBe(TERMINAL_ATTACK);
  });

  it('analyze: raw bytes and sequences quoted from a bad line, and an unknown field name, print escaped', async () => {
    const path = join(dir(), 'bad.jsonl');
    writeFileSync(path, `{"at": "\u001b[2J\u0007 ${'\u009b'.repeat(3)}\n{\u001b]0;x\u0007\n`);
    const stopped = await runCli(['analyze', '--events', path]);
    expect(stopped.code).toBe(1);
    expectTerminalSafe(stopped.stdout + stopped.stderr);
    const skipped = await runCli(['analyze', '--skip-invalid', '--events', path]);
    expectTerminalSafe(skipped.stdout + skipped.stderr);
    expect(skipped.stderr.trimEnd().split('\n')).toHaveLength(2);

    const config = JSON.parse(
      readFileSync(`${SHARED_FIXTURES}cognito/describe-user-pool-client.json`, 'utf8'),
    );
    config.UserPoolClient[`Evil\u001b[2J\nField${'`'.repeat(3)}`] = 1;
    const configPath = join(dir(), 'client.json');
    writeFileSync(configPath, JSON.stringify(config));
    const advised = await runCli([
      'analyze',
      '--events',
      'samples/team-week.jsonl',
      '--client-config',
      configPath,
    ]);
    expectTerminalSafe(advised.stdout + advised.stderr);
    expect(advised.stdout).toContain('Evil\\u001b[2J\\nField');
  });

  it('report: an --out folder named with escape sequences is printed escaped', async () => {
    const out = join(dir(), 'out\u001b]0;pwned\u0007\u001b[2J');
    const result = await runCli(['report', '--events', 'samples/team-week.jsonl', '--out', out]);
    expect(result.code).toBe(0);
    expectTerminalSafe(result.stdout + result.stderr);
    expect(result.stdout).toContain('out\\u001b]0;pwned\\u0007\\u001b[2J/report.md');
  });

  it('an unknown command of escape sequences is named escaped', async () => {
    const result = await runCli(['\u001b[2Janalyze\n']);
    expect(result.code).toBe(2);
    expectTerminalSafe(result.stderr);
  });
});

describe('Hostile: Markdown and HTML injection in the report', () => {
  it('report.md keeps user names as text: no HTML, no heading, no rule, no table row of their own', async () => {
    const out = dir();
    const result = await runCli([
      'report',
      '--events',
      eventsFile([MARKDOWN_ATTACK, 'ann']),
      '--out',
      out,
      '--at',
      '2026-11-23T00:00:00Z',
    ]);
    expect(result.code).toBe(0);
    const markdown = readFileSync(join(out, 'report.md'), 'utf8');
    const lines = markdown.split('\n');
    expect(markdown).not.toContain('<script>');
    // Escaped once, so it reads as written: `\<` renders `<`; a doubled `\\` would show a backslash.
    const written =
      '\\<script\\>alert(1)\\</script\\>\\\\n\\# Forged heading\\\\n---\\\\n\\| forged \\| row \\|';
    expect(lines.some((line) => line.startsWith(`- ${written}`))).toBe(true);
    expect(lines.filter((line) => line.startsWith('# '))).toHaveLength(1);
    expect(
      lines.some((line) => line === '---' || line.startsWith('# Forged') || line.startsWith('| forged')),
    ).toBe(false);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('Hostile: ids that would inject into generated documents', () => {
  it('analyze --client-config: a ClientId with a newline and a Terraform block is refused naming the field', async () => {
    const config = JSON.parse(
      readFileSync(`${SHARED_FIXTURES}cognito/describe-user-pool-client.json`, 'utf8'),
    );
    const clientId = `${ARGOCD}\nresource "null_resource" "pwn" {}`;
    config.UserPoolClient.ClientId = clientId;
    const path = join(dir(), 'client.json');
    writeFileSync(path, JSON.stringify(config));
    // Heavy re-logins on that very client, so the advice offers its Terraform.
    const events = eventsFile(['ann', 'bob'], 8, clientId);
    const result = await runCli(['analyze', '--events', events, '--client-config', path]);
    const output = result.stdout + result.stderr;
    expect(output.split('\n').some((line) => /^\s*[-+ ]?\s*resource "null_resource"/.test(line))).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('ClientId cannot be written into the generated document');
    expectTerminalSafe(output);
  });

  it("analyze --client-config: a unit that is not one of Cognito's four is refused, not written into HCL", async () => {
    const config = JSON.parse(
      readFileSync(`${SHARED_FIXTURES}cognito/describe-user-pool-client.json`, 'utf8'),
    );
    // An HCL interpolation, which a quoted Terraform string would evaluate.
    const interpolation = ['$', '{file("/etc/passwd")}'].join('');
    config.UserPoolClient.TokenValidityUnits = { IdToken: interpolation, AccessToken: 'hours' };
    const path = join(dir(), 'client.json');
    writeFileSync(path, JSON.stringify(config));
    const result = await runCli(['analyze', '--events', 'samples/team-week.jsonl', '--client-config', path]);
    expect(result.stdout).not.toContain(interpolation);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/TokenValidityUnits.+IdToken/);
  });
});

describe('Hostile: Slack mrkdwn and the fallback text', () => {
  it('a client id with a backtick and a mention cannot close its code span or ping the channel', async () => {
    // The alert's builder, as the re-login check calls it, with ids a saved or forged answer could hold.
    const clientId = 'argo`cd <!channel> <https://evil.example|click>';
    const message = reLoginAlertMessage(
      {
        clientId,
        userPoolId: 'eu-west-1_`x`',
        windowHours: 24,
        windowEnd: Date.parse('2026-11-20T12:00:00Z'),
        heavyReLogins: 3,
        totals: { logins: 10, reLogins: 8, refreshes: 0, activeUsers: 1 },
        heavyUsers: [
          { user: '<!here>', logins: 10, reLogins: 8, refreshes: 0, medianReLoginIntervalMinutes: 60 },
        ],
        reLoginIntervalP50Minutes: 60,
        reLoginIntervalP90Minutes: 60,
        estimatedMinutesLost: 16,
        cognito: null,
        tokenValidity: null,
        advice: [],
      } as unknown as Parameters<typeof reLoginAlertMessage>[0],
      { label: (user) => user.user, metricsUrl: 'https://console.aws.amazon.com/', worsenedFrom: null },
    );
    const everything = JSON.stringify(message);
    expect(everything).not.toContain('<!channel>');
    expect(everything).not.toContain('<!here>');
    expect(everything).not.toContain('<https://evil');
    expect(message.text).toContain('&lt;!channel&gt;');
    // Each code span opens and closes once: the id's backtick is shown as a look-alike.
    const spans = JSON.stringify(message.blocks).match(/`[^`]*`/g) ?? [];
    expect(spans.some((span) => span.includes('argoˋcd'))).toBe(true);
  });
});
