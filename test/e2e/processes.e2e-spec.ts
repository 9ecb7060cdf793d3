import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { deleteRedisKeys, freePort, testConfig, waitFor } from '@labpulse/testing';

/**
 * The commands docker-compose.yml runs (migrate, api, worker), run by hand as real processes:
 * migrations from two processes at once, readiness endpoints, config errors, graceful SIGTERM.
 */
const run = promisify(execFile);
const ENTRY = { cli: 'apps/cli/src/main.ts', api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' };
const dbName = `labpulse_proc_${process.pid}_${Date.now().toString(36)}`;
const queuePrefix = dbName.replace(/_/g, '-');
let databaseUrl: string;
let adminUrl: string;
const children: ChildProcess[] = [];

before(async () => {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@localhost:5432/labpulse');
  base.pathname = '/postgres';
  adminUrl = base.toString();
  base.pathname = `/${dbName}`;
  databaseUrl = base.toString();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`); // empty: the migrate processes build it
  await admin.end();
});
after(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  await deleteRedisKeys(testConfig().redis.url, `{${queuePrefix}}*`);
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATABASE_URL: databaseUrl, QUEUE_PREFIX: queuePrefix, LOG_LEVEL: 'warn', ...extra };
}

function start(entry: string, extra: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--require', '@swc-node/register', entry], { env: env(extra), stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`)).status === 200;
  } catch {
    return false;
  }
}

test('two migrate processes at once both succeed and apply each migration once', async () => {
  const [a, b] = await Promise.all([
    run(process.execPath, ['--require', '@swc-node/register', ENTRY.cli, 'migrate'], { env: env() }),
    run(process.execPath, ['--require', '@swc-node/register', ENTRY.cli, 'migrate'], { env: env() }),
  ]);
  const outputs = [a.stdout, b.stdout].join('\n');
  assert.match(outputs, /applied: /);
  assert.match(outputs, /applied: |database is up to date/);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query('SELECT name, count(*)::int AS n FROM typeorm_migrations GROUP BY name HAVING count(*) > 1');
  const labs = await db.query('SELECT count(*)::int AS n FROM labs');
  await db.end();
  assert.deepEqual(rows, []);
  assert.ok(labs.rows[0].n >= 12, 'the lab catalogue is seeded once');
  const again = await run(process.execPath, ['--require', '@swc-node/register', ENTRY.cli, 'migrate'], { env: env() });
  assert.match(again.stdout, /database is up to date/);
});

test('the api and a worker start as processes, report ready, and stop cleanly on SIGTERM', async () => {
  const apiPort = await freePort();
  const workerPort = await freePort();
  const api = start(ENTRY.api, { API_PORT: String(apiPort) });
  const worker = start(ENTRY.worker, { WORKER_HEALTH_PORT: String(workerPort), WORKER_QUEUES: 'score,aggregate' });
  await waitFor(() => ready(apiPort), { description: 'the api to be ready', timeoutMs: 60_000, intervalMs: 200 });
  await waitFor(() => ready(workerPort), { description: 'the worker to be ready', timeoutMs: 60_000, intervalMs: 200 });
  api.kill('SIGTERM');
  worker.kill('SIGTERM');
  assert.equal(await exited(api), 0);
  assert.equal(await exited(worker), 0);
});

test('a malformed variable stops a process with one line naming it', async () => {
  const child = start(ENTRY.api, { API_PORT: 'eighty' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  assert.equal(await exited(child), 78);
  assert.match(stderr.trim(), /^invalid configuration: API_PORT /);
  assert.equal(stderr.trim().split('\n').length, 1);
});

test('a worker asked for an unknown queue fails at boot naming it', async () => {
  const child = start(ENTRY.worker, { WORKER_QUEUES: 'score,scroe', WORKER_HEALTH_PORT: '0' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  assert.notEqual(await exited(child), 0);
  assert.match(stderr, /WORKER_QUEUES names unknown queue "scroe"/);
});
