/**
 * bench:api: seeds a throwaway database with N scored posts over a year (12 labs, 3 platforms),
 * builds the rollups with the product's RollupRepository, starts the API as separate processes and
 * loads it with autocannon (64 connections by default) with trend, compare and posts queries.
 * Prints requests/s and p50/p99 per endpoint, beside what Postgres alone takes for the same trend query.
 * The uncached path first (docs/performance.md): distinct trend queries, so every request misses the
 * server cache, at one client and at --uncached-connections (16), beside Postgres alone running the
 * statements the API sent for the same queries at the same concurrency.
 *
 *   npm run bench:api                          10 million posts (the issue's size)
 *   npm run bench:api -- --posts 2000000       a smaller dataset
 *   npm run bench:api -- --keep                keep the database; rerun the load with --reuse <name>
 *   npm run bench:api -- --reuse <db> --only uncached    only the uncached scenarios (or --only cached)
 *   options: --seconds 10 --connections 64 --uncached-connections 16 --replicas 1 --rate 2000 (the open-loop run's requests/s) --json
 *   --pin                                      the API on one core, autocannon on the other(s), so the
 *                                              load generator does not compete with the server it measures
 *
 * The database is created next to DATABASE_URL's (never that one) and dropped at the end.
 */
import 'reflect-metadata';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { type AppConfig, loadConfigOrExit } from '@labpulse/config';
import { ApiKeyRepository, createDataSource } from '@labpulse/persistence';
import { createThrowawayDatabase, freePort } from '@labpulse/testing';
import { type LoadResult, type LoadTarget, percentile, runLoad } from './api-load';
import { runAtRate } from './open-loop-load';
import { BENCH_LABS, seedBenchDatabase, type SeedTimings } from './api-seed';
import { cpuSeconds, stopAll } from './pipeline-support';
import { type ClosedLoopStats, closedLoop, httpRunner, postgresRunner, recordStatements } from './uncached-load';
import { headlineShapedQueries, mixedQueries } from './uncached-queries';

const HEADLINE_LABS = BENCH_LABS.slice(0, 5);
const HEADLINE_FROM = '2026-09-01T00:00:00Z';
const HEADLINE_TO = '2026-10-01T00:00:00Z';
const HEADLINE = `/v1/trends?labs=${HEADLINE_LABS.join(',')}&interval=hour&from=${HEADLINE_FROM}&to=${HEADLINE_TO}`;
/** The same query as a dashboard chart asks it: only the measures it draws. */
const DASHBOARD_FIELDS = 'fields=volume,netSentiment,shareOfVoice,coverage';
const HEADLINE_LEAN = `${HEADLINE}&${DASHBOARD_FIELDS}`;

/** What dashboards and analysts ask, weighted by repetition: 60% trends, 20% compare, 20% posts. */
function mixTargets(): LoadTarget[] {
  const labSets = [
    HEADLINE_LABS,
    BENCH_LABS.slice(5, 10),
    ['openai', 'anthropic'],
    ['deepseek', 'qwen', 'mistral-ai'],
    BENCH_LABS.slice(0, 12),
  ];
  const trends: string[] = [];
  for (const [i, labs] of labSets.entries()) {
    const month = String(4 + i).padStart(2, '0');
    trends.push(
      `/v1/trends?labs=${labs.join(',')}&interval=hour&from=2026-${month}-01T00:00:00Z&to=2026-${String(5 + i).padStart(2, '0')}-01T00:00:00Z`,
    );
  }
  trends.push(
    HEADLINE,
    HEADLINE_LEAN,
    `/v1/trends?labs=${HEADLINE_LABS.join(',')}&interval=day&from=${'2025-11-01'}&to=2026-11-01`,
    `/v1/trends?labs=openai,anthropic,deepseek&interval=week&tz=Europe/Paris&from=2026-03-01&to=2026-09-01`,
    `/v1/trends?labs=openai,anthropic,deepseek&interval=hour&groupBy=platform&from=2026-08-01&to=2026-08-08`,
    `/v1/trends?labs=openai,xai&interval=day&tz=America/New_York&from=2026-06-01&to=2026-09-01&platforms=x`,
  );
  const compare = [
    `/v1/compare?labs=${HEADLINE_LABS.join(',')}&from=2026-09-01&to=2026-10-01`,
    `/v1/compare?labs=${BENCH_LABS.join(',')}&from=2026-08-03T06:00:00Z&to=2026-08-10T18:00:00Z`,
    `/v1/compare?labs=openai,anthropic&from=2026-01-01&to=2026-07-01&platforms=x,linkedin`,
  ];
  const posts = [
    '/v1/labs/openai/posts',
    '/v1/labs/anthropic/posts?sort=engagement&from=2026-09-01&to=2026-10-01',
    '/v1/labs/deepseek/posts?sort=most_negative&platform=x&from=2026-09-01&to=2026-09-08',
  ];
  // 10 trends : 3 compare : 3 posts, interleaved.
  const out: LoadTarget[] = [];
  for (let i = 0; i < 10; i += 1) {
    out.push({ label: 'trends', path: trends[i % trends.length] });
    if (i % 3 === 0 && i < 9) {
      out.push({ label: 'compare', path: compare[(i / 3) % compare.length] });
      out.push({ label: 'posts', path: posts[(i / 3) % posts.length] });
    }
  }
  return out;
}

interface Replicas {
  urls: string[];
  pids: number[];
  stop(): Promise<void>;
}

/** `--pin`: the API on the last CPU, this process (autocannon and its threads) on the others. */
interface Pinning {
  apiCpu: number;
  loadCpus: string;
}

function pinLoadGenerator(): Pinning | null {
  const count = cpus().length;
  if (count < 2) return null;
  const pinning = { apiCpu: count - 1, loadCpus: count === 2 ? '0' : `0-${count - 2}` };
  // -a: every thread of this process, so autocannon's worker threads stay off the API's core.
  execFileSync('taskset', ['-a', '-p', '-c', pinning.loadCpus, String(process.pid)], { stdio: 'ignore' });
  return pinning;
}

async function startApi(count: number, env: Record<string, string>, pinning: Pinning | null): Promise<Replicas> {
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const port = await freePort();
    // The same flags as `npm run start:api` and the compose file.
    const node = [
      process.execPath,
      '--max-semi-space-size=32',
      '--require',
      '@swc-node/register',
      'apps/api/src/main.ts',
    ];
    const [command, ...args] = pinning ? ['taskset', '-c', String(pinning.apiCpu), ...node] : node;
    const child = spawn(command, args, {
      env: { ...process.env, ...env, API_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
    urls.push(`http://127.0.0.1:${port}`);
  }
  const deadline = Date.now() + 60_000;
  for (const url of urls) {
    for (;;) {
      const ok = await fetch(`${url}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`API at ${url} not ready within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return {
    urls,
    pids: children.map((child) => child.pid ?? 0),
    stop: () => stopAll(children),
  };
}

/**
 * The headline query's statements as the API sends them (recorded from TrendsService), replayed
 * alone on one connection, and each one's EXPLAIN (ANALYZE, BUFFERS).
 */
async function postgresAlone(url: string, config: AppConfig, runs: number) {
  const [statements] = await recordStatements(url, config, [HEADLINE]);
  const replay = postgresRunner(url, 1);
  const ms: number[] = [];
  try {
    for (let i = 0; i < runs + 20; i += 1) {
      const started = performance.now();
      await replay.run(statements);
      if (i >= 20) ms.push(performance.now() - started);
    }
  } finally {
    await replay.close();
  }
  ms.sort((a, b) => a - b);
  const db = createDataSource({ url, poolSize: 1 });
  await db.initialize();
  try {
    const plans: Array<{ statement: string; executionMs: number; rows: number; buffers: number }> = [];
    for (const s of statements) {
      const [row] = (await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`, s.values)) as Array<{
        'QUERY PLAN': Array<{
          'Execution Time': number;
          Plan: { 'Actual Rows': number; 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
        }>;
      }>;
      const plan = row['QUERY PLAN'][0];
      plans.push({
        statement: s.text.replace(/\s+/g, ' ').slice(0, 90),
        executionMs: plan['Execution Time'],
        rows: plan.Plan['Actual Rows'],
        buffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'],
      });
    }
    return { p50: percentile(ms, 50), p99: percentile(ms, 99), statements: statements.length, plans };
  } finally {
    await db.destroy();
  }
}

interface UncachedResult {
  api: ClosedLoopStats & { apiCpuUsPerRequest: number };
  /** The same queries' statements on Postgres alone; null when the run left them out. */
  postgres: ClosedLoopStats | null;
}

/**
 * Distinct queries, as analysts exploring send them: each family at one client and at
 * `connections`, through the API (server cache on, so every request is a miss) and through
 * Postgres alone (the statements the API sent for the same queries, recorded in this process, same
 * concurrency). Each run takes queries no earlier run asked.
 */
async function uncachedScenarios(
  dbUrl: string,
  config: AppConfig,
  replicaSet: Replicas,
  headers: Record<string, string>,
  connections: number,
  seconds: number,
  withPostgresAlone = true,
) {
  // Enough for ~1,500 answers/s per run; the report says when a run ran out (exhausted).
  const perRun = Math.max(2_000, seconds * 1_500);
  const families: Array<[string, string[]]> = [
    ['trend 30d hourly 5 labs, distinct (random lab sets and windows)', headlineShapedQueries(perRun * 3)],
    [
      `the same, ${DASHBOARD_FIELDS}`,
      headlineShapedQueries(perRun * 3, 1818_18).map((path) => `${path}&${DASHBOARD_FIELDS}`),
    ],
    ['mixed distinct trends (labs, interval, period, platforms, groupBy, tz)', mixedQueries(perRun * 3)],
  ];
  const results: Record<string, UncachedResult> = {};
  for (const [family, paths] of families) {
    // Statements of a sample of the family, replayed in turn (Postgres keeps no result cache).
    const sample = withPostgresAlone
      ? await recordStatements(dbUrl, config, paths.slice(perRun * 2, perRun * 2 + 300))
      : [];
    const cycled = Array.from({ length: sample.length > 0 ? 200_000 : 0 }, (_, i) => sample[i % sample.length]);
    // Warm-up, not reported: JIT and connection pools, on queries the measured runs do not ask.
    const warm = httpRunner(replicaSet.urls[0], headers, connections);
    await closedLoop(paths.slice(perRun * 2 + 300), connections, 2, warm.run);
    await warm.close();
    for (const [i, concurrency] of [1, connections].entries()) {
      let postgres: ClosedLoopStats | null = null;
      if (withPostgresAlone) {
        const pg = postgresRunner(dbUrl, concurrency);
        postgres = await closedLoop(cycled, concurrency, seconds, pg.run);
        await pg.close();
      }
      const http = httpRunner(replicaSet.urls[0], headers, concurrency);
      const cpuBefore = apiCpuSeconds(replicaSet.pids);
      const api = await closedLoop(paths.slice(i * perRun, (i + 1) * perRun), concurrency, seconds, http.run);
      const apiCpuUsPerRequest = ((apiCpuSeconds(replicaSet.pids) - cpuBefore) * 1e6) / Math.max(1, api.requests);
      await http.close();
      results[`${family}, ${concurrency === 1 ? 'one client' : `${concurrency} connections`}`] = {
        api: { ...api, apiCpuUsPerRequest },
        postgres,
      };
    }
  }
  return results;
}

function printUncached(results: Record<string, UncachedResult>): void {
  const line = (s: ClosedLoopStats) =>
    `${fmt(s.rps, 0).padStart(6)} req/s  p50 ${fmt(s.p50).padStart(6)} ms  p99 ${fmt(s.p99).padStart(6)} ms${s.failures ? `  ${s.failures} failed` : ''}${s.exhausted ? '  (ran out of distinct queries)' : ''}`;
  for (const [name, r] of Object.entries(results)) {
    console.log(`  ${name}`);
    console.log(`    API (cache misses)  ${line(r.api)}  API CPU ${fmt(r.api.apiCpuUsPerRequest, 0)} us/request`);
    if (r.postgres) console.log(`    Postgres alone      ${line(r.postgres)}`);
  }
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function printLoad(title: string, result: LoadResult): void {
  console.log(`\n${title}`);
  console.log(
    `  ${'endpoint'.padEnd(10)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'non-2xx'.padStart(8)}`,
  );
  const rows: Array<[string, LoadResult['total']]> = [
    ...Object.entries(result.byLabel).map(([k, v]) => [k, { ...result.total, ...v }] as [string, LoadResult['total']]),
    ['all', result.total],
  ];
  for (const [label, s] of rows) {
    console.log(
      `  ${label.padEnd(10)} ${fmt(s.rps, 0).padStart(8)} ${fmt(s.p50).padStart(8)} ${fmt(s.p99).padStart(8)} ${String(s.requests).padStart(9)} ${String(s.non2xx).padStart(8)}`,
    );
  }
  console.log(
    `  connection errors ${result.total.errors}, timeouts ${result.total.timeouts}, ${fmt(result.total.mbPerSecond)} MB/s received`,
  );
  if (result.apiCpuUsPerRequest !== undefined) {
    // CPU the API spent per answered request: steadier than req/s on a shared machine, and
    // 1e6 / it is what one fully used core could serve.
    console.log(
      `  API CPU ${fmt(result.apiCpuUsPerRequest, 0)} us per request (one core's worth: ${fmt(1e6 / result.apiCpuUsPerRequest, 0)} req/s)`,
    );
  }
}

/** CPU seconds the API processes have used so far (NaN once one cannot be read). */
function apiCpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => sum + (cpuSeconds(pid) ?? Number.NaN), 0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      posts: { type: 'string', default: '10000000' },
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '64' },
      replicas: { type: 'string', default: '1' },
      rate: { type: 'string', default: '2000' },
      keep: { type: 'boolean', default: false },
      reuse: { type: 'string' },
      json: { type: 'boolean', default: false },
      pin: { type: 'boolean', default: false },
      'uncached-connections': { type: 'string', default: '16' },
      only: { type: 'string' },
    },
  });
  const posts = Number(values.posts);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const replicas = Number(values.replicas);
  const rate = Number(values.rate);
  const uncachedConnections = Number(values['uncached-connections']);
  if (
    ![posts, seconds, connections, replicas, rate, uncachedConnections].every((n) => Number.isInteger(n) && n > 0) ||
    ![undefined, 'cached', 'uncached'].includes(values.only)
  ) {
    console.error(
      'usage: npm run bench:api -- [--posts 10000000] [--seconds 10] [--connections 64] [--uncached-connections 16] [--replicas 1] [--rate 2000] [--only cached|uncached] [--pin] [--keep] [--reuse <db>] [--json]',
    );
    process.exit(2);
  }
  const config = loadConfigOrExit();
  const log = (line: string) => console.log(line);
  let dbUrl: string;
  let drop: (() => Promise<void>) | null = null;
  let seeded: SeedTimings | null = null;
  if (values.reuse) {
    if (!/^labpulse_bench_api_[a-z0-9]+$/.test(values.reuse))
      throw new Error('--reuse takes a database this benchmark created (labpulse_bench_api_...)');
    const url = new URL(config.database.url);
    url.pathname = `/${values.reuse}`;
    dbUrl = url.toString();
    log(`reusing ${values.reuse}`);
  } else {
    const name = `labpulse_bench_api_${Date.now().toString(36)}`;
    log(`creating throwaway database ${name} and seeding ${posts.toLocaleString('en')} posts`);
    const throwaway = await createThrowawayDatabase(config.database.url, name);
    dbUrl = throwaway.url;
    drop = values.keep ? null : () => throwaway.drop();
    const db = createDataSource({ url: dbUrl, poolSize: 2 });
    await db.initialize();
    try {
      seeded = await seedBenchDatabase(db, posts, log);
    } finally {
      await db.destroy();
    }
    if (values.keep) log(`kept: rerun the load with npm run bench:api -- --reuse ${name}`);
  }

  const prefix = `benchapi${Date.now().toString(36)}`;
  let replicaSet: Replicas | null = null;
  try {
    const db = createDataSource({ url: dbUrl, poolSize: 1 });
    await db.initialize();
    const { key } = await new ApiKeyRepository(db).issue({
      scopes: ['read'],
      name: 'bench',
      rateLimitPerMinute: 1_000_000_000,
    });
    const [facts] = (await db.query(
      `SELECT (SELECT count(*) FROM posts)::bigint AS posts, (SELECT count(*) FROM post_lab_mentions)::bigint AS mentions,
              (SELECT count(*) FROM trend_buckets)::bigint AS rollups, (SELECT count(*) FROM source_health_buckets)::bigint AS health,
              pg_size_pretty(pg_database_size(current_database())) AS size, current_setting('shared_buffers') AS shared_buffers,
              current_setting('server_version') AS version`,
    )) as Array<Record<string, string>>;
    await db.destroy();

    log(
      '\nPostgres alone, the headline query (30-day hourly trend, 5 labs): the statements the API sends, one connection, sequential:',
    );
    const pg = await postgresAlone(dbUrl, config, 200);
    log(`  ${pg.statements} statements per answer: p50 ${fmt(pg.p50, 2)} ms, p99 ${fmt(pg.p99, 2)} ms`);
    for (const plan of pg.plans)
      log(
        `  EXPLAIN ANALYZE ${fmt(plan.executionMs, 2)} ms, ${plan.rows} rows, ${plan.buffers} buffers: ${plan.statement}...`,
      );

    // Pinned after seeding and the Postgres-alone figures, which should use every core.
    const pinning = values.pin ? pinLoadGenerator() : null;
    if (pinning)
      log(
        `\npinned: API process(es) on CPU ${pinning.apiCpu}, autocannon on CPU ${pinning.loadCpus}; Postgres and Redis unpinned`,
      );
    const headers = { authorization: `Bearer ${key}`, 'accept-encoding': 'gzip' };
    const results: Record<string, LoadResult> = {};
    let uncached: Record<string, UncachedResult> = {};
    if (values.only !== 'cached') {
      // The product's configuration (cache on): distinct queries make every request a miss.
      replicaSet = await startApi(
        1,
        { DATABASE_URL: dbUrl, REDIS_URL: config.redis.url, QUEUE_PREFIX: prefix, API_CACHE_SECONDS: '60' },
        pinning,
      );
      log(
        `\nUncached: distinct trend queries, server cache on (every request a miss), closed loop, ${seconds} s per run, 1 API process`,
      );
      uncached = await uncachedScenarios(dbUrl, config, replicaSet, headers, uncachedConnections, seconds);
      printUncached(uncached);
      await replicaSet.stop();
      replicaSet = null;
      // The same with no block cache: every answer reads its blocks from Postgres (the first asker's path).
      replicaSet = await startApi(
        1,
        {
          DATABASE_URL: dbUrl,
          REDIS_URL: config.redis.url,
          QUEUE_PREFIX: prefix,
          API_CACHE_SECONDS: '60',
          API_BLOCK_CACHE_MAX_BYTES: '0',
        },
        pinning,
      );
      log(`\nThe same with API_BLOCK_CACHE_MAX_BYTES=0: every answer reads all its rollup blocks from Postgres`);
      const cold = await uncachedScenarios(dbUrl, config, replicaSet, headers, uncachedConnections, seconds, false);
      printUncached(cold);
      for (const [name, result] of Object.entries(cold)) uncached[`${name}, no block cache`] = result;
      await replicaSet.stop();
      replicaSet = null;
    }
    if (values.only !== 'uncached') {
      for (const cacheSeconds of ['60', '0']) {
        replicaSet = await startApi(
          replicas,
          { DATABASE_URL: dbUrl, REDIS_URL: config.redis.url, QUEUE_PREFIX: prefix, API_CACHE_SECONDS: cacheSeconds },
          pinning,
        );
        const cache = cacheSeconds === '0' ? 'server cache off' : 'server cache on';
        const scenarios: Array<[string, LoadTarget[], number]> = [
          ['trend 30d hourly 5 labs', [{ label: 'trends', path: HEADLINE }], connections],
          [
            'same, fields=volume,netSentiment,shareOfVoice,coverage',
            [{ label: 'trends', path: HEADLINE_LEAN }],
            connections,
          ],
          ['mix', mixTargets(), connections],
          // What one analyst feels: the same query with nothing else in flight.
          ['trend 30d hourly 5 labs, one client', [{ label: 'trends', path: HEADLINE }], 1],
        ];
        // For scale, in the same run: a route through the whole Express + Nest pipeline (which replayed
        // cached answers skip) that touches no database.
        if (cacheSeconds !== '0')
          scenarios.unshift([
            'Express + Nest, no database: GET /health',
            [{ label: 'health', path: '/health' }],
            connections,
          ]);
        for (const [name, targets, connections] of scenarios) {
          // Warm-up, not reported: JIT, connection pools, and (cache on) first renders.
          await runLoad({ urls: replicaSet.urls, headers, targets, connections, seconds: 2 });
          const cpuBefore = apiCpuSeconds(replicaSet.pids);
          const result = await runLoad({ urls: replicaSet.urls, headers, targets, connections, seconds });
          result.apiCpuUsPerRequest =
            ((apiCpuSeconds(replicaSet.pids) - cpuBefore) * 1e6) / Math.max(1, result.total.requests);
          results[`${name}, ${cache}`] = result;
          printLoad(
            `${name}, ${cache}: ${connections} connections (closed loop), ${seconds} s, ${replicas} API process(es)`,
            result,
          );
        }
        if (cacheSeconds !== '0') {
          // The latency target at the target throughput: requests on schedule, not as fast as answered.
          const cpuBefore = apiCpuSeconds(replicaSet.pids);
          const result = await runAtRate({
            url: replicaSet.urls[0],
            headers,
            target: { label: 'trends', path: HEADLINE },
            rate,
            seconds,
            connections,
          });
          result.apiCpuUsPerRequest =
            ((apiCpuSeconds(replicaSet.pids) - cpuBefore) * 1e6) / Math.max(1, result.total.requests);
          results[`trend 30d hourly 5 labs at ${rate} req/s, ${cache}`] = result;
          printLoad(
            `trend 30d hourly 5 labs at ${rate} req/s, ${cache}: open loop, at most ${connections} connections, ${seconds} s, latency from each request's due time`,
            result,
          );
        }
        await replicaSet.stop();
        replicaSet = null;
      }

      console.log('\nSummary (autocannon, all requests of the run)');
      for (const [name, r] of Object.entries(results)) {
        console.log(
          `  ${name.padEnd(72)} ${fmt(r.total.rps, 0).padStart(6)} req/s  p50 ${fmt(r.total.p50).padStart(6)} ms  p99 ${fmt(r.total.p99).padStart(6)} ms`,
        );
      }
    }
    console.log('\nDataset and machine');
    console.log(
      `  ${Number(facts.posts).toLocaleString('en')} posts, ${Number(facts.mentions).toLocaleString('en')} lab mentions, ${Number(facts.rollups).toLocaleString('en')} rollup rows, ${Number(facts.health).toLocaleString('en')} health rows; database ${facts.size}`,
    );
    console.log(
      `  PostgreSQL ${facts.version}, shared_buffers ${facts.shared_buffers}; ${cpus().length} CPUs shared by Postgres, Redis, the API and autocannon`,
    );
    if (seeded) {
      console.log(
        `  seeding: posts+scores+mentions ${fmt(seeded.postsSeconds)} s, indexes ${fmt(seeded.indexSeconds)} s, health ${fmt(seeded.healthSeconds)} s, rollups (RollupRepository) ${fmt(seeded.rollupSeconds)} s`,
      );
    }
    console.log(
      '  requests carry Authorization and Accept-Encoding: gzip (as browsers and fetch send); every request passes the key check and the rate limiter (leases of its Redis-counted budget)',
    );
    if (values.only !== 'uncached') {
      const on = results['trend 30d hourly 5 labs, server cache on'].total;
      const paced = results[`trend 30d hourly 5 labs at ${rate} req/s, server cache on`].total;
      const lean = results['same, fields=volume,netSentiment,shareOfVoice,coverage, server cache on'].total;
      const off = results['trend 30d hourly 5 labs, server cache off'].total;
      const nest = results['Express + Nest, no database: GET /health, server cache on'].total;
      const met =
        on.rps >= 2000 &&
        rate >= 2000 &&
        paced.rps >= rate * 0.98 &&
        paced.p99 < 25 &&
        paced.non2xx === 0 &&
        paced.errors === 0;
      console.log(
        `\nTarget (30-day hourly trend, 5 labs): p99 < 25 ms and >= 2,000 req/s. ${met ? 'MET' : 'NOT MET'}: ` +
          `at most ${fmt(on.rps, 0)} req/s (closed loop, ${connections} connections, p99 ${fmt(on.p99)} ms); ` +
          `at ${rate} req/s on schedule: ${fmt(paced.rps, 0)} req/s answered, p50 ${fmt(paced.p50)} ms, p99 ${fmt(paced.p99)} ms. ` +
          `Dashboard fields ${fmt(lean.rps, 0)} req/s (closed loop, p99 ${fmt(lean.p99)} ms); ${fmt(off.rps, 0)} req/s, p99 ${fmt(off.p99)} ms with the server cache off. ` +
          `Through Express + Nest without a database (GET /health): ${fmt(nest.rps, 0)} req/s, p99 ${fmt(nest.p99)} ms.`,
      );
      // Little's law for a closed loop: mean latency = connections / throughput, and p99 >= mean.
      console.log(
        `With ${connections} connections always busy, p99 < 25 ms would need at least ${fmt(connections / 0.025, 0)} req/s, and then p99 = mean.`,
      );
    }
    const headlineName = 'trend 30d hourly 5 labs, distinct (random lab sets and windows)';
    const headline = uncached[`${headlineName}, one client`];
    const headlineLoaded = uncached[`${headlineName}, ${uncachedConnections} connections`];
    const cold = uncached[`${headlineName}, one client, no block cache`];
    const coldLoaded = uncached[`${headlineName}, ${uncachedConnections} connections, no block cache`];
    if (headline && headlineLoaded) {
      const met = headline.api.p50 <= 15 && headlineLoaded.api.rps >= 200;
      console.log(
        `\nTarget (uncached 30-day hourly trend, 5 labs): p50 <= 15 ms for one client and >= 200 req/s at ${uncachedConnections} connections. ${met ? 'MET' : 'NOT MET'}: ` +
          `p50 ${fmt(headline.api.p50)} ms (Postgres alone ${fmt(headline.postgres?.p50 ?? NaN)} ms); ${fmt(headlineLoaded.api.rps, 0)} req/s, p50 ${fmt(headlineLoaded.api.p50)} ms (Postgres alone ${fmt(headlineLoaded.postgres?.rps ?? NaN, 0)} req/s).` +
          (cold && coldLoaded
            ? ` With no block cache: p50 ${fmt(cold.api.p50)} ms; ${fmt(coldLoaded.api.rps, 0)} req/s.`
            : ''),
      );
    }
    if (values.json)
      console.log(JSON.stringify({ posts: Number(facts.posts), seeded, postgres: pg, uncached, results }, null, 2));
  } finally {
    if (replicaSet) await replicaSet.stop();
    const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect().then(
      async () => {
        const keys = await redis.keys(`{${prefix}}:*`);
        if (keys.length > 0) await redis.del(...keys);
      },
      () => undefined,
    );
    redis.disconnect();
    if (drop) await drop();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
