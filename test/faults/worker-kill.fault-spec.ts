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
  resetDatabase,
  seedThreePlatforms,
} from './support/pipeline';
import { type ManagedProcess, ProcessGroup } from './support/processes';

/**
 * kill -9 of a scoring worker in the middle of a batch, several times in one run. Polling and
 * aggregation run in a worker that stays up; score workers are started one at a time and each is
 * killed as soon as it holds an active score job whose posts are not yet scored (seen in Redis and
 * Postgres, not guessed with sleeps). A restarted worker, then two at once, finish the work: the
 * killed jobs come back as stalled jobs. Afterwards every rollup equals a recount and every post is
 * scored exactly once.
 */
/** Kills that interrupt a batch before its commit (kills just after a commit come on top). */
const KILLS = 3;
const databaseUrl = process.env.DATABASE_URL as string;
const redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379';
let fakes: FakePlatforms;
let group: ProcessGroup;
let pool: Pool;
let scoreQueue: Queue;

before(async () => {
  await resetDatabase(databaseUrl);
  fakes = await FakePlatforms.start();
  const prefix = faultQueuePrefix('kill');
  // Small batches: many score jobs, so there is always one to interrupt.
  group = new ProcessGroup(processEnv(databaseUrl, redisUrl, prefix, { ...fakes.env, SCORE_BATCH_SIZE: '100' }));
  pool = checkPool(databaseUrl);
  scoreQueue = new Queue('score', { connection: { url: redisUrl }, prefix: `{${prefix}}` });
});
after(async () => {
  await group?.killAll();
  await scoreQueue?.close();
  await pool?.end();
  await fakes?.close();
  group?.removeDir();
});

function startWorker(name: string, queues: string): Promise<ManagedProcess> {
  return group.readyWorker(name, { WORKER_QUEUES: queues });
}

/**
 * An active score job none of whose posts is scored yet: the batch is in flight, not committed.
 * Only one score worker runs at a time, so an active job that no killed worker held is its job
 * (a killed worker's job stays in the active list until the stall check moves it back).
 */
async function activeUncommittedBatch(
  heldByKilled: ReadonlySet<string>,
): Promise<{ jobId: string; postIds: string[] } | undefined> {
  for (const job of await scoreQueue.getActive()) {
    const postIds = (job.data as { postIds?: string[] }).postIds ?? [];
    // A job that stalled once already is left alone: a second stall fails it (maxStalledCount 1),
    // which is BullMQ's guard against poison jobs, not the fault under test.
    if (postIds.length === 0 || heldByKilled.has(job.id as string) || job.stalledCounter > 0) continue;
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM pending_scores WHERE post_id = ANY($1::bigint[])',
      [postIds],
    );
    if ((rows[0] as { n: number }).n === postIds.length) return { jobId: job.id as string, postIds };
  }
  return undefined;
}

test(`kill -9 a scoring worker mid-batch ${KILLS}+ times: nothing lost, every post scored once, rollups equal a recount`, async (t) => {
  const { total } = await seedThreePlatforms(fakes, databaseUrl, { tag: 'kill', perPage: 500, pageSize: 100 });

  // Ingestion first, with nobody scoring, so the score queue holds a long backlog of batches.
  await startWorker('poller', 'schedule,poll,aggregate');
  await waitFor(async () => (await progress(pool)).pending >= total, {
    description: `${total} posts stored and waiting to be scored`,
    timeoutMs: 120_000,
    intervalMs: 250,
  });

  const kills: Array<{ jobId: string; committedAfterKill: number; batch: number }> = [];
  const held = new Set<string>();
  // A kill can land just after a batch committed (the job is still active while it queues the
  // aggregation): that one counts as a kill, but we go on until KILLS of them hit before the commit.
  for (let i = 0; kills.filter((k) => k.committedAfterKill === 0).length < KILLS && i < 3 * KILLS; i++) {
    const scorer = await startWorker(`scorer-${i}`, 'score');
    const batch = await waitFor(() => activeUncommittedBatch(held), {
      description: `scorer-${i} to be in the middle of a batch`,
      timeoutMs: 60_000,
      intervalMs: 5,
    });
    await scorer.kill9();
    // Every job still listed active was the dead worker's (concurrency 2: maybe two of them).
    for (const job of await scoreQueue.getActive()) held.add(job.id as string);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM post_scores WHERE post_id = ANY($1::bigint[])', [
      batch.postIds,
    ]);
    kills.push({ jobId: batch.jobId, committedAfterKill: (rows[0] as { n: number }).n, batch: batch.postIds.length });
  }
  t.diagnostic(`kills: ${JSON.stringify(kills)}`);
  assert.equal(new Set(kills.map((k) => k.jobId)).size, kills.length, 'each kill interrupted a different job');
  assert.ok(
    kills.filter((k) => k.committedAfterKill === 0).length >= KILLS,
    `${KILLS} kills interrupted a batch before its scores were committed`,
  );
  const left = await progress(pool);
  assert.ok(left.pending > 0, 'the kills left work behind for the next workers');

  // A restarted worker and a second one finish, including the jobs the killed workers held.
  await Promise.all([startWorker('scorer-final-a', 'score'), startWorker('scorer-final-b', 'score')]);
  await assertInvariant(pool, fakes.expected(), { timeoutMs: 180_000, describe: () => group.logs() });
  for (const kill of kills) {
    const job = await scoreQueue.getJob(kill.jobId);
    assert.equal(await job?.getState(), 'completed', `killed job ${kill.jobId} was re-run to completion`);
  }
});
