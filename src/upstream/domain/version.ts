/** Release versions as semver: never compared by publication order (old lines get patches after newer ones). */
import semver from 'semver';

/** "v3.5.0+abc1234" → "v3.5.0"; null when not a semantic version. */
export function normalizeVersion(raw: string): string | null {
  const parsed = semver.parse(raw.trim(), { loose: false });
  return parsed === null ? null : `v${parsed.version}`;
}

/** The minor line a version belongs to, e.g. "3.5" for "v3.5.0-rc3". */
export function minorLine(version: string): string {
  const parsed = semver.parse(version);
  if (parsed === null) throw new Error(`not a semantic version: ${version}`);
  return `${parsed.major}.${parsed.minor}`;
}

/** Semver orders the prerelease "rc10" before "rc3" (text); "rc.10" after "rc.3" (numbers), as meant. */
function comparable(version: string): string {
  return version.replace(/-([a-z]+)(\d+)$/i, '-$1.$2');
}

export function compareVersions(a: string, b: string): number {
  return semver.compare(comparable(a), comparable(b));
}

export function isTagVersion(tag: string): boolean {
  return semver.valid(tag) !== null;
}
