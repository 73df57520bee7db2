/**
 * Layer rules over imports, checked by `npm run check:layers` (part of `npm run check`). The rules an
 * import graph cannot show (process.env, the current time, cycles between capabilities at run time)
 * are in tools/layer-rules/. A capability is a folder of src/ other than shared, adapters and cli.
 * Each rule is proven able to fail by test/unit/layer-rules/ over test/fixtures/layer-rules/.
 */
const CAPABILITY = '^src/(?!shared/|adapters/|cli/)[^/]+/';
const CONFIG = ['^src/[^/]+/config[.]ts$', '^src/shared/config/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'Domain code (src/<capability>/domain/) is pure: no AWS SDK, no Slack client, no Powertools logging or ' +
        'metrics, no file system or network, no adapters, no config. Take what it needs as arguments; ' +
        'the use case fetches it through a port.',
      severity: 'error',
      from: { path: '^src/[^/]+/domain/' },
      to: {
        path: [
          '(^|/)node_modules/@aws-sdk/',
          // @slack/types is Block Kit's types alone (no client, no network): the message builders use it.
          '(^|/)node_modules/@slack/(?!types/)',
          '(^|/)node_modules/@aws-lambda-powertools/',
          '^(fs|fs/promises|http|https|http2|net)$', // node core modules, with or without `node:`
          '^src/adapters/',
          ...CONFIG,
        ],
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
      name: 'not-to-unresolvable',
      comment: 'An import the checker cannot resolve would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^test/' },
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
