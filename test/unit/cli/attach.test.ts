import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_FIXTURES } from '../../../local/stand-ins/fixtures';
import { runCli } from '../../support/cli';
import { englishRuns } from '../../support/english-prose';

const DESCRIPTION = `${SHARED_FIXTURES}cognito/describe-user-pool.json`;
const OURS = 'arn:aws:lambda:ap-northeast-1:111122223333:function:argocd-relogin-monitor-prod-authEvent';
const PLAN = ['attach', '--plan', '--user-pool-description', DESCRIPTION, '--function-arn', OURS];

describe('Command: attach --plan', () => {
  it('should refuse the default attach over the team function with exit 3 and the documented JSON shape', async () => {
    const { code, stdout } = await runCli([...PLAN, '--json']);
    expect(code).toBe(3);
    const plan = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(plan)).toEqual(['decision', 'reasons', 'chained', 'lambdaConfig', 'updateUserPool']);
    expect(plan).toMatchObject({ decision: 'refuse', chained: null, updateUserPool: null });
  });

  it('should print the chain plan with the full request and exit 0', async () => {
    const { code, stdout } = await runCli([...PLAN, '--mode', 'chain']);
    expect(code).toBe(0);
    expect(stdout).toContain('Decision: attach');
    expect(stdout).toContain(
      'kept as they are: PostConfirmation, CustomMessage, CustomEmailSender, KMSKeyID',
    );
    expect(stdout).toContain('"UserPoolId":"ap-northeast-1_EXAMPLE"');
  });

  it('should refuse a pool name that does not match the description', async () => {
    const { code, stdout } = await runCli([...PLAN, '--user-pool-name', 'other-pool']);
    expect(code).toBe(3);
    expect(stdout).toContain('is named "argocd-users", not "other-pool"');
  });

  it('should write the Terraform and CloudFormation snippets in mode none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attach-none-'));
    const { code, stdout } = await runCli([...PLAN, '--mode', 'none', '--snippet-dir', dir]);
    expect(code).toBe(0);
    const terraform = readFileSync(join(dir, 'relogin-monitor-attach.tf'), 'utf8');
    expect(terraform).toContain(`post_authentication = "${OURS}"`);
    expect(terraform).toContain('principal     = "cognito-idp.amazonaws.com"');
    expect(readFileSync(join(dir, 'relogin-monitor-attach.cfn.yml'), 'utf8')).toContain(
      'AWS::Lambda::Permission',
    );
    expect(stdout).toContain('Terraform (written to');
  });

  it.each([
    ['auto', 3],
    ['chain', 0],
    ['none', 0],
    ['post-authentication', 0],
  ] as const)(
    'should print the %s plan in Japanese with --locale ja, the same decision',
    async (mode, exit) => {
      const dir = mkdtempSync(join(tmpdir(), 'attach-ja-'));
      const args = [...PLAN, '--mode', mode, '--snippet-dir', dir];
      const english = await runCli(args);
      const japanese = await runCli([...args, '--locale', 'ja']);
      expect([english.code, japanese.code]).toEqual([exit, exit]);
      expect(japanese.stdout).toMatch(/^判定: /);
      // The prose before the request's JSON and the snippets (code) holds no English sentence.
      const prose = japanese.stdout.split(/\nUpdateUserPool|\nTerraform/)[0] ?? '';
      expect(englishRuns(prose)).toEqual([]);
      expect(englishRuns(english.stdout.split('\nUpdateUserPool')[0] ?? '').length).toBeGreaterThan(0);
    },
  );

  it('should answer usage errors with exit 2 and a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attach-bad-'));
    const broken = join(dir, 'pool.json');
    writeFileSync(broken, '{"UserPool": ');
    for (const [args, message] of [
      [['attach', '--plan', '--function-arn', OURS], 'give --user-pool-description FILE'],
      [[...PLAN, '--mode', 'replace'], '--mode must be auto, chain, none, post-authentication'],
      [[...PLAN, '--version', 'V2'], '--version must be V1_0, V2_0, V3_0'],
      [['attach', '--plan', '--user-pool-description', broken, '--function-arn', OURS], 'is not JSON'],
      [['attach', '--user-pool-description', DESCRIPTION, '--function-arn', OURS], 'the deploy applies it'],
      [
        ['attach', '--plan', '--user-pool-description', '/dev/zero', '--function-arn', OURS],
        'is larger than 1024 KB',
      ],
    ] as const) {
      const { code, stderr } = await runCli([...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain(message);
    }
  });
});
