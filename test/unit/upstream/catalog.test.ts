import { describe, expect, it } from 'vitest';
import defaultCatalog from '../../../catalog/fixes.json';
import { announcedFixes, CatalogError, parseCatalog } from '../../../src/upstream/domain/catalog';

const VALID = { id: 'x-fix', repo: 'argoproj/argo-cd', title: 'A fix', pulls: [1, 2] };

describe('Function: parseCatalog', () => {
  it('should accept the shipped catalog with the refresh fix, its backports and the setting', () => {
    const catalog = parseCatalog(defaultCatalog, 'catalog/fixes.json');
    expect(catalog.map(({ id, repo, pulls }) => ({ id, repo, pulls }))).toEqual([
      { id: 'argocd-oidc-refresh', repo: 'argoproj/argo-cd', pulls: [27777, 28688, 28689] },
      { id: 'argocd-oidc-refresh-setting', repo: 'argoproj/argo-cd', pulls: [23727] },
    ]);
    expect(catalog[0]?.advice).toContain('refreshTokenThreshold');
  });

  it('should mark the setting as only a prerequisite of the refresh fix, announcing the fix alone', () => {
    const catalog = parseCatalog(defaultCatalog, 'catalog/fixes.json');
    expect(catalog[1]?.prerequisiteOf).toBe('argocd-oidc-refresh');
    expect(announcedFixes(catalog).map((entry) => entry.id)).toEqual(['argocd-oidc-refresh']);
  });

  it('should say what the shipped refresh advice says: no setting needed, the threshold only refreshes earlier', () => {
    const advice = parseCatalog(defaultCatalog, 'catalog/fixes.json')[0]?.advice ?? '';
    expect(advice).toContain('Upgrading makes the refresh work');
    expect(advice).toContain('no setting needed');
    expect(advice).toContain('Recommended, to refresh before expiry too');
    expect(advice).toContain('Keep AccessTokenValidity at most IdTokenValidity');
    expect(advice).not.toMatch(/turns the refresh off/);
  });

  it.each([
    [[], /the catalog must be a non-empty JSON array of fix entries, got \[\]/],
    [{}, /non-empty JSON array/],
    [
      [{ ...VALID, pulls: [] }],
      /entry 1 \("x-fix"\): pulls must be a non-empty array of PR numbers, each listed once, got \[\]/,
    ],
    [
      [{ ...VALID, pulls: ['27777'] }],
      /entry 1 \("x-fix"\): pulls\[0\] must be a PR number \(a positive integer\), got "27777"/,
    ],
    [
      [{ ...VALID, pulls: [1, 1] }],
      /pulls must be a non-empty array of PR numbers, each listed once \(one is listed twice\), got \[1,1\]/,
    ],
    [[{ ...VALID, repo: 'argo-cd' }], /repo must be "owner\/name", got "argo-cd"/],
    [
      [{ ...VALID, id: 'Has Spaces' }],
      /entry 1 \("Has Spaces"\): id must be lower-case letters, digits and dashes, got "Has Spaces"/,
    ],
    [[{ ...VALID, title: ' ' }], /title must be a non-empty string, got " "/],
    [
      [{ ...VALID, pull: [1] }],
      /pull is not a known field \(allowed: id, repo, title, pulls, advice, prerequisiteOf, firstReleases\)/,
    ],
    [[{ ...VALID, advice: 3 }], /advice must be a non-empty string, got 3/],
    [
      [{ ...VALID, firstReleases: ['3.4.6'] }],
      /firstReleases\[0\] must be a version like "v3.4.6", got "3.4.6"/,
    ],
    [[{ ...VALID, firstReleases: [] }], /firstReleases must be a non-empty array of versions/],
    [[VALID, VALID], /fix id "x-fix" appears twice/],
    [[null], /entry 1: must be an object, got null/],
    [
      [{ ...VALID, prerequisiteOf: 'y-fix' }],
      /"x-fix" is a prerequisite of "y-fix", which is not another entry/,
    ],
    [[{ ...VALID, prerequisiteOf: 'x-fix' }], /which is not another entry/],
    [
      [{ ...VALID, prerequisiteOf: 'Bad Id' }],
      /prerequisiteOf must be the id of another entry, got "Bad Id"/,
    ],
    [
      [
        { ...VALID, prerequisiteOf: 'y-fix' },
        { ...VALID, id: 'y-fix', prerequisiteOf: 'z-fix' },
        { ...VALID, id: 'z-fix' },
      ],
      /itself only a prerequisite/,
    ],
  ])('should reject %j naming the file and the problem', (raw, message) => {
    const parse = () => parseCatalog(raw, 'my.json');
    expect(parse).toThrow(CatalogError);
    expect(parse).toThrow(message);
    expect(parse).toThrow(/^my\.json/);
  });
});
