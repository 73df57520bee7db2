/**
 * The layer rules an import graph cannot show, read from the syntax tree of each file (TypeScript's
 * parser, no type-checking): who reads `process.env`, who reads the current time, and which
 * capabilities import each other at run time. The import rules are in .dependency-cruiser.cjs.
 */
import path from 'node:path';
import ts from 'typescript';

export type SourceRule =
  | 'env-only-in-config-readers'
  | 'time-only-from-the-clock'
  | 'no-runtime-cycle-between-capabilities'
  | 'stale-exception';

export interface Source {
  /** Relative to the repository root, with `/`. */
  file: string;
  text: string;
}

export interface Violation {
  rule: SourceRule;
  file: string;
  line: number;
  message: string;
}

/** A file allowed to break a rule for now; `removedBy` names the change that makes it obey. */
export interface Exception {
  rule: SourceRule;
  file: string;
  removedBy: string;
}

const ENV_READERS = [
  /^src\/(.+\/)?config\.ts$/,
  /^src\/shared\/config\//,
  /^functions\/[^/]+\/handler\.ts$/,
  /^src\/cli\/main\.ts$/,
  /^bin\/relogin-monitor\.mjs$/,
];
const CLOCK_READERS = [/^src\/adapters\/system-clock\.ts$/];
const NOT_CAPABILITIES = new Set(['shared', 'adapters', 'cli']);

/** Temporary, named exceptions to the rules; a stale one (its file now obeys) is reported. None today. */
export const EXCEPTIONS: readonly Exception[] = [];

const ENV_MESSAGE =
  'reads the environment: only config readers (src/**/config.ts, src/shared/config/) and entry points ' +
  '(functions/*/handler.ts, src/cli/main.ts, bin/relogin-monitor.mjs) may; take an `Env` or a settings value';
const TIME_MESSAGE =
  'reads the current time: take a `Clock` (src/shared/clock.ts); only src/adapters/system-clock.ts reads the ' +
  'system time (`new Date(epochMs)` is fine)';

interface CapabilityImport {
  from: string;
  to: string;
  file: string;
  line: number;
}

export function checkSources(sources: readonly Source[], exceptions: readonly Exception[]): Violation[] {
  const found: Violation[] = [];
  const imports: CapabilityImport[] = [];
  for (const source of sources) {
    const tree = ts.createSourceFile(source.file, source.text, ts.ScriptTarget.Latest, true);
    const lineOf = (node: ts.Node) => tree.getLineAndCharacterOfPosition(node.getStart(tree)).line + 1;
    const report = (rule: SourceRule, node: ts.Node, message: string) =>
      found.push({
        rule,
        file: source.file,
        line: lineOf(node),
        message: `\`${excerpt(node, tree)}\` ${message}`,
      });
    const visit = (node: ts.Node): void => {
      if (readsEnv(node) && !ENV_READERS.some((allowed) => allowed.test(source.file))) {
        report('env-only-in-config-readers', node, ENV_MESSAGE);
      }
      if (readsCurrentTime(node) && !CLOCK_READERS.some((allowed) => allowed.test(source.file))) {
        report('time-only-from-the-clock', node, TIME_MESSAGE);
      }
      const target = runtimeCapabilityImport(source.file, node);
      if (target !== undefined) imports.push({ ...target, file: source.file, line: lineOf(node) });
      ts.forEachChild(node, visit);
    };
    visit(tree);
  }
  found.push(...capabilityCycles(imports));
  return applyExceptions(found, exceptions);
}

function excerpt(node: ts.Node, tree: ts.SourceFile): string {
  const text = node.getText(tree).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function isProcess(node: ts.Node): boolean {
  if (ts.isIdentifier(node)) return node.text === 'process';
  return (
    ts.isPropertyAccessExpression(node) &&
    isNamed(node.expression, 'globalThis') &&
    node.name.text === 'process'
  );
}

function isNamed(node: ts.Node, name: string): boolean {
  return ts.isIdentifier(node) && node.text === name;
}

/** `process.env`, `process['env']`, `const { env } = process`, `import { env } from 'node:process'`. */
function readsEnv(node: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(node)) return isProcess(node.expression) && node.name.text === 'env';
  if (ts.isElementAccessExpression(node)) {
    const key = node.argumentExpression;
    return isProcess(node.expression) && ts.isStringLiteralLike(key) && key.text === 'env';
  }
  if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name)) {
    return (
      node.initializer !== undefined &&
      isProcess(node.initializer) &&
      node.name.elements.some((element) => (element.propertyName ?? element.name).getText() === 'env')
    );
  }
  if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
    const bindings = node.importClause?.namedBindings;
    return (
      ['process', 'node:process'].includes(node.moduleSpecifier.text) &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.some((element) => (element.propertyName ?? element.name).text === 'env')
    );
  }
  return false;
}

/** `Date.now` (called or passed on), `new Date()` / `new Date` without an argument, and `Date()`. */
function readsCurrentTime(node: ts.Node): boolean {
  if (ts.isPropertyAccessExpression(node))
    return isNamed(node.expression, 'Date') && node.name.text === 'now';
  if (ts.isNewExpression(node))
    return isNamed(node.expression, 'Date') && (node.arguments?.length ?? 0) === 0;
  if (ts.isCallExpression(node)) return isNamed(node.expression, 'Date');
  return false;
}

function capabilityOf(file: string): string | undefined {
  const [top, folder, rest] = file.split('/', 3);
  return top === 'src' && folder !== undefined && rest !== undefined && !NOT_CAPABILITIES.has(folder)
    ? folder
    : undefined;
}

/** An import that stays after compilation (not `import type`/`export type`) from one capability into another. */
function runtimeCapabilityImport(file: string, node: ts.Node): { from: string; to: string } | undefined {
  const from = capabilityOf(file);
  if (from === undefined) return undefined;
  let specifier: ts.Expression | undefined;
  if (ts.isImportDeclaration(node) && !isTypeOnlyImport(node)) specifier = node.moduleSpecifier;
  else if (ts.isExportDeclaration(node) && !isTypeOnlyExport(node)) specifier = node.moduleSpecifier;
  else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
    specifier = node.arguments[0];
  if (specifier === undefined || !ts.isStringLiteralLike(specifier) || !specifier.text.startsWith('.'))
    return undefined;
  const to = capabilityOf(`${path.posix.join(path.posix.dirname(file), specifier.text)}/`);
  return to === undefined || to === from ? undefined : { from, to };
}

function isTypeOnlyImport(node: ts.ImportDeclaration): boolean {
  const clause = node.importClause;
  if (clause === undefined) return false; // `import './x'` runs the module
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return (
    clause.name === undefined &&
    bindings !== undefined &&
    ts.isNamedImports(bindings) &&
    bindings.elements.length > 0 &&
    bindings.elements.every((element) => element.isTypeOnly)
  );
}

function isTypeOnlyExport(node: ts.ExportDeclaration): boolean {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    clause !== undefined &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((element) => element.isTypeOnly)
  );
}

/** Each cycle once, named by the import that opens it and the route back. */
function capabilityCycles(imports: readonly CapabilityImport[]): Violation[] {
  const edges = new Map<string, Map<string, CapabilityImport>>();
  for (const found of imports) {
    const targets = edges.get(found.from) ?? new Map<string, CapabilityImport>();
    if (!targets.has(found.to)) targets.set(found.to, found);
    edges.set(found.from, targets);
  }
  const reported = new Set<string>();
  const cycles: Violation[] = [];
  for (const [from, targets] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
    for (const opening of targets.values()) {
      const back = routeBetween(edges, opening.to, from);
      if (back === undefined) continue;
      const route = [opening, ...back];
      const key = route
        .map((step) => step.from)
        .sort()
        .join(' ');
      if (reported.has(key)) continue;
      reported.add(key);
      cycles.push({
        rule: 'no-runtime-cycle-between-capabilities',
        file: opening.file,
        line: opening.line,
        message:
          `capabilities import each other at run time: ${route.map((step) => `${step.from} → ${step.to} (${step.file}:${step.line})`).join(', ')}; ` +
          'import only types one way (`import type`), or move what both need to the capability that owns it or to src/shared',
      });
    }
  }
  return cycles;
}

/** Breadth-first, so the route reported is a shortest one. */
function routeBetween(
  edges: ReadonlyMap<string, ReadonlyMap<string, CapabilityImport>>,
  start: string,
  goal: string,
): CapabilityImport[] | undefined {
  const routes = new Map<string, CapabilityImport[]>([[start, []]]);
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next === goal) return routes.get(next);
    for (const step of edges.get(next)?.values() ?? []) {
      if (routes.has(step.to)) continue;
      routes.set(step.to, [...(routes.get(next) ?? []), step]);
      queue.push(step.to);
    }
  }
  return undefined;
}

function applyExceptions(found: readonly Violation[], exceptions: readonly Exception[]): Violation[] {
  const excused = (violation: Violation, exception: Exception) =>
    violation.rule === exception.rule && violation.file === exception.file;
  const stale = exceptions
    .filter((exception) => !found.some((violation) => excused(violation, exception)))
    .map(
      (exception): Violation => ({
        rule: 'stale-exception',
        file: exception.file,
        line: 1,
        message: `no longer breaks ${exception.rule} (${exception.removedBy}): remove its entry from EXCEPTIONS in tools/layer-rules/source-rules.ts`,
      }),
    );
  return [
    ...found.filter((violation) => !exceptions.some((exception) => excused(violation, exception))),
    ...stale,
  ];
}
