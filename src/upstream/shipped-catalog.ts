/** The fix catalog shipped in `catalog/fixes.json`, parsed once: the watcher's default and the advice's source of release numbers. */
import shipped from '../../catalog/fixes.json';
import { type FixEntry, parseCatalog } from './domain/catalog';

export const SHIPPED_CATALOG: readonly FixEntry[] = parseCatalog(shipped, 'catalog/fixes.json');

/** The shipped entry `id` with the first releases it documents; throws when the catalog lost either. */
export function shippedFirstReleases(id: string): { entry: FixEntry; firstReleases: string[] } {
  const entry = SHIPPED_CATALOG.find((candidate) => candidate.id === id);
  if (entry?.firstReleases === undefined) {
    throw new Error(`catalog/fixes.json has no "${id}" entry with its "firstReleases"`);
  }
  return { entry, firstReleases: entry.firstReleases };
}
