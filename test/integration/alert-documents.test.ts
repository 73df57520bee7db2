/**
 * The advice's documents reach the alert's thread as snippet files, through the real re-login check,
 * the real `@slack/web-api` client and the fake Slack Web API (files.uploadV2's three steps); a failed
 * upload leaves the alert in place and the documents inline in its thread.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { buildReLoginCheckDeps } from '../../functions/relogin-check/deps';
import { readableText } from '../../local/stand-ins/block-kit';
import { captureOutput } from '../../local/stand-ins/emf';
import { cognitoFixture } from '../../local/stand-ins/fixtures';
import { createDocumentClient } from '../../src/adapters/dynamodb/client';
import { DynamoSignInLog } from '../../src/adapters/dynamodb/sign-in-log';
import { runReLoginCheck } from '../../src/relogins/relogin-check';
import { fixedClock } from '../../src/shared/clock';
import { createTestTable } from '../support/dynamodb';
import { jobEnv, useJobStandIns } from '../support/job-stand-ins';

const POOL = 'ap-northeast-1_EXAMPLE';
const CLIENT = 'argocdclient0example0000001';
const DAY_START = Date.parse('2026-11-24T00:00:00Z');
const HOUR = 3_600_000;

describe("Use case: runReLoginCheck, the advice's documents as files in the alert's thread (fake Slack)", () => {
  const documentClient = createDocumentClient();
  const standIns = useJobStandIns();
  let tableName: string;

  beforeEach(async () => {
    tableName = await createTestTable('alert-documents');
    standIns.slack.messages.length = 0;
    standIns.slack.files.length = 0;
    // 1 h ID tokens, 12 h access tokens: the order fix and the stop-gap each bring a Terraform diff and a CLI document.
    const client = cognitoFixture('describe-user-pool-client').UserPoolClient as Record<string, unknown>;
    standIns.cognito.addClient({
      UserPoolClient: { ...client, IdTokenValidity: 1, AccessTokenValidity: 12 },
    });
    const log = new DynamoSignInLog(documentClient, { tableName, retentionDays: 35 });
    for (const user of ['ann', 'ben']) {
      for (let hour = 9; hour <= 17; hour += 1) {
        await log.append({
          at: DAY_START + hour * HOUR,
          kind: 'login',
          triggerSource: 'TokenGeneration_HostedAuth',
          userPoolId: POOL,
          clientId: CLIENT,
          user: `sub-${user}`,
          username: user,
          email: `${user}@example.com`,
        });
      }
    }
  });

  async function checkAt(hours: number, extra: Record<string, string> = {}) {
    const env = jobEnv(standIns, { tableName, userPoolId: POOL, clientId: CLIENT }, extra);
    const deps = { ...buildReLoginCheckDeps(env), clock: fixedClock(new Date(DAY_START + hours * HOUR)) };
    const { result, output } = await captureOutput(() => runReLoginCheck(deps));
    return { alert: result[0]?.alert, logs: output.logs.map((line) => String(line.message)) };
  }

  it('should upload each document once into the first alert’s thread, byte for byte, and keep only a pointer in the message', async () => {
    // Act
    const { alert } = await checkAt(18);

    // Assess: the alert, then its files in its thread, highlighted by type.
    expect(alert).toBe('sent');
    const [message] = standIns.slack.messages;
    expect(standIns.slack.messages).toHaveLength(1);
    const files = standIns.slack.files;
    expect(files.map((file) => [file.filename, file.snippetType])).toEqual([
      ['argocd-cm.yaml', 'yaml'],
      ['aws_cognito_user_pool_client.tf.diff', 'diff'],
      ['argocd-app-client.json', 'json'],
      ['fix-token-validity-order.aws_cognito_user_pool_client.tf.diff', 'diff'],
      ['fix-token-validity-order.argocd-app-client.json', 'json'],
    ]);
    expect(files.every((file) => file.threadTs === message?.ts && file.channel === 'C0ALERTS')).toBe(true);
    const yaml = files[0]?.bytes.toString('utf8') ?? '';
    expect(yaml).toContain('refreshTokenThreshold: 15m');
    const json = JSON.parse(files[2]?.bytes.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(json).toMatchObject({ UserPoolId: POOL, ClientId: CLIENT, IdTokenValidity: 8 });
    expect(files[3]?.bytes.toString('utf8')).toContain(
      '-  access_token_validity = 12\n+  access_token_validity = 1',
    );
    // The message: no document in it, one line pointing to them.
    const text = readableText(message?.blocks ?? []);
    expect(text).not.toContain('```');
    expect(text).not.toContain('# keep your keys');
    expect(text).not.toContain('access_token_validity');
    expect(text).not.toContain('"UserPoolId"');
    expect(text).toContain(
      ':paperclip: To apply: `argocd-cm.yaml`, `aws_cognito_user_pool_client.tf.diff`, `argocd-app-client.json`, `fix-token-validity-order.aws_cognito_user_pool_client.tf.diff`, `fix-token-validity-order.argocd-app-client.json`, as files in this thread.',
    );

    // Act 2: the next run, nothing changed: no post, no file again.
    expect((await checkAt(19)).alert).toBe('not-due');
    expect(standIns.slack.files).toHaveLength(5);
  });

  it('should keep the alert and post the documents inline in its thread when the upload fails, and log it', async () => {
    // Prepare
    standIns.slack.failNextUpload('internal_error');

    // Act
    const { alert, logs } = await checkAt(18);

    // Assess: the alert went out and is recorded; its thread holds the documents as code blocks.
    expect(alert).toBe('sent');
    const [message, reply] = standIns.slack.messages;
    expect(standIns.slack.messages).toHaveLength(2);
    expect(reply).toMatchObject({ threadTs: message?.ts, broadcast: false, kind: 'documents' });
    const inline = readableText(reply?.blocks ?? []);
    expect(inline).toContain('The documents could not be attached as files (the upload to Slack failed)');
    expect(inline).toContain('refreshTokenThreshold: 15m');
    expect(inline).toContain('-  access_token_validity = 12\n+  access_token_validity = 1');
    expect(logs).toContain(
      'could not upload the documents of the alert as files; posted them inline in its thread',
    );
    expect((await checkAt(19)).alert).toBe('not-due');
  });

  it('should say where the documents are in Japanese with LOCALE=ja', async () => {
    // Act
    await checkAt(18, { LOCALE: 'ja' });

    // Assess
    const text = readableText(standIns.slack.messages[0]?.blocks ?? []);
    expect(text).toContain(
      ':paperclip: 適用する内容: `argocd-cm.yaml`, `aws_cognito_user_pool_client.tf.diff`, `argocd-app-client.json`, `fix-token-validity-order.aws_cognito_user_pool_client.tf.diff`, `fix-token-validity-order.argocd-app-client.json` をこのスレッドにファイルで添付しています。',
    );
    expect(standIns.slack.files[1]?.title).toBe(
      '暫定対処: トークンの有効期間を延ばす — Terraform (`aws_cognito_user_pool_client`)',
    );
  });
});
