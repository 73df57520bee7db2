/**
 * The README stays short, and every relative link in README.md and docs/*.md reaches a file that
 * exists and, when it names one, a heading of that file (anchors as GitHub makes them).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const README_MAX_LINES = 200;

const pages = [
  join(ROOT, 'README.md'),
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(ROOT, 'docs', name)),
];

/** Markdown with fenced code blocks and inline code spans blanked: links inside code are not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '');
}

/** The anchors GitHub gives a page's headings (`#`-style; a repeated heading gets `-1`, `-2`, ...). */
function anchorsIn(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const headings = markdown
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
    .split('\n')
    .map((line) => /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
  // GitHub slugs the heading's rendered text: code spans keep their content, link syntax does not count.
  return new Set(
    headings.map((text) => slugger.slug(text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, ''))),
  );
}

function anchorsOf(file: string): Set<string> {
  return anchorsIn(readFileSync(file, 'utf8'));
}

interface Link {
  page: string;
  target: string;
  /** The source file that cites it, when not the page itself. */
  source?: string;
}

function relativeLinks(page: string): Link[] {
  const text = withoutCode(readFileSync(page, 'utf8'));
  const targets = [...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1] as string,
  );
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target)).map((target) => ({ page, target }));
}

/** What is wrong with one link, or undefined when it resolves. */
function brokenReason({ page, target }: Link): string | undefined {
  const [path = '', anchor] = target.split('#', 2);
  const file = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
  if (!existsSync(file)) return 'no such file';
  if (anchor === undefined || anchor === '' || !file.endsWith('.md')) return undefined;
  return anchorsOf(file).has(decodeURIComponent(anchor).toLowerCase()) ? undefined : `no heading #${anchor}`;
}

/** Folders whose source may cite a docs page in a comment (`docs/<page>.md#<anchor>`). */
const SOURCE_DIRS = ['src', 'functions', 'local', 'bench', 'infra', 'tools', 'test'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|cjs|mjs|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** `docs/<page>.md` and `docs/<page>.md#<anchor>` named in source files (not this one's examples), as links from the root. */
function docsCitations(): Link[] {
  const readme = join(ROOT, 'README.md');
  return SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))
    .filter((file) => file !== import.meta.filename && !file.includes(join('test', 'fixtures')))
    .flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bdocs\/[\w-]+\.md(?:#[\w-]+)?/g)].map((match) => ({
        page: readme,
        target: match[0],
        source: relative(ROOT, file),
      })),
    );
}

describe('Docs: README.md and docs/*.md', () => {
  it(`keeps README.md at most ${README_MAX_LINES} lines`, () => {
    const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
    expect(lines).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('has only relative links that reach an existing file and heading', () => {
    const broken = pages
      .flatMap(relativeLinks)
      .map((link) => ({ link, reason: brokenReason(link) }))
      .filter(({ reason }) => reason !== undefined)
      .map(({ link, reason }) => `${relative(ROOT, link.page)}: ${link.target} (${reason})`);
    expect(broken).toEqual([]);
  });

  it('cites the facts from docs/argocd-and-cognito.md, never from a FACTS.md outside the repository', () => {
    const citing = [...pages, ...SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))]
      .filter((file) => file !== import.meta.filename && /\bFACTS\.md\b/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(citing).toEqual([]);
  });

  it('has every docs page and heading a source comment cites', () => {
    const citations = docsCitations();
    expect(citations.length).toBeGreaterThan(0);
    const broken = citations
      .map((citation) => ({ citation, reason: brokenReason(citation) }))
      .filter(({ reason }) => reason !== undefined)
      .map(({ citation, reason }) => `${citation.source}: ${citation.target} (${reason})`);
    expect(broken).toEqual([]);
  });

  it('finds a broken file link and a broken anchor (the check can fail)', () => {
    const page = join(ROOT, 'README.md');
    expect(brokenReason({ page, target: 'docs/no-such-page.md' })).toBe('no such file');
    expect(brokenReason({ page, target: 'docs/cost.md#no-such-heading' })).toBe(
      'no heading #no-such-heading',
    );
    expect(brokenReason({ page, target: 'docs/cost.md' })).toBeUndefined();
  });

  it('makes anchors as GitHub does: lower case, punctuation dropped, code spans kept, repeats numbered', () => {
    const markdown = [
      '## `relogin-monitor simulate`: the whole loop',
      '```sh',
      '# not a heading',
      '```',
      '### Alerts, threads, recovery',
      '### Alerts, threads, recovery',
      '## See [the report](report.md)',
    ].join('\n');
    expect([...anchorsIn(markdown)]).toEqual([
      'relogin-monitor-simulate-the-whole-loop',
      'alerts-threads-recovery',
      'alerts-threads-recovery-1',
      'see-the-report',
    ]);
  });
});
