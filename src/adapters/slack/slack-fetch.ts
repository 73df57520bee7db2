/**
 * The `fetch` the Slack client sends through, holding the two promises its library does not:
 *
 * - The bot token goes only to the configured Web API origin. `files.uploadV2` posts the file's bytes to
 *   the `upload_url` Slack's answer names, with the token attached; a URL on any other origin (Slack's
 *   real one is `files.slack.com`, a pre-signed URL that needs no token) gets the upload WITHOUT the
 *   token. Chosen over refusing: Slack's own upload host differs from its API host, so refusing would
 *   break every real upload, while a URL that wrongly needed the token only fails that one upload.
 *   An upload URL that is not https (http only where the API itself is http, as a local stand-in is) is
 *   refused: the file would travel in clear.
 * - Every answer is read up to a cap, never buffered whole past it (`../http/bounded-get.ts`); the
 *   library's own timeout bounds the time.
 */
import { readCapped } from '../http/bounded-get';

/** Far above any answer of chat.postMessage or the files.* calls (a few kilobytes). */
export const MAX_SLACK_ANSWER_BYTES = 1024 * 1024;

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function slackFetch(
  apiUrl: string,
  send: typeof fetch = globalThis.fetch,
  maxAnswerBytes = MAX_SLACK_ANSWER_BYTES,
): typeof fetch {
  const api = new URL(apiUrl);
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    if (url.origin !== api.origin) {
      if (url.protocol !== 'https:' && url.protocol !== api.protocol) {
        throw new Error(
          `Slack named an upload URL on ${url.protocol} (not https); not sending the file there`,
        );
      }
      headers.delete('authorization');
    }
    const response = await send(input, { ...init, headers });
    const text = await readCapped(response, maxAnswerBytes, url.origin);
    const body = NULL_BODY_STATUSES.has(response.status) ? null : text;
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
