import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pool } from 'pg';
import { createThrowawayDatabase, waitFor } from '@labpulse/testing';
import { assertInvariant, progress } from './support/invariants';
import {
  checkPool,
  FakePlatforms,
  faultQueuePrefix,
  processEnv,
  rerunJobs,
  seedThreePlatforms,
} from './support/pipeline';
import { PrivateCluster, ProcessGroup, readyStatus } from './support/processes';

/**
 * Postgres crashes (pg_ctl -m immediate: every backend killed, WAL recovery on restart) in the
 * middle of ingestion, on a cluster of this test's own. Transactions in flight are lost whole; the
 * jobs that ran them fail and are retried by BullMQ, polls resume from the cursor committed with
 * the last stored page. Once it is back, nothing is lost or doubled.
 */
const OUTAGE_MS = 5_000;
const redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379';
let fakes: FakePlatforms;
let group: ProcessGroup;
let cluster: PrivateCluster | undefined;
let pool: Pool | undefined;

before(async () => {
  fakes = await FakePlatforms.start();
  group = new ProcessGroup({});
  cluster = await PrivateCluster.create(group);
});
after(async () => {
  await group?.killAll();
  await pool?.end();
  cluster?.destroy();
  await fakes?.close();
  group?.removeDir();
});

test('Postgres restarted mid-ingestion: jobs retry, nothing lost or doubled', async (t) => {
  const db = await createThrowawayDatabase((cluster as PrivateCluster).url('postgres'), 'labpulse_faults');
  const databaseUrl = db.url;
  pool = checkPool(databaseUrl);
  const prefix = faultQueuePrefix('pg');
  const env = processEnv(databaseUrl, redisUrl, prefix, {
    ...fakes.env,
    SCORE_BATCH_SIZE: '100',
    WORKER_QUEUES: 'schedule,poll,score,aggregate',
  });
  // Both workers up first, then the sources: ingestion starts with the next fan-out tick.
  const workers = await Promise.all(['worker-a', 'worker-b'].map((name) => group.readyWorker(name, env)));
  const { total, org } = await seedThreePlatforms(fakes, databaseUrl, { tag: 'pg', perPage: 600, pageSize: 20 });

  await waitFor(async () => (await progress(pool as Pool)).posts >= total * 0.1, {
    description: 'ingestion under way',
    timeoutMs: 120_000,
    intervalMs: 50,
  });
  const atCrash = await progress(pool);
  assert.ok(atCrash.posts < total, `the fault lands mid-ingestion (${atCrash.posts} of ${total} stored)`);

  (cluster as PrivateCluster).stopImmediate();
  for (const w of workers)
    await waitFor(async () => (await readyStatus(w.port)) === 503, {
      description: `${w.name} to report Postgres down`,
      timeoutMs: 30_000,
      intervalMs: 100,
    });
  // The outage's length (not a wait for some state): jobs running now fail against the dead server.
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await (cluster as PrivateCluster).start();
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
  t.diagnostic(`stored at the crash: ${atCrash.posts} of ${total}`);

  fakes.seedX('pgx0', 50, 1_000);
  fakes.seedLinkedIn(org, 20, 1_000);
  await assertInvariant(pool, fakes.expected(), { timeoutMs: 180_000, describe: () => group.logs() });
  assert.ok(
    workers.every((w) => w.running),
    'the workers that lived through the crash are still up',
  );
  t.diagnostic(`completed jobs that needed more than one run: ${JSON.stringify(await rerunJobs(redisUrl, prefix))}`);
});
