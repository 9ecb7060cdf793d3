/**
 * The uncached path, measured twice over the same distinct queries at the same concurrency:
 * through the API (HTTP, every answer rendered afresh) and through Postgres alone (the exact
 * statements the API sends for each query, replayed on a pg pool with no row parsing), so the gap
 * between the two is what the API itself costs.
 *
 * Closed loop: `concurrency` loops each take the next query nobody has asked yet and send it when
 * their previous one is answered. autocannon is not used here: each of its connections walks the
 * same request list from the start, so 16 connections would ask the same query at once.
 */
import 'reflect-metadata';
import { Client, Pool as PgPool, type QueryConfig } from 'pg';
import { Pool } from 'undici';
import { type AppConfig } from '@labpulse/config';
import { createDataSource, LabRepository, TrendCoverageRepository, TrendRepository } from '@labpulse/persistence';
import { TimeZones } from '../apps/api/src/trends/time-zones.service';
import { TrendBlocks } from '../apps/api/src/trends/trend-blocks.service';
import { TrendsService } from '../apps/api/src/trends/trends.service';
import type { TrendsQueryDto } from '../apps/api/src/trends/trends-query.dto';
import { stats } from './api-load';

export interface ClosedLoopStats {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** The distinct queries ran out before the time did (then rps is over the time it ran). */
  exhausted: boolean;
}

/** `concurrency` loops over `items` (each used once) for `seconds`; `run` resolves false on a failure. */
export async function closedLoop<T>(
  items: readonly T[],
  concurrency: number,
  seconds: number,
  run: (item: T) => Promise<boolean>,
): Promise<ClosedLoopStats> {
  const ms: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline && next < items.length) {
      const item = items[next++];
      const sent = performance.now();
      const ok = await run(item).catch(() => false);
      ms.push(performance.now() - sent);
      if (!ok) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const { requests, rps, p50, p99 } = stats(ms, 0, (performance.now() - started) / 1000);
  return { requests, rps, p50, p99, failures, exhausted: next >= items.length };
}

/** GETs through keep-alive connections, reading each body to its end (as a client must). */
export function httpRunner(url: string, headers: Record<string, string>, connections: number) {
  const pool = new Pool(url, { connections, pipelining: 1 });
  return {
    run: async (path: string) => {
      const response = await pool.request({ method: 'GET', path, headers });
      await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
      return response.statusCode === 200;
    },
    close: () => pool.close(),
  };
}

/** One statement the API sent; statements of the same phase were in flight together. */
export interface RecordedStatement {
  phase: number;
  text: string;
  values: unknown[];
}

/**
 * The statements the API sends for each path, captured by running TrendsService in this process
 * (the controller's code path minus HTTP) with pg's Client.query wrapped. A statement's phase is the
 * number of statements that had completed when it was sent, so Promise.all pairs share one.
 * Process-wide caches the API also keeps (zone names and offsets) are warmed first and not recorded.
 */
export async function recordStatements(
  dbUrl: string,
  config: AppConfig,
  paths: readonly string[],
): Promise<RecordedStatement[][]> {
  const db = createDataSource({ url: dbUrl, poolSize: 4 });
  await db.initialize();
  const rollups = new TrendRepository(db);
  const coverage = new TrendCoverageRepository(db);
  // No block cache: every query's statements read its blocks, as the API's first asker does.
  const blocks = new TrendBlocks({ ...config, api: { ...config.api, blockCacheMaxBytes: 0 } }, rollups, coverage);
  const service = new TrendsService(config, rollups, coverage, new LabRepository(db), new TimeZones(rollups), blocks);
  const queries = paths.map(
    (path) => Object.fromEntries(new URL(path, 'http://x').searchParams) as unknown as TrendsQueryDto,
  );
  for (const query of queries) await service.query(query); // warms the zone caches
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below and called with .apply(this)
  const original = Client.prototype.query;
  let current: RecordedStatement[] = [];
  let completed = 0;
  // pg's query() is overloaded; TypeORM calls query(text, values) and awaits the promise.
  Client.prototype.query = function recording(this: Client, text: unknown, values?: unknown) {
    if (typeof text === 'string') current.push({ phase: completed, text, values: (values as unknown[]) ?? [] });
    const result = (original as (...args: unknown[]) => unknown).call(this, text, values);
    if (result instanceof Promise) void result.finally(() => (completed += 1)).catch(() => undefined);
    return result;
  } as typeof Client.prototype.query;
  const out: RecordedStatement[][] = [];
  try {
    for (const query of queries) {
      current = [];
      completed = 0;
      await service.query(query);
      out.push(current);
    }
  } finally {
    Client.prototype.query = original;
    blocks.onModuleDestroy();
    await db.destroy();
  }
  return out;
}

// Postgres' text values handed back as they came: the pg-alone figures leave row parsing out.
const RAW_TYPES = { getTypeParser: () => (value: string) => value };

/** Replays one path's statements: phases in order, a phase's statements in parallel (as the API ran them). */
export function postgresRunner(dbUrl: string, connections: number) {
  const pool = new PgPool({ connectionString: dbUrl, max: connections * 2, options: '-c jit=off' });
  return {
    run: async (statements: RecordedStatement[]) => {
      for (let phase = 0, i = 0; i < statements.length; phase += 1) {
        const batch: RecordedStatement[] = [];
        while (i < statements.length && statements[i].phase <= phase) batch.push(statements[i++]);
        await Promise.all(
          batch.map((s) =>
            pool.query({ text: s.text, values: s.values, rowMode: 'array', types: RAW_TYPES } as QueryConfig),
          ),
        );
      }
      return true;
    },
    close: () => pool.end(),
  };
}
