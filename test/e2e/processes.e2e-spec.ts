import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { deleteRedisKeys, freePort, testConfig, waitFor } from '@labpulse/testing';

/**
 * The commands docker-compose.yml runs (migrate, api, worker), run by hand as real processes:
 * migrations from two processes at once, readiness endpoints, config errors, graceful SIGTERM.
 *
 * LABPULSE_RUNTIME_DIR (set by .ci/run) names a folder laid out like the image's runtime stage:
 * dist/, production dependencies only, and what the Dockerfile copies beside them. The processes
 * then run the compiled JavaScript from there, so a missing dependency or file fails here. Unset,
 * they run the TypeScript sources through swc, as `npm start` does.
 */
const run = promisify(execFile);
const RUNTIME_DIR = process.env.LABPULSE_RUNTIME_DIR;
const ENTRY = RUNTIME_DIR
  ? { cli: 'dist/apps/cli/src/main.js', api: 'dist/apps/api/src/main.js', worker: 'dist/apps/worker/src/main.js' }
  : { cli: 'apps/cli/src/main.ts', api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' };
/** Node's arguments and working folder for an entry file. */
function node(entry: string, ...args: string[]): { argv: string[]; cwd: string | undefined } {
  return RUNTIME_DIR
    ? { argv: [entry, ...args], cwd: RUNTIME_DIR }
    : { argv: ['--require', '@swc-node/register', entry, ...args], cwd: undefined };
}
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
  const { argv, cwd } = node(entry);
  const child = spawn(process.execPath, argv, { cwd, env: env(extra), stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return child;
}

function migrate(): Promise<{ stdout: string }> {
  const { argv, cwd } = node(ENTRY.cli, 'migrate');
  return run(process.execPath, argv, { cwd, env: env() });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`)).status === 200;
  } catch {
    return false;
  }
}

test('two migrate processes at once both succeed and apply each migration once', async () => {
  const [a, b] = await Promise.all([migrate(), migrate()]);
  const outputs = [a.stdout, b.stdout].join('\n');
  assert.match(outputs, /applied: /);
  assert.match(outputs, /applied: |database is up to date/);
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(
    'SELECT name, count(*)::int AS n FROM typeorm_migrations GROUP BY name HAVING count(*) > 1',
  );
  const labs = await db.query('SELECT count(*)::int AS n FROM labs');
  await db.end();
  assert.deepEqual(rows, []);
  assert.ok(labs.rows[0].n >= 12, 'the lab catalogue is seeded once');
  const again = await migrate();
  assert.match(again.stdout, /database is up to date/);
});

test('the api and a worker start as processes, report ready, and stop cleanly on SIGTERM', async () => {
  const apiPort = await freePort();
  const workerPort = await freePort();
  const api = start(ENTRY.api, { API_PORT: String(apiPort) });
  const worker = start(ENTRY.worker, { WORKER_HEALTH_PORT: String(workerPort), WORKER_QUEUES: 'score,aggregate' });
  await waitFor(() => ready(apiPort), { description: 'the api to be ready', timeoutMs: 60_000, intervalMs: 200 });
  await waitFor(() => ready(workerPort), { description: 'the worker to be ready', timeoutMs: 60_000, intervalMs: 200 });
  // Files read at run time rather than imported came along too: the dashboard's page and modules,
  // the OpenAPI document (built from decorator metadata) and the Swagger UI's files.
  const page = await fetch(`http://127.0.0.1:${apiPort}/`);
  assert.equal(page.status, 200);
  const files = [...(await page.text()).matchAll(/(?:src|href)="(\/dashboard\/[^"]+)"/g)].map((m) => m[1]);
  assert.ok(files.includes('/dashboard/main.js'), 'the page loads its main module');
  for (const file of [...files, '/openapi.json', '/docs', '/docs/swagger-ui-bundle.js']) {
    assert.equal((await fetch(`http://127.0.0.1:${apiPort}${file}`)).status, 200, file);
  }
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
