/**
 * The deployed Argo CD version: fixed by configuration, or read from `GET {ARGOCD_URL}/api/version`,
 * which needs no login and answers `{"Version": "v3.4.6+abc1234"}`.
 */
import type { DeployedVersionSettings } from '../../upstream';
import { DeployedVersionError, type DeployedVersionSource, normalizeVersion } from '../../upstream';

async function fetchArgoCdVersion(baseUrl: string, timeoutMs: number): Promise<string> {
  const url = `${baseUrl}/api/version`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (error as Error).message;
    throw new DeployedVersionError(`cannot read the Argo CD version from ${url}: ${reason}`);
  }
  if (!response.ok) throw new DeployedVersionError(`GET ${url} answered HTTP ${response.status}`);
  const body = (await response.json().catch(() => null)) as { Version?: unknown } | null;
  const version = typeof body?.Version === 'string' ? normalizeVersion(body.Version) : null;
  if (version === null) {
    throw new DeployedVersionError(
      `GET ${url} did not answer {"Version": "<semver>"}: ${JSON.stringify(body)}`,
    );
  }
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
