/**
 * Secrets: a token pasted in the wrong setting, echoed back by GitHub or Slack (raw, cut, base64), a
 * password in a URL, an upload URL on another host. No output may hold 8 characters of any of them.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createReLoginCheckHandler } from '../../functions/relogin-check/deps';
import { createReportHandler } from '../../functions/report/deps';
import { createUpstreamWatchHandler } from '../../functions/upstream-watch/deps';
import { SlackChatPoster } from '../../src/adapters/slack/slack-chat-poster';
import { fixedTokenSource } from '../../src/adapters/slack/token-source';
import { section } from '../../src/notifications/domain/block-kit';
import { runCli } from '../support/cli';
import { captured, closeServer, expectNoSecret, hostileServer } from './support';

/** A token no other test uses: the redaction must find it on its own path, not from an earlier test. */
function freshToken(prefix: string, length = 36): string {
  return `${prefix}${randomBytes(length).toString('base64url').slice(0, length)}`;
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handle: Parameters<typeof hostileServer>[0]): Promise<string> {
  const { url, server } = await hostileServer(handle);
  servers.push({ close: () => closeServer(server) });
  return url;
}

const BASE_ENV = {
  TABLE_NAME: 'relogin-monitor',
  USER_POOL_ID: 'eu-west-1_EXAMPLE',
  ARGOCD_CLIENT_IDS: 'argocd',
  SLACK_CHANNEL: 'C0ALERTS',
  AWS_REGION: 'eu-west-1',
  REPORT_HASH_KEY: 'a-long-enough-hash-key-for-the-report',
};

describe('Hostile: a token pasted into a *_PARAMETER setting', () => {
  const handlers = {
    'relogin-check': createReLoginCheckHandler,
    report: createReportHandler,
    'upstream-watch': createUpstreamWatchHandler,
  };

  for (const [name, create] of Object.entries(handlers)) {
    for (const setting of ['SLACK_TOKEN_PARAMETER', 'GITHUB_TOKEN_PARAMETER']) {
      const token = setting.startsWith('SLACK') ? freshToken('xoxb-2000-3000-') : freshToken('ghp_');
      it(`${name}: ${setting} holding the token is refused, in the log and the thrown error, without echoing it`, async () => {
        const { result, output } = await captured(async () => {
          const handler = await create({ ...BASE_ENV, [setting]: token });
          return handler({});
        });
        expectNoSecret(output, token);
        if (result instanceof Error) expectNoSecret(`${result.message}${result.stack}`, token);
        // Only a function that reads this setting refuses it; the others must simply not print it.
        if (setting === 'SLACK_TOKEN_PARAMETER' || name === 'upstream-watch') {
          expect(output).toContain(
            "this looks like the token itself; store it in SSM and give the parameter's name",
          );
        }
      });
    }
  }
});

describe('Hostile: GitHub echoing the token', () => {
  it('upstream-check: a token straddling the 300-character cut, and its base64, never print', async () => {
    const token = freshToken('ghp_');
    const url = await serve((request, _body, response) => {
      const sent = request.headers.authorization ?? '';
      const echoed = sent.replace('Bearer ', '');
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          message: `${'x'.repeat(290)}${echoed} ${Buffer.from(`token:${echoed}`).toString('base64')} ${encodeURIComponent(echoed)}`,
        }),
      );
    });
    const result = await runCli(['upstream-check', '--deployed-version', 'v3.3.14'], {
      env: { GITHUB_TOKEN: token, GITHUB_API_URL: url },
    });
    expect(result.code).not.toBe(0);
    expectNoSecret(result.stdout + result.stderr, token);
    // What a redaction leaves is said, not hidden.
    expect(result.stderr).toMatch(/HTTP 500|\[redacted\]/);
  });

  it('upstream-check: a GITHUB_API_URL with a bad scheme does not echo its user:password', async () => {
    const password = freshToken('pw', 20);
    const result = await runCli(['upstream-check', '--deployed-version', 'v3.3.14'], {
      env: { GITHUB_API_URL: `ftp://admin:${password}@ghe.example.com/api/v3` },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('GITHUB_API_URL');
    expectNoSecret(result.stdout + result.stderr, password);
  });

  it('upstream-check: the token is not sent to another host a redirect names', async () => {
    const token = freshToken('ghp_');
    const seen: (string | undefined)[] = [];
    const elsewhere = await serve((request, _body, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(404).end('{}');
    });
    const github = await serve((request, _body, response) => {
      // 127.0.0.1 and localhost are other origins for the same server: the redirect leaves the origin.
      response
        .writeHead(302, { location: `${elsewhere.replace('127.0.0.1', 'localhost')}${request.url}` })
        .end();
    });
    const result = await runCli(['upstream-check', '--deployed-version', 'v3.3.14'], {
      env: { GITHUB_TOKEN: token, GITHUB_API_URL: github },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === undefined)).toBe(true);
    expectNoSecret(result.stdout + result.stderr, token);
  });
});

describe('Hostile: Slack echoing the token', () => {
  const message = { kind: 'relogin-alert' as const, text: 'x', blocks: [section('x')] };

  it('a refusal quoting the token leaves neither the error nor the library log with it', async () => {
    const token = freshToken('xoxb-2000-3000-');
    const url = await serve((_request, body, response) => {
      const sent = new URLSearchParams(body).get('token') ?? '';
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: `token_rejected ${sent}`, echo: sent }));
    });
    const poster = new SlackChatPoster({
      channel: 'C1',
      token: fixedTokenSource(token),
      slackApiUrl: `${url}/api/`,
    });
    const { result, output } = await captured(() => poster.post(message));
    expect(result).toBeInstanceOf(Error);
    expectNoSecret(`${output}${(result as Error).message}${(result as Error).stack}`, token);
    expectNoSecret(JSON.stringify(result), token);
  });

  it('a message whose text carries the token goes out redacted', async () => {
    const token = freshToken('xoxb-2000-3000-');
    const bodies: string[] = [];
    const url = await serve((_request, body, response) => {
      bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.2' }));
    });
    const poster = new SlackChatPoster({
      channel: 'C1',
      token: fixedTokenSource(token),
      slackApiUrl: `${url}/api/`,
    });
    await poster.post({
      kind: 'relogin-alert',
      text: `failed: ${token}`,
      blocks: [section(`error ${token}`)],
    });
    const sent = new URLSearchParams(bodies[0]);
    expectNoSecret(`${sent.get('text')}${sent.get('blocks')}`, token);
  });

  it('an upload URL on another host gets the file without the token', async () => {
    const token = freshToken('xoxb-2000-3000-');
    const uploads: (string | undefined)[] = [];
    const uploadHost = await serve((request, _body, response) => {
      uploads.push(request.headers.authorization);
      response.writeHead(200).end('OK');
    });
    const api = await serve((request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      if (request.url?.includes('files.getUploadURLExternal')) {
        response.end(
          JSON.stringify({
            ok: true,
            upload_url: `${uploadHost.replace('127.0.0.1', 'localhost')}/upload/F1`,
            file_id: 'F1',
          }),
        );
      } else {
        response.end(JSON.stringify({ ok: true, files: [{ id: 'F1' }] }));
      }
    });
    const poster = new SlackChatPoster({
      channel: 'C1',
      token: fixedTokenSource(token),
      slackApiUrl: `${api}/api/`,
    });
    await poster.upload({
      thread: { channel: 'C1', ts: '1.2' },
      filename: 'chart.png',
      title: 'chart',
      content: new Uint8Array([1, 2, 3]),
    });
    expect(uploads).toEqual([undefined]);
  });
});
