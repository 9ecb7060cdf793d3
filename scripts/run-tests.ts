/**
 * `npm test`: creates a throwaway database, migrates it once, runs every test file against it with
 * node's test runner, then drops the database and the run's Redis keys, whatever the outcome.
 *
 *   npm test                        all tests
 *   npm test -- libs/nlp            only files under a path
 *   npm run test:faults             only the fault tests (test/faults/*.fault-spec.ts)
 *   npm run test:cluster            only the Redis Cluster tests (test/cluster/*.cluster-spec.ts)
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadConfigOrExit } from '@labpulse/config';
import { createThrowawayDatabase, deleteRedisKeys } from '@labpulse/testing';

const ROOTS = ['apps', 'libs', 'test', 'bench'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;
// `--faults` (npm run test:faults) runs only the fault tests, which `npm test` leaves out: they kill
// and restart real processes and servers, and take minutes.
// `--cluster` (npm run test:cluster) runs the tests that start their own Redis Cluster.
const FAULTS = process.argv.includes('--faults');
const CLUSTER = process.argv.includes('--cluster');
const SELECTED_FILE = FAULTS ? /\.fault-spec\.ts$/ : CLUSTER ? /\.cluster-spec\.ts$/ : TEST_FILE;

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
  const config = loadConfigOrExit();
  const filters = process.argv.slice(2).filter((arg) => arg !== '--faults' && arg !== '--cluster');
  const files = ROOTS.flatMap(findTests)
    .map((file) => relative(process.cwd(), file))
    .filter((file) => filters.length === 0 || filters.some((f) => file.startsWith(f) || file.includes(f)))
    .sort();
  if (files.length === 0) {
    process.stderr.write('no test files found\n');
    return 1;
  }
  const runId = `lpt${Date.now().toString(36)}${process.pid.toString(36)}`;
  const dbName = `labpulse_test_${runId}`;
  const database = await createThrowawayDatabase(config.database.url, dbName);
  try {
    const result = spawnSync(
      process.execPath,
      ['--require', '@swc-node/register', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
      {
        stdio: 'inherit',
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          LABPULSE_TEST_RUN: runId,
          NODE_ENV: 'test',
          // Webhook secrets are only stored encrypted; every process a test starts shares this run's key.
          WEBHOOK_SECRET_KEY: process.env.WEBHOOK_SECRET_KEY || randomBytes(32).toString('base64'),
        },
      },
    );
    return result.status ?? 1;
  } finally {
    await database.drop();
    await deleteRedisKeys(config.redis.url, `{${runId}-*`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`test run failed to start: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
