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
      comment: 'libs/nlp and libs/trends are pure: no Nest, TypeORM, BullMQ, ioredis or HTTP',
      severity: 'error',
      from: { path: '^libs/(nlp|trends)/' },
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
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
