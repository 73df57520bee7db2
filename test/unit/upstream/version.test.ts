import { describe, expect, it } from 'vitest';
import { compareVersions, minorLine, normalizeVersion } from '../../../src/upstream/domain/version';

describe('Module: upstream versions', () => {
  it.each([
    ['v3.5.0+abc1234', 'v3.5.0'],
    ['3.3.14', 'v3.3.14'],
    [' v3.5.0-rc3 ', 'v3.5.0-rc3'],
    ['latest', null],
    ['v3.5', null],
  ])('should normalize %j to %j', (raw, expected) => {
    expect(normalizeVersion(raw)).toBe(expected);
  });

  it('should order by semver, prereleases before their release, never by text', () => {
    const sorted = ['v3.10.0', 'v3.5.0', 'v3.5.0-rc3', 'v3.4.10', 'v3.4.6', 'v3.5.0-rc10'].sort(
      compareVersions,
    );
    expect(sorted).toEqual(['v3.4.6', 'v3.4.10', 'v3.5.0-rc3', 'v3.5.0-rc10', 'v3.5.0', 'v3.10.0']);
    expect(minorLine('v3.5.0-rc3')).toBe('3.5');
  });
});
