/**
 * `npm test`: creates a throwaway database, migrates it once, runs every test file against it with
 * node's test runner, then drops the database and the run's Redis keys, whatever the outcome.
 *
 *   npm test                        all tests
 *   npm test -- libs/nlp            only files under a path
 *   npm run test:faults             only the fault tests (test/faults/*.fault-spec.ts)
 *   npm run test:unit               only the pure specs (*.spec.ts): no database, no Redis, seconds
 *
 * Tiers by file name: `*.spec.ts` pure (no I/O beyond local files and loopback fakes),
 * `*.int-spec.ts` against real Postgres/Redis, `*.e2e-spec.ts` through HTTP or real processes,
 * `*.fault-spec.ts` killing and restarting them.
 *   npm run test:cluster            only the Redis Cluster tests (test/cluster/*.cluster-spec.ts)
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { loadConfigOrExit } from '@labpulse/config';
import { createThrowawayDatabase, deleteRedisKeys } from '@labpulse/testing';

const ROOTS = ['apps', 'libs', 'test', 'bench'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
// `--faults` (npm run test:faults) runs only the fault tests, which `npm test` leaves out: they kill
// and restart real processes and servers, and take minutes.
// `--cluster` (npm run test:cluster) runs the tests that start their own Redis Cluster.
const FAULTS = process.argv.includes('--faults');
const FAULT_FILE = /\.fault-spec\.ts$/;
const CLUSTER = process.argv.includes('--cluster');
// `--unit` (npm run test:unit) runs only the pure specs, with no database or Redis to reach: a spec
// that needs one fails there, which is how a misnamed integration test is found.
const UNIT = process.argv.includes('--unit');
const UNIT_FILE = /(?<!-)\.spec\.ts$/;
const SELECTED_FILE = FAULTS ? FAULT_FILE : CLUSTER ? /\.cluster-spec\.ts$/ : UNIT ? UNIT_FILE : TEST_FILE;
const FLAGS = new Set(['--faults', '--unit', '--cluster']);
const UNREACHABLE = {
  DATABASE_URL: 'postgres://unit-tests-use-no-database@127.0.0.1:9/none',
  REDIS_URL: 'redis://127.0.0.1:9',
};

function findTests(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return findTests(path);
    return SELECTED_FILE.test(name) ? [path] : [];
  });
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((arg) => !FLAGS.has(arg));
  const files = ROOTS.flatMap(findTests)
    .map((file) => relative(process.cwd(), file))
    .filter((file) => filters.length === 0 || filters.some((f) => file.startsWith(f) || file.includes(f)))
    .sort();
  if (files.length === 0) {
    process.stderr.write('no test files found\n');
    return 1;
  }
  // Pure specs share nothing, so they run a file per core.
  if (UNIT) return runNodeTests(files, { ...UNREACHABLE, NODE_ENV: 'test' }, availableParallelism());
  const config = loadConfigOrExit();
  const runId = `lpt${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dbName = `labpulse_test_${runId}`;
  const database = await createThrowawayDatabase(config.database.url, dbName);
  try {
    return runNodeTests(files, {
      DATABASE_URL: database.url,
      LABPULSE_TEST_RUN: runId,
      NODE_ENV: 'test',
      // Webhook secrets are only stored encrypted; every process a test starts shares this run's key.
      WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY || randomBytes(32).toString('base64'),
    });
  } finally {
    await database.drop();
    await deleteRedisKeys(config.redis.url, `{${runId}-*`);
  }
}

/** Runs the files with node's test runner, one file at a time; returns its exit code. */
function runNodeTests(files: string[], env: Record<string, string>, concurrency = 1): number {
  const result = spawnSync(
    process.execPath,
    [
      '--require',
      '@swc-node/register',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  return result.status ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`test run failed to start: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
