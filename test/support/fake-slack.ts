/**
 * A local fake of Slack's Web API `chat.postMessage`, for the real `@slack/web-api` client pointed at it
 * with `slackApiUrl`. Records every accepted message (with its thread, `thread_ts`); can be told to answer the next calls with an
 * `ok:false` error, an HTTP 429 with `Retry-After`, or slowly.
 */
import { createServer } from 'node:http';
import { promisify } from 'node:util';

export interface PostedToSlack {
  token: string | undefined;
  channel: string;
  text: string;
  blocks: Record<string, unknown>[];
  ts: string;
  /** The parent's `ts` for a thread reply, else undefined. */
  threadTs: string | undefined;
  /** `reply_broadcast`: a thread reply also shown in the channel. */
  broadcast: boolean;
}

export type ScriptedAnswer =
  | { kind: 'error'; error: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'slow'; delayMs: number };

export interface FakeSlack {
  /** Base URL to pass as `slackApiUrl` (ends with `/api/`). */
  apiUrl: string;
  messages: PostedToSlack[];
  /** Every chat.postMessage request, including refused ones. */
  attempts(): number;
  /** Epoch ms of each attempt, to check Retry-After was honoured. */
  attemptTimes: number[];
  /** Queues answers for the next calls, in order; after them calls succeed. */
  answerNext(...answers: ScriptedAnswer[]): void;
  close(): Promise<void>;
}

function parseBody(contentType: string | undefined, raw: string): Record<string, unknown> {
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const form = Object.fromEntries(new URLSearchParams(raw));
  // The client form-encodes structured arguments as JSON strings.
  return { ...form, blocks: form.blocks === undefined ? [] : JSON.parse(form.blocks) };
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const messages: PostedToSlack[] = [];
  const attemptTimes: number[] = [];
  const script: ScriptedAnswer[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (request.url !== '/api/chat.postMessage') return reply(404, { ok: false, error: 'unknown_method' });
    attemptTimes.push(Date.now());
    const answer = script.shift();
    if (answer?.kind === 'rate-limited') {
      return reply(
        429,
        { ok: false, error: 'ratelimited' },
        { 'retry-after': String(answer.retryAfterSeconds) },
      );
    }
    if (answer?.kind === 'error') return reply(200, { ok: false, error: answer.error });
    if (answer?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const body = parseBody(request.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
    const authorization = request.headers.authorization;
    const ts = `${Math.floor(Date.now() / 1000)}.${String(messages.length + 1).padStart(6, '0')}`;
    messages.push({
      token: authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined),
      channel: String(body.channel),
      text: String(body.text),
      blocks: body.blocks as Record<string, unknown>[],
      ts,
      threadTs: body.thread_ts === undefined ? undefined : String(body.thread_ts),
      // Form-encoded booleans arrive as "true"/"false".
      broadcast: body.reply_broadcast === true || body.reply_broadcast === 'true',
    });
    reply(200, { ok: true, channel: body.channel, ts });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    messages,
    attempts: () => attemptTimes.length,
    attemptTimes,
    answerNext: (...answers) => {
      script.push(...answers);
    },
    close: () => {
      server.closeAllConnections();
      return promisify(server.close.bind(server))();
    },
  };
}
