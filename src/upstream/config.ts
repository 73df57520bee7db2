/** Settings of the upstream watcher (scheduled function and `relogin-monitor upstream-check`). */
import { createReadStream } from 'node:fs';
import { readCappedText } from '../shared/capped-input';
import {
  ConfigError,
  type Env,
  type FlagOverride,
  optionalSsmParameterName,
  optionalString,
  positiveNumber,
  settingError,
  stringList,
  stringWithDefault,
} from '../shared/config/env';
import { byteSize } from '../shared/wording';
import { CatalogError, type FixEntry, parseCatalog } from './domain/catalog';
import { normalizeVersion } from './domain/version';
import { SHIPPED_CATALOG } from './shipped-catalog';

const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

export interface GitHubSettings {
  apiUrl: string;
  /** A token given directly (local runs). */
  token?: string;
  /** Name of an SSM SecureString holding the token (deployed runs). */
  tokenParameter?: string;
  timeoutMs: number;
}

export type DeployedVersionSettings =
  | { kind: 'fixed'; version: string }
  | { kind: 'argocd'; url: string; timeoutMs: number }
  | { kind: 'unknown' };

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw settingError(name, `${name} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw settingError(name, `${name} must be an http(s) URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

export function readGitHubSettings(env: Env): GitHubSettings {
  const token = optionalString(env, 'GITHUB_TOKEN');
  const tokenParameter = optionalSsmParameterName(env, 'GITHUB_TOKEN_PARAMETER');
  return {
    apiUrl: httpUrl('GITHUB_API_URL', stringWithDefault(env, 'GITHUB_API_URL', DEFAULT_GITHUB_API_URL)),
    ...(token === undefined ? {} : { token }),
    ...(tokenParameter === undefined ? {} : { tokenParameter }),
    timeoutMs: positiveNumber(env, 'GITHUB_TIMEOUT_MS', 10_000),
  };
}

/** The Argo CD app clients whose ID-token validity the fixed-release message quotes. */
export interface AppClientSettings {
  userPoolId: string;
  clientIds: string[];
}

/** `USER_POOL_ID` and `ARGOCD_CLIENT_IDS`, both optional here: without either the message stays generic. */
export function readAppClientSettings(env: Env): AppClientSettings | undefined {
  const userPoolId = optionalString(env, 'USER_POOL_ID');
  const clientIds = stringList(env, 'ARGOCD_CLIENT_IDS');
  return userPoolId === undefined || clientIds.length === 0 ? undefined : { userPoolId, clientIds };
}

/** A flag naming the deployed version (`--deployed-version`) or where to ask (`--argocd-url`); it replaces both settings. */
export type DeployedVersionOverride = { version: FlagOverride<string> } | { url: FlagOverride<string> };

/** `ARGOCD_VERSION` (fixed) or `ARGOCD_URL` (asked at `/api/version`), or the flag in their place; neither = unknown. */
export function readDeployedVersionSettings(
  env: Env,
  override?: DeployedVersionOverride,
): DeployedVersionSettings {
  const fromEnv = (name: string) => {
    const value = optionalString(env, name);
    return value === undefined ? undefined : { value, name };
  };
  const named = ({ value, flag }: FlagOverride<string>) => ({ value, name: flag });
  const version =
    override === undefined
      ? fromEnv('ARGOCD_VERSION')
      : 'version' in override
        ? named(override.version)
        : undefined;
  const url =
    override === undefined ? fromEnv('ARGOCD_URL') : 'url' in override ? named(override.url) : undefined;
  if (version !== undefined && url !== undefined) {
    throw new ConfigError('set ARGOCD_VERSION or ARGOCD_URL, not both');
  }
  if (version !== undefined) {
    const normalized = normalizeVersion(version.value);
    if (normalized === null) {
      throw settingError(
        version.name,
        `${version.name} must be a version like v3.4.6, got "${version.value}"`,
      );
    }
    return { kind: 'fixed', version: normalized };
  }
  if (url !== undefined) {
    return {
      kind: 'argocd',
      url: httpUrl(url.name, url.value),
      timeoutMs: positiveNumber(env, 'ARGOCD_TIMEOUT_MS', 5000),
    };
  }
  return { kind: 'unknown' };
}

/** The shipped catalog is a few KiB; a wrong file must not fill memory. */
export const MAX_CATALOG_BYTES = 1024 * 1024;

/** The catalog shipped in `catalog/fixes.json`, or the file named by `path` (FIX_CATALOG / --catalog). */
export async function loadFixCatalog(path: string | undefined, setting = 'FIX_CATALOG'): Promise<FixEntry[]> {
  try {
    if (path === undefined) return [...SHIPPED_CATALOG];
    const text = await readCappedText(createReadStream(path), MAX_CATALOG_BYTES).catch(
      (error: NodeJS.ErrnoException) => {
        throw new CatalogError(`cannot read ${path}: ${error.code ?? error.message}`);
      },
    );
    if (text === null) throw new CatalogError(`${path} is larger than ${byteSize(MAX_CATALOG_BYTES)}`);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new CatalogError(`${path} is not valid JSON: ${(error as Error).message}`);
    }
    return parseCatalog(raw, path);
  } catch (error) {
    if (error instanceof CatalogError) throw new ConfigError(`${setting}: ${error.message}`);
    throw error;
  }
}

/** The fix catalog the environment names (`FIX_CATALOG`), else the bundled one. */
export function readFixCatalog(env: Env): Promise<FixEntry[]> {
  return loadFixCatalog(optionalString(env, 'FIX_CATALOG'));
}
