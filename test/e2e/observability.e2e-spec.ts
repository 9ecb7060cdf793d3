import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createStandaloneQueue } from '@labpulse/queue';
import { createTestApiKey, freePort, openTestDatabase, testConfig, waitFor } from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';
import { listeningPort } from '../../apps/worker/src/health/worker-health.server';

/**
 * The api and worker as real processes: their stdout is JSON lines carrying request and job ids
 * and no secret; a bad WORKER_CONCURRENCY stops a worker at boot. Then /ready while a Redis this
 * test owns is stopped and started again.
 */
const ENTRY = { api: 'apps/api/src/main.ts', worker: 'apps/worker/src/main.ts' };
const X_TOKEN = 'x-token-that-must-never-be-logged';
const children: ChildProcess[] = [];
let db: DataSource;

before(async () => {
  db = await openTestDatabase(testConfig());
});
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await db?.destroy();
});

interface Started {
  child: ChildProcess;
  /** stdout so far, as lines. */
  lines: () => string[];
  stderr: () => string;
}

function start(entry: string, env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--require', '@swc-node/register', entry], {
    env: { ...process.env, X_BEARER_TOKEN: X_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, lines: () => out.split('\n').filter((l) => l.length > 0), stderr: () => err };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function records(lines: string[]): Array<Record<string, unknown>> {
  return lines.map((line) => {
    try {
      return JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON log line: ${line}`);
    }
  });
}

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return 0;
  }
}

test('the api logs JSON lines with the request id, and never a key or a token', async () => {
  const port = await freePort();
  const api = start(ENTRY.api, { API_PORT: String(port), LOG_LEVEL: 'info' });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await status(`${base}/ready`)) === 200, {
    description: 'the api to be ready',
    timeoutMs: 60_000,
    intervalMs: 200,
  });
  const admin = await createTestApiKey(db, 'admin');
  const forged = `lp_${'Q'.repeat(43)}`;
  const ok = await fetch(`${base}/v1/labs`, { headers: { ...admin.headers, 'x-request-id': 'obs-req-ok' } });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('x-request-id'), 'obs-req-ok');
  const denied = await fetch(`${base}/v1/labs`, {
    headers: { authorization: `Bearer ${forged}`, 'x-request-id': 'obs-req-denied' },
  });
  assert.equal(denied.status, 401);
  const board = await fetch(`${base}/admin/queues`, {
    headers: {
      authorization: `Basic ${Buffer.from(`u:${admin.key}`).toString('base64')}`,
      'x-request-id': 'obs-req-board',
    },
  });
  assert.equal(board.status, 200);
  await board.text();
  const logged = await waitFor(
    () => {
      const out = records(api.lines());
      const byId = (id: string) => out.find((r) => r.reqId === id);
      return byId('obs-req-ok') && byId('obs-req-denied') && byId('obs-req-board') ? out : undefined;
    },
    { description: 'the request log lines', timeoutMs: 10_000 },
  );
  const line = logged.find((r) => r.reqId === 'obs-req-ok') as {
    req: { method: string; url: string };
    res: { statusCode: number };
    level: string;
  };
  assert.deepEqual([line.level, line.req.method, line.req.url, line.res.statusCode], ['info', 'GET', '/v1/labs', 200]);
  assert.equal(
    (logged.find((r) => r.reqId === 'obs-req-denied') as { res: { statusCode: number } }).res.statusCode,
    401,
  );
  assert.ok(
    logged.some((r) => r.context === 'Api' && /api listening/.test(String(r.msg))),
    "Nest's own log lines are JSON too",
  );
  api.child.kill('SIGTERM');
  assert.equal(await exited(api.child), 0);
  const all = api.lines().join('\n') + api.stderr();
  for (const secret of [admin.key, forged, X_TOKEN]) assert.ok(!all.includes(secret), 'no key or token in the log');
  records(api.lines());
});

test('worker log lines carry the queue and the job id', async () => {
  const config = testConfig();
  const worker = start(ENTRY.worker, {
    WORKER_QUEUES: 'score',
    WORKER_HEALTH_PORT: String(await freePort()),
    LOG_LEVEL: 'debug',
    QUEUE_PREFIX: config.queue.prefix,
  });
  const queue = createStandaloneQueue(config, 'score');
  try {
    const job = await queue.add('score', { postIds: ['987654321'] });
    const done = await waitFor(
      () => records(worker.lines()).find((r) => r.jobId === job.id && r.msg === 'job completed'),
      {
        description: 'the job completion line',
        timeoutMs: 60_000,
        intervalMs: 200,
      },
    );
    assert.equal(done.queue, 'score');
    assert.equal(done.jobName, 'score');
    assert.ok(records(worker.lines()).some((r) => r.jobId === job.id && r.msg === 'job started'));
  } finally {
    await queue.close();
  }
  worker.child.kill('SIGTERM');
  assert.equal(await exited(worker.child), 0);
  assert.ok(!worker.lines().join('\n').includes(X_TOKEN));
});

test('a bad WORKER_CONCURRENCY stops the worker at boot with one line naming it', async () => {
  for (const value of ['score=0', 'scroe=2']) {
    const worker = start(ENTRY.worker, { WORKER_CONCURRENCY: value, WORKER_HEALTH_PORT: '0' });
    assert.equal(await exited(worker.child), 78);
    assert.match(worker.stderr().trim(), /^invalid configuration: WORKER_CONCURRENCY /);
    assert.equal(worker.stderr().trim().split('\n').length, 1);
  }
});

test('/ready answers 503 naming redis while Redis is down, on the api and the worker, and 200 once it is back', async () => {
  const port = await freePort();
  const startRedis = async () => {
    const redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    children.push(redis);
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = createServer().listen(port, '127.0.0.1');
          socket.once('listening', () => socket.close(() => resolve(false)));
          socket.once('error', () => resolve(true)); // taken: redis is listening
        }),
      { description: 'redis-server to listen', timeoutMs: 10_000 },
    );
    return redis;
  };
  let redis = await startRedis();
  const config = testConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, WORKER_QUEUES: 'score' });
  let api: INestApplication | undefined;
  let worker: RunningWorker | undefined;
  try {
    api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    worker = await bootstrapWorker(config);
    const urls = {
      api: `${await api.getUrl()}/ready`,
      worker: `http://127.0.0.1:${listeningPort(worker.health)}/ready`,
    };
    for (const url of Object.values(urls)) assert.equal(await status(url), 200);

    redis.kill('SIGTERM');
    await exited(redis);
    for (const [name, url] of Object.entries(urls)) {
      const body = await waitFor(
        async () => {
          const res = await fetch(url);
          return res.status === 503
            ? ((await res.json()) as { status: string; checks: Record<string, boolean> })
            : undefined;
        },
        { description: `${name} /ready to turn 503`, timeoutMs: 15_000, intervalMs: 200 },
      );
      assert.deepEqual(body, { status: 'unavailable', checks: { postgres: true, redis: false } });
    }
    // Scrapes still answer (without queue depths) instead of hanging on the offline queue.
    const scrape = await fetch(`${await api.getUrl()}/metrics`);
    assert.equal(scrape.status, 200);
    assert.doesNotMatch(await scrape.text(), /^labpulse_queue_jobs\{/m);

    redis = await startRedis();
    for (const [name, url] of Object.entries(urls)) {
      await waitFor(async () => (await status(url)) === 200, {
        description: `${name} /ready back to 200`,
        timeoutMs: 30_000,
        intervalMs: 200,
      });
    }
  } finally {
    await api?.close();
    await worker?.close();
    redis.kill('SIGTERM');
    await exited(redis);
  }
});
