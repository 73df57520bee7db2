/**
 * Layer rules over imports, checked by `npm run check:layers` (part of `npm run check`). The rules an
 * import graph cannot show (process.env, the current time, cycles between capabilities at run time)
 * are in tools/layer-rules/. A capability is a folder of src/ other than shared, adapters and cli.
 * Each rule is proven able to fail by test/unit/layer-rules/ over test/fixtures/layer-rules/.
 */
const CAPABILITY = '^src/(?!shared/|adapters/|cli/)[^/]+/';
const CONFIG = ['^src/[^/]+/config[.]ts$', '^src/shared/config/'];
/**
 * The product's public entry points: what the development harness (local/: the local stack and the
 * simulation) and the benchmarks may import. A function's composition root (create<Fn>Handler,
 * build<Fn>Deps; not its handler.ts, which starts up on import), a capability's index, the CLI's
 * dispatcher, command contract and report writer, the adapters, and the shared kernel (clock, settings,
 * telemetry). Anything else is the product's inside, free to change without the harness noticing.
 */
const PUBLIC_ENTRY_POINTS = [
  '^functions/[^/]+/deps[.]ts$',
  '^src/[^/]+/index[.]ts$',
  '^src/cli/(main|io|report-files)[.]ts$',
  '^src/adapters/',
  '^src/shared/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'Domain code (src/<capability>/domain/) is pure: no AWS SDK, no Slack client, no Powertools logging or ' +
        'metrics, no file system or network, no adapters, no config. Take what it needs as arguments; ' +
        'the use case fetches it through a port. Of the npm packages only pure ones: valibot (the one ' +
        'validation library, for schemas of the outside data a domain module defines), luxon, semver, ' +
        "@slack/types (Block Kit's types).",
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: {
        path: [
          '^(fs|fs/promises|http|https|http2|net)$', // node core modules, with or without `node:`
          '^src/adapters/',
          ...CONFIG,
          '(^|/)node_modules/',
        ],
        // @slack/types is Block Kit's types alone (no client, no network): the message builders use it.
        pathNot: '(^|/)node_modules/(valibot|luxon|semver|@slack/types)/',
      },
    },
    {
      name: 'capability-only-through-its-index',
      comment:
        'From outside a capability, import only its public entry src/<capability>/index.ts ' +
        '(`../relogins`, not `../relogins/domain/x`); add what you need to that index. Tests are exempt.',
      severity: 'error',
      // group 1 is the importing capability (or shared, adapters, cli), so its own files stay open to it
      from: { path: '^(?:src/([^/]+)/|functions/|bin/|local/|bench/)' },
      to: {
        path: CAPABILITY,
        pathNot: ['^src/[^/]+/index[.]ts$', '^src/$1/'],
      },
    },
    {
      name: 'shared-imports-no-capability',
      comment:
        'src/shared is what every capability may use, so it uses none of them, nor adapters, the CLI or the functions.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: ['^src/(?!shared/)', '^functions/'] },
    },
    {
      name: 'capabilities-import-no-adapters',
      comment:
        'A capability talks to outside systems through its ports; the real implementations under ' +
        'src/adapters are chosen by the composition roots (functions/*/deps.ts, src/cli).',
      severity: 'error',
      from: { path: CAPABILITY },
      to: { path: ['^src/adapters/', '^src/cli/', '^functions/'] },
    },
    {
      name: 'product-imports-no-harness',
      comment:
        'The product (src/, functions/) is what gets deployed and installed: it imports nothing from the ' +
        'development harness (local/), the tests or the benchmarks. A development command is composed ' +
        'into the bin from local/ (local/cli-commands.ts), not imported by src/cli.',
      severity: 'error',
      from: { path: '^(src|functions)/' },
      to: { path: '^(local|test|bench)/' },
    },
    {
      name: 'harness-only-through-public-entry-points',
      comment:
        'The local stack, the simulation and the benchmarks drive the product as a user or Lambda would: ' +
        'only through its public entry points (PUBLIC_ENTRY_POINTS in .dependency-cruiser.cjs). Export ' +
        'what you need from one of them instead of reaching inside.',
      severity: 'error',
      from: { path: '^(local|bench)/' },
      to: { path: '^(src|functions)/', pathNot: PUBLIC_ENTRY_POINTS },
    },
    {
      name: 'harness-imports-no-tests',
      comment:
        'The tests build on the harness (local/), never the other way round; the benchmarks use the ' +
        'harness, not the tests; the harness does not use the benchmarks. What both need lives in local/ ' +
        '(fixtures in local/fixtures, protocol stand-ins in local/stand-ins).',
      severity: 'error',
      // group 1 is the importing folder, so the benchmarks' own files stay open to them
      from: { path: '^(local|bench)/' },
      to: { path: '^(test|bench)/', pathNot: '^$1/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // The tests are not cruised (they may reach inside a capability), but an import of one is still seen.
    doNotFollow: { path: ['node_modules', '^test/'] },
    // Type-only imports count too: a type from a deep path reaches inside a capability all the same.
    // (Cycles are checked in tools/layer-rules, between capabilities and at run time only.)
    tsPreCompilationDeps: 'specify',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
