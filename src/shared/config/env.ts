/**
 * Typed readers for configuration. Each names the setting it rejects, so a bad deploy fails loudly
 * with a message an operator can act on.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function present(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
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

export function positiveNumber(env: Env, name: string, fallback: number): number {
  const raw = present(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

/** Comma-separated list; empty or unset gives an empty list. */
export function stringList(env: Env, name: string): string[] {
  const raw = present(env, name);
  if (raw === undefined) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
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
  if (value !== undefined && !value.startsWith('/')) {
    throw new ConfigError(`${name} must be an SSM parameter path starting with "/", got "${value}"`);
  }
  return value;
}
