/**
 * The deployed Argo CD version: fixed by configuration, or read from `GET {ARGOCD_URL}/api/version`,
 * which needs no login and answers `{"Version": "v3.4.6+abc1234"}`.
 */
import { redact } from '../../shared/redaction';
import { printable, truncated } from '../../shared/safe-text';
import type { DeployedVersionSettings } from '../../upstream';
import { DeployedVersionError, type DeployedVersionSource, normalizeVersion } from '../../upstream';
import { type BoundedAnswer, BoundedGetError, boundedGet, displayUrl } from '../http/bounded-get';

/** The unauthenticated answer is a few dozen bytes, a logged-in one about a kilobyte. */
export const MAX_VERSION_BODY_BYTES = 64 * 1024;
const MAX_QUOTED_CHARS = 120;

/** Every message may quote the server (its body, where it redirected): printable, without credentials. */
function failure(message: string): DeployedVersionError {
  return new DeployedVersionError(printable(redact(message)));
}

async function fetchArgoCdVersion(baseUrl: string, timeoutMs: number): Promise<string> {
  const url = `${baseUrl}/api/version`;
  let answer: BoundedAnswer;
  try {
    answer = await boundedGet(url, {
      headers: { accept: 'application/json' },
      timeoutMs,
      maxBodyBytes: MAX_VERSION_BODY_BYTES,
    });
  } catch (error) {
    if (!(error instanceof BoundedGetError)) throw error;
    const reason = error.failure === 'timeout' ? `no answer within ${timeoutMs} ms` : error.message;
    throw failure(`cannot read the Argo CD version from ${displayUrl(url)}: ${reason}`);
  }
  const asked = `GET ${displayUrl(url)}${answer.redirected ? ` (redirected to ${displayUrl(answer.url)})` : ''}`;
  const excerpt = `"${truncated(redact(answer.text), MAX_QUOTED_CHARS)}"`;
  if (answer.status !== 200) throw failure(`${asked} answered HTTP ${answer.status}`);
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    // Typically the login page of a proxy in front of Argo CD: /api/version must be reachable without it.
    throw failure(`${asked} answered something that is not JSON: ${excerpt}`);
  }
  const reported = (body as { Version?: unknown } | null)?.Version;
  const version = typeof reported === 'string' ? normalizeVersion(reported) : null;
  if (version === null) throw failure(`${asked} did not answer {"Version": "<semver>"}: ${excerpt}`);
  return version;
}

export function deployedVersionSource(settings: DeployedVersionSettings): DeployedVersionSource {
  switch (settings.kind) {
    case 'fixed':
      return { current: async () => settings.version };
    case 'argocd':
      return { current: () => fetchArgoCdVersion(settings.url, settings.timeoutMs) };
    case 'unknown':
      return { current: async () => null };
  }
}
