/**
 * Each layer rule of `npm run check` can fail: the checkers run over test/fixtures/layer-rules, a tree
 * that breaks every rule on purpose, and must name the rule and the file; over the real tree they pass.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTree } from '../../../tools/layer-rules/check-tree';
import { checkImports } from '../../../tools/layer-rules/import-rules';
import { checkSources } from '../../../tools/layer-rules/source-rules';

const REPO = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(REPO, 'test/fixtures/layer-rules');

async function importViolations(root: string): Promise<string[]> {
  return (await checkImports(root)).map(({ rule, from, to }) => `${rule}: ${from} → ${to}`);
}

// A cruise parses every file: over the real tree that is seconds, and more on a busy machine.
describe('import rules (.dependency-cruiser.cjs)', { timeout: 120_000 }, () => {
  it('should name the rule and the file of every broken import rule', async () => {
    const found = await importViolations(FIXTURES);
    const expected = [
      'domain-is-pure: src/relogins/domain/imports-aws-sdk.ts → ../../../node_modules/@aws-sdk/client-dynamodb/',
      'domain-is-pure: src/relogins/domain/imports-slack.ts → ../../../node_modules/@slack/web-api/',
      'domain-is-pure: src/relogins/domain/emits-metrics.ts → ../../../node_modules/@aws-lambda-powertools/metrics/',
      'domain-is-pure: src/relogins/domain/reads-files.ts → fs',
      'domain-is-pure: src/relogins/domain/validates-with-ajv.ts → ../../../node_modules/ajv/',
      'domain-is-pure: src/relogins/domain/opens-http.ts → https',
      'domain-is-pure: src/relogins/domain/imports-adapter.ts → src/adapters/system-clock.ts',
      'domain-is-pure: src/relogins/domain/imports-config.ts → src/relogins/config.ts',
      'capability-only-through-its-index: src/relogins/reaches-inside-upstream.ts → src/upstream/domain/version.ts',
      'capability-only-through-its-index: src/adapters/reaches-a-port.ts → src/relogins/ports/chat.ts',
      'capability-only-through-its-index: functions/auth-event/deps.ts → src/upstream/domain/version.ts',
      'shared-imports-no-capability: src/shared/imports-a-capability.ts → src/upstream/index.ts',
      'capabilities-import-no-adapters: src/relogins/uses-an-adapter.ts → src/adapters/system-clock.ts',
      'capabilities-import-no-adapters: src/relogins/domain/imports-adapter.ts → src/adapters/system-clock.ts',
      'product-imports-no-harness: src/cli/imports-the-harness.ts → local/stand-ins/fake-server.ts',
      'product-imports-no-harness: functions/auth-event/imports-a-test-fake.ts → test/support/fakes/clock.ts',
      'product-imports-no-harness: src/shared/imports-the-bench.ts → bench/figures.ts',
      'harness-only-through-public-entry-points: local/reaches-inside-the-cli.ts → src/cli/reads-env.ts',
      'harness-only-through-public-entry-points: local/imports-a-handler.ts → functions/auth-event/handler.ts',
      'harness-imports-no-tests: local/imports-a-test-fake.ts → test/support/fakes/clock.ts',
      'harness-imports-no-tests: local/uses-the-bench.ts → bench/figures.ts',
      'harness-imports-no-tests: bench/uses-a-test-fake.ts → test/support/fakes/clock.ts',
      'not-to-unresolvable: src/relogins/imports-a-missing-file.ts → ./no-such-file',
    ];
    for (const violation of expected) {
      expect(
        found.filter((line) => line.startsWith(violation)),
        violation,
      ).toHaveLength(1);
    }
    expect(found).toHaveLength(expected.length);
  });

  it('should let the harness import the public entry points (local/uses-public-entry-points.ts)', async () => {
    const found = await importViolations(FIXTURES);
    expect(found.filter((line) => line.includes('local/uses-public-entry-points.ts'))).toEqual([]);
  });

  it('should pass on the real tree', async () => {
    expect(await importViolations(REPO)).toEqual([]);
  });
});

describe('source rules (tools/layer-rules)', () => {
  const found = checkTree(FIXTURES, []).map(({ rule, file, line }) => `${rule}: ${file}:${line}`);

  it('should name every read of process.env outside config readers and entry points', () => {
    expect(found.filter((line) => line.startsWith('env-only-in-config-readers'))).toEqual([
      'env-only-in-config-readers: src/cli/reads-env.ts:1',
      'env-only-in-config-readers: src/relogins/domain/reads-env-indirectly.ts:1',
      'env-only-in-config-readers: src/relogins/domain/reads-env-indirectly.ts:3',
      'env-only-in-config-readers: src/relogins/domain/reads-env-indirectly.ts:5',
      'env-only-in-config-readers: src/relogins/domain/reads-env.ts:1',
      'env-only-in-config-readers: functions/auth-event/deps.ts:3',
    ]);
  });

  it('should name every read of the current time outside the clock adapter, and not a given instant', () => {
    const messages = checkTree(FIXTURES, [])
      .filter((violation) => violation.rule === 'time-only-from-the-clock')
      .map(({ file, line, message }) => `${file}:${line} ${message.slice(0, message.indexOf('` '))}`);
    expect(messages).toEqual([
      'src/relogins/domain/reads-the-time.ts:1 `Date.now',
      'src/relogins/domain/reads-the-time.ts:1 `new Date()',
      'src/relogins/domain/reads-the-time.ts:1 `new Date',
      'src/relogins/domain/reads-the-time.ts:1 `Date()',
      'src/relogins/domain/reads-the-time.ts:3 `Date.now',
    ]);
  });

  it('should name a runtime cycle between capabilities, and not a type-only import', () => {
    const cycles = checkTree(FIXTURES, []).filter(
      (violation) => violation.rule === 'no-runtime-cycle-between-capabilities',
    );
    expect(cycles).toHaveLength(1);
    expect(cycles[0]?.file).toBe('src/relogins/records-sign-ins.ts');
    expect(cycles[0]?.message).toContain(
      'relogins → sign-ins (src/relogins/records-sign-ins.ts:2), sign-ins → relogins (src/sign-ins/index.ts:1)',
    );
  });

  it('should see a cycle through a third capability and through re-exports and dynamic imports', () => {
    const cycles = checkSources(
      [
        { file: 'src/a/index.ts', text: "export { b } from '../b';" },
        { file: 'src/b/index.ts', text: "export const b = () => import('../c/index');" },
        { file: 'src/c/index.ts', text: "import '../a';" },
      ],
      [],
    );
    expect(cycles.map(({ rule, file }) => `${rule}: ${file}`)).toEqual([
      'no-runtime-cycle-between-capabilities: src/a/index.ts',
    ]);
  });

  it('should take `import { type X }` and `export type` as type-only', () => {
    expect(
      checkSources(
        [
          { file: 'src/a/index.ts', text: "import { type B } from '../b';\nexport type { C } from '../c';" },
          { file: 'src/b/index.ts', text: "export { a } from '../a';" },
          { file: 'src/c/index.ts', text: "export * from '../a';" },
        ],
        [],
      ),
    ).toEqual([]);
  });

  it('should excuse a listed exception and report it once the file obeys', () => {
    const exception = {
      rule: 'time-only-from-the-clock' as const,
      file: 'src/relogins/domain/reads-the-time.ts',
      removedBy: 'a Clock',
    };
    expect(checkTree(FIXTURES, [exception]).some((violation) => violation.file === exception.file)).toBe(
      false,
    );
    const stale = checkSources(
      [{ file: exception.file, text: 'export const epoch = new Date(0);' }],
      [exception],
    );
    expect(stale.map(({ rule, file }) => `${rule}: ${file}`)).toEqual([`stale-exception: ${exception.file}`]);
    expect(stale[0]?.message).toContain('remove its entry from EXCEPTIONS');
  });

  it('should pass on the real tree, whose exceptions are all still needed', () => {
    expect(checkTree(REPO)).toEqual([]);
  });
});
