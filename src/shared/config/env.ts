/**
 * Typed readers for configuration. Each names the setting it rejects, so a bad deploy fails loudly
 * with a message an operator can act on.
 */
import { secrets, TOKEN_SHAPE } from '../redaction';

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * A value given with a command-line flag in place of a setting, already parsed to the setting's type.
 * Readers take these as typed overrides (never written into a copy of the environment), check them
 * with the same rules as the setting, and name the flag when they refuse one.
 */
export interface FlagOverride<T> {
  value: T;
  /** As typed, e.g. `--proposed-validity-hours`. */
  flag: string;
}

/** A flag's value broke a setting's rule: a usage mistake (exit code 2), reported without "configuration:". */
export class FlagValueError extends ConfigError {
  constructor(message: string) {
    super(message);
    this.name = 'FlagValueError';
  }
}

/** The error for a bad value of `name`: an environment variable, or a flag (`--...`). */
export function settingError(name: string, message: string): ConfigError {
  return name.startsWith('--') ? new FlagValueError(message) : new ConfigError(message);
}

/**
 * The setting's value, if any. Every read passes here, so here is where a secret setting (a token, a
 * URL with a password) is handed to the redaction before anything can print it.
 */
function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  secrets.addSetting(name, value);
  return value;
}

export function requiredString(env: Env, name: string): string {
  const value = present(env, name);
  if (value === undefined) throw new ConfigError(`${name} is required but not set`);
  return value;
}

export function optionalString(env: Env, name: string): string | undefined {
  return present(env, name);
}

export function stringWithDefault(env: Env, name: string, fallback: string): string {
  return present(env, name) ?? fallback;
}

/** `raw` as a positive number; `name` (a setting or a flag) is named when it is not one. */
export function parsePositiveNumber(name: string, raw: string): number {
  const value = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw settingError(name, `${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

export function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = present(env, name);
  return raw === undefined ? fallback : parsePositiveNumber(name, raw);
}

/** Comma-separated list, items trimmed, empty items dropped. */
export function parseList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Comma-separated list; empty or unset gives an empty list. */
export function stringList(env: Env, name: string): string[] {
  const raw = present(env, name);
  return raw === undefined ? [] : parseList(raw);
}

export function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

/**
 * An SSM parameter name as the stack's IAM grants expect it: a path with a leading slash (the role's
 * ARN is built as `parameter<name>`), so a plain name would be denied on every read.
 */
export function optionalSsmParameterName(env: Env, name: string): string | undefined {
  const value = present(env, name);
  if (value !== undefined && TOKEN_SHAPE.test(value)) {
    // The value itself is a secret pasted in the wrong place: held for redaction, never echoed.
    secrets.add(value);
    throw new ConfigError(
      `${name}: this looks like the token itself; store it in SSM and give the parameter's name (a path such as /argocd-relogin-monitor/token)`,
    );
  }
  if (value !== undefined && !value.startsWith('/')) {
    // A long value without any "/" is more likely a pasted secret of an unknown shape than a name: not shown.
    const nameLike = value.includes('/') || value.length < 20;
    const shown = nameLike
      ? `"${value}"`
      : 'a long value without any "/" (not shown: it may be the token itself)';
    if (!nameLike) secrets.add(value);
    throw new ConfigError(`${name} must be an SSM parameter path starting with "/", got ${shown}`);
  }
  return value;
}
