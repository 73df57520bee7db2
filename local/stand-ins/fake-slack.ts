/**
 * A local fake of Slack's Web API `chat.postMessage` and the three steps of `files.uploadV2`
 * (`files.getUploadURLExternal`, the upload to the URL it hands out, `files.completeUploadExternal`),
 * for the real `@slack/web-api` client pointed at it with `slackApiUrl`. Records every accepted message
 * (with its thread, `thread_ts`, and the kind its `metadata` names) and file; can be told to answer the next `chat.postMessage` calls with an `ok:false` error, an HTTP 429
 * with `Retry-After`, or slowly, and the next upload with an error.
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
  /** The message `metadata`'s `event_type`: which of the monitor's messages it is; undefined without metadata. */
  kind: string | undefined;
  /** Epoch ms it was accepted, by the clock `now` (the `ts` holds only whole seconds). */
  at: number;
}

/** A file shared by `files.completeUploadExternal`, with the bytes sent to its upload URL. */
export interface UploadedToSlack {
  fileId: string;
  filename: string;
  title: string | undefined;
  channel: string | undefined;
  threadTs: string | undefined;
  /** The `snippet_type` asked for (how Slack highlights a text file), else undefined. */
  snippetType: string | undefined;
  bytes: Buffer;
}

export type ScriptedAnswer =
  | { kind: 'error'; error: string }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'slow'; delayMs: number };

export interface FakeSlack {
  /** Base URL to pass as `slackApiUrl` (ends with `/api/`). */
  apiUrl: string;
  messages: PostedToSlack[];
  files: UploadedToSlack[];
  /** The Web API methods (and `upload`) called, in order. */
  calls: string[];
  /** The next `files.completeUploadExternal` answers `ok:false` with this error. */
  failNextUpload(error: string): void;
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
  return {
    ...form,
    blocks: form.blocks === undefined ? [] : JSON.parse(form.blocks),
    ...(form.metadata === undefined ? {} : { metadata: JSON.parse(form.metadata) }),
  };
}

/** What the client sent to the upload URL: raw bytes, or (as @slack/web-api does) one multipart file part. */
async function uploadedBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const part = [...form.values()][0];
  if (part === undefined || typeof part === 'string') throw new Error('upload without a file part');
  return Buffer.from(await part.arrayBuffer());
}

export interface FakeSlackOptions {
  /** Epoch ms for each message's `ts`; the simulation passes its clock. */
  now?: () => number;
  /** Called with each accepted message and shared file, as they arrive (the simulation prints them). */
  onMessage?: (message: PostedToSlack) => void;
  onFile?: (file: UploadedToSlack) => void;
  /** The bot token's scopes, sent by `auth.test` in the `x-oauth-scopes` header as Slack does. */
  scopes?: readonly string[];
  /** Channels the bot is a member of (`conversations.info` says `is_member`); others are not found. */
  memberOf?: readonly string[];
  /** Channels that exist but the bot has not joined. */
  notMemberOf?: readonly string[];
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const messages: PostedToSlack[] = [];
  const attemptTimes: number[] = [];
  const script: ScriptedAnswer[] = [];
  const files: UploadedToSlack[] = [];
  const calls: string[] = [];
  const pendingUploads = new Map<
    string,
    { filename: string; snippetType: string | undefined; bytes?: Buffer }
  >();
  let uploadFailure: string | undefined;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    const raw = Buffer.concat(chunks);
    const method = request.url?.replace(/^\/api\//, '') ?? '';
    calls.push(request.url?.startsWith('/upload/') ? 'upload' : method);
    if (method === 'auth.test') {
      const scopes = (options.scopes ?? ['chat:write', 'files:write']).join(',');
      return reply(
        200,
        { ok: true, team: 'Platform', user_id: 'U0BOT', bot_id: 'B0BOT' },
        { 'x-oauth-scopes': scopes },
      );
    }
    if (method === 'conversations.info') {
      const channel = String(parseBody(request.headers['content-type'], raw.toString('utf8')).channel);
      const member = options.memberOf?.includes(channel) ?? false;
      if (!member && !options.notMemberOf?.includes(channel))
        return reply(200, { ok: false, error: 'channel_not_found' });
      return reply(200, { ok: true, channel: { id: channel, is_member: member } });
    }
    if (method === 'files.getUploadURLExternal') {
      const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      const fileId = `F${String(pendingUploads.size + files.length + 1).padStart(8, '0')}`;
      pendingUploads.set(fileId, { filename: String(form.filename), snippetType: form.snippet_type });
      const { port } = server.address() as { port: number };
      return reply(200, {
        ok: true,
        file_id: fileId,
        upload_url: `http://127.0.0.1:${port}/upload/${fileId}`,
      });
    }
    if (request.url?.startsWith('/upload/')) {
      const pending = pendingUploads.get(request.url.slice('/upload/'.length));
      if (pending === undefined) return reply(404, { ok: false });
      pending.bytes = await uploadedBytes(request.headers['content-type'], raw);
      response.writeHead(200, { 'content-type': 'text/plain' });
      return response.end('OK');
    }
    if (method === 'files.completeUploadExternal') {
      if (uploadFailure !== undefined) {
        const error = uploadFailure;
        uploadFailure = undefined;
        return reply(200, { ok: false, error });
      }
      const form = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      const shared = JSON.parse(String(form.files)) as { id: string; title?: string }[];
      for (const { id, title } of shared) {
        const pending = pendingUploads.get(id);
        if (pending?.bytes === undefined) return reply(200, { ok: false, error: 'file_not_uploaded' });
        pendingUploads.delete(id);
        const file = {
          fileId: id,
          filename: pending.filename,
          title,
          channel: form.channel_id,
          threadTs: form.thread_ts,
          snippetType: pending.snippetType,
          bytes: pending.bytes,
        };
        files.push(file);
        options.onFile?.(file);
      }
      return reply(200, { ok: true, files: shared });
    }
    if (method !== 'chat.postMessage') return reply(404, { ok: false, error: 'unknown_method' });
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
    const body = parseBody(request.headers['content-type'], raw.toString('utf8'));
    const authorization = request.headers.authorization;
    const at = now();
    const ts = `${Math.floor(at / 1000)}.${String(messages.length + 1).padStart(6, '0')}`;
    const metadata = body.metadata as { event_type?: unknown } | undefined;
    const message: PostedToSlack = {
      token: authorization?.replace(/^Bearer /, '') ?? (body.token as string | undefined),
      channel: String(body.channel),
      text: String(body.text),
      blocks: body.blocks as Record<string, unknown>[],
      ts,
      threadTs: body.thread_ts === undefined ? undefined : String(body.thread_ts),
      // Form-encoded booleans arrive as "true"/"false".
      broadcast: body.reply_broadcast === true || body.reply_broadcast === 'true',
      kind: typeof metadata?.event_type === 'string' ? metadata.event_type : undefined,
      at,
    };
    messages.push(message);
    options.onMessage?.(message);
    reply(200, { ok: true, channel: body.channel, ts });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    messages,
    files,
    calls,
    failNextUpload: (error) => {
      uploadFailure = error;
    },
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
