/**
 * The boundaries of docs/architecture.md#boundaries, checked by `npm run lint`.
 * @type {import('dependency-cruiser').IConfiguration}
 */
// npm packages resolve to node_modules/<name>/...; core modules to their bare name.
const PURE_FORBIDDEN = '^(node_modules/(@nestjs|typeorm|bullmq|ioredis|pg|express)/|(node:)?(http|https|net)$)';

module.exports = {
  forbidden: [
    {
      name: 'libs-not-apps',
      comment: 'libs/* never import apps/*',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'api-not-worker',
      comment: 'apps/api and apps/worker never import each other',
      severity: 'error',
      from: { path: '^apps/api/' },
      to: { path: '^apps/worker/' },
    },
    {
      name: 'worker-not-api',
      severity: 'error',
      from: { path: '^apps/worker/' },
      to: { path: '^apps/api/' },
    },
    {
      name: 'pure-nlp-trends',
      comment: 'libs/nlp and libs/timeseries are pure: no Nest, TypeORM, BullMQ, ioredis or HTTP',
      severity: 'error',
      from: { path: '^libs/(nlp|timeseries)/' },
      to: { path: PURE_FORBIDDEN },
    },
    {
      name: 'typeorm-only-in-persistence',
      comment: 'only libs/persistence (and migrations) touch TypeORM and SQL drivers',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/(persistence|testing)/' },
      to: { path: '^node_modules/(typeorm|pg)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'bullmq-only-in-queue-and-processors',
      comment: 'only libs/queue creates queues; apps may only implement processors',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/(queue|testing)/' },
      to: { path: '^node_modules/(bullmq|@nestjs/bullmq)/' },
    },
    {
      name: 'connectors-know-no-storage',
      comment: 'libs/connectors knows wire formats, nothing about queues or the database',
      severity: 'error',
      from: { path: '^libs/connectors/' },
      to: { path: '^node_modules/(typeorm|pg|bullmq|@nestjs/bullmq|ioredis)/|^libs/(persistence|queue)/' },
    },
    {
      name: 'no-deep-lib-imports',
      comment: 'another lib is reached through its index (@labpulse/<lib>), never a file inside its src',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/(?!index\\.ts$)', pathNot: '^libs/testing/' },
    },
    {
      name: 'migrations-import-only-pure-helpers',
      comment:
        "persistence's index lists the migrations, so a migration takes a pure helper file directly, never the index",
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^libs/', pathNot: ['^libs/persistence/src/secrets/', '^libs/config/src/index\\.ts$'] },
    },
    {
      name: 'no-deep-lib-imports-between-libs',
      comment: 'a lib reaches another lib only through its index',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/(?!index\\.ts$)', pathNot: '^libs/$1/' },
    },
    {
      name: 'no-testing-in-production',
      comment: 'libs/testing (fakes, throwaway databases) is for tests, benchmarks and scripts only',
      severity: 'error',
      from: {
        path: '^(apps|libs|migrations)/',
        pathNot: [
          '^libs/testing/',
          '\\.(spec|int-spec|e2e-spec|fault-spec)\\.ts$',
          '^apps/[^/]+/test/',
          '^libs/[^/]+/(test|scripts)/',
        ],
      },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'no-lib-cycles',
      comment:
        'libs depend on each other in one direction: a loop between two libs is an error even when no file loop exists',
      severity: 'error',
      scope: 'folder',
      from: { path: '^libs/[^/]+/src$' },
      to: { path: '^libs/[^/]+/src$', circular: true },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Specs may reach across libs (a connector spec drives libs/testing's fakes); the rules are about
    // what the code ships.
    exclude: { path: ['(^|/)dist/', '\\.(spec|int-spec|e2e-spec|fault-spec)\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
