import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSources, EXCEPTIONS, type Exception, type Source, type Violation } from './source-rules';

/** The product code; the tests, the local stack and the benchmarks drive it and may set the time and the environment. */
const CHECKED_FOLDERS = ['src', 'functions', 'bin'];
const CODE = /\.(c|m)?(t|j)s$/;

export function readSources(root: string): Source[] {
  return CHECKED_FOLDERS.flatMap((folder) => {
    let entries: string[];
    try {
      entries = readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' });
    } catch {
      return []; // a tree without that folder
    }
    return entries
      .filter((entry) => CODE.test(entry) && !entry.endsWith('.d.ts'))
      .sort()
      .map((entry) => {
        const file = path.posix.join(folder, entry.split(path.sep).join('/'));
        return { file, text: readFileSync(path.join(root, file), 'utf8') };
      });
  });
}

export function checkTree(root: string, exceptions: readonly Exception[] = EXCEPTIONS): Violation[] {
  return checkSources(readSources(root), exceptions);
}
