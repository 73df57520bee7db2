/** Runs dependency-cruiser with .dependency-cruiser.cjs over a tree, as `npm run check:layers` does. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';

const CONFIG = path.resolve(import.meta.dirname, '../../.dependency-cruiser.cjs');
/** Everything but the tests, which may reach inside a capability. */
const CRUISED_FOLDERS = ['src', 'functions', 'bin', 'local', 'bench'];

export interface ImportViolation {
  rule: string;
  from: string;
  to: string;
  comment: string;
}

export async function checkImports(root: string): Promise<ImportViolation[]> {
  const options = await extractDepcruiseOptions(CONFIG);
  const folders = CRUISED_FOLDERS.filter((folder) => existsSync(path.join(root, folder)));
  const { output } = await cruise(folders, { ...options, baseDir: root });
  const comments = new Map(options.ruleSet?.forbidden?.map((rule) => [rule.name, rule.comment ?? '']));
  return (output as ICruiseResult).summary.violations.map(({ rule, from, to }) => ({
    rule: rule.name,
    from,
    to,
    comment: comments.get(rule.name) ?? '',
  }));
}
