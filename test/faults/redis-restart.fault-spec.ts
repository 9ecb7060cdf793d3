import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { waitFor } from '@labpulse/testing';
import { assertInvariant, progress } from './support/invariants';
import {
  checkPool,
  FakePlatforms,
  faultQueuePrefix,
  processEnv,
  rerunJobs,
  resetDatabase,
  seedThreePlatforms,
} from './support/pipeline';
import { PrivateRedis, ProcessGroup, readyStatus } from './support/processes';

/**
 * Redis dies (SIGKILL) in the middle of ingestion and comes back on the same port and directory,
 * with AOF on and fsync on every write as docker-compose.yml runs it. The workers ride it out
 * (ioredis reconnects; BullMQ connections use maxRetriesPerRequest null, so commands wait instead
 * of failing) and, once it is back, nothing is lost: every post is stored, scored once and counted once.
 */
const OUTAGE_MS = 5_000;
const databaseUrl = process.env.DATABASE_URL as string;
let fakes: FakePlatforms;
let group: ProcessGroup;
let pool: Pool;
let redis: PrivateRedis;

before(async () => {
  await resetDatabase(databaseUrl);
  fakes = await FakePlatforms.start();
  group = new ProcessGroup({});
  redis = await PrivateRedis.start(group);
  pool = checkPool(databaseUrl);
});
after(async () => {
  await group?.killAll();
  await pool?.end();
  await fakes?.close();
  group?.removeDir();
});

test('Redis killed and restarted mid-ingestion: workers reconnect and nothing is lost', async (t) => {
  const prefix = faultQueuePrefix('redis');
  const env = processEnv(databaseUrl, redis.url, prefix, {
    ...fakes.env,
    SCORE_BATCH_SIZE: '100',
    WORKER_QUEUES: 'schedule,poll,score,aggregate',
  });
  // Both workers up first, then the sources: ingestion starts with the next fan-out tick.
  const workers = await Promise.all(['worker-a', 'worker-b'].map((name) => group.readyWorker(name, env)));
  const { total, page } = await seedThreePlatforms(fakes, databaseUrl, { tag: 'redis', perPage: 600, pageSize: 20 });

  await waitFor(async () => (await progress(pool)).posts >= total * 0.1, {
    description: 'ingestion under way',
    timeoutMs: 120_000,
    intervalMs: 50,
  });
  const atKill = await progress(pool);
  assert.ok(atKill.posts < total, `the fault lands mid-ingestion (${atKill.posts} of ${total} stored)`);

  await redis.kill9();
  // The workers notice: /ready turns 503 (Redis does not answer) while the processes stay up.
  for (const w of workers)
    await waitFor(async () => (await readyStatus(w.port)) === 503, {
      description: `${w.name} to report Redis down`,
      timeoutMs: 30_000,
      intervalMs: 100,
    });
  // The outage's length (not a wait for some state): polls keep storing pages meanwhile.
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  const duringOutage = await progress(pool);
  await redis.up();
  for (const w of workers)
    await waitFor(async () => (await readyStatus(w.port)) === 200, {
      description: `${w.name} to be ready again`,
      timeoutMs: 60_000,
      intervalMs: 100,
    });
  assert.ok(
    workers.every((w) => w.running),
    `no worker crashed:\n${group.logs()}`,
  );
  t.diagnostic(`stored at kill ${atKill.posts}, after the outage was noticed ${duringOutage.posts}, of ${total}`);

  // What the AOF kept: the fan-out scheduler (no one re-creates it until a worker restarts).
  const schedule = new Queue('schedule', { connection: { url: redis.url }, prefix: `{${prefix}}` });
  try {
    assert.deepEqual(
      (await schedule.getJobSchedulers()).map((s) => s.key),
      ['fanout'],
    );
  } finally {
    await schedule.close();
  }
  // Posts published after the restart are collected too: polling goes on.
  fakes.seedX('redisx0', 50, 1_000);
  fakes.seedFacebook(page, 20, 1_000);
  await assertInvariant(pool, fakes.expected(), { timeoutMs: 180_000, describe: () => group.logs() });
  assert.ok(
    workers.every((w) => w.running),
    'the workers that lived through the outage are still up',
  );
  t.diagnostic(`completed jobs that needed more than one run: ${JSON.stringify(await rerunJobs(redis.url, prefix))}`);
});
