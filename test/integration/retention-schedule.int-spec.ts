import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { retentionHorizon } from '@labpulse/persistence';
import { seedScoredPosts, waitFor } from '@labpulse/testing';
import { RETENTION_SCHEDULER_ID } from '../../apps/worker/src/jobs/job-schedulers';
import { WorkerHarness } from '../support/worker-harness';

/** The worker's scheduled retention (docs/data-lifecycle.md): hourly, in bounded jobs that continue until done. */
let h: WorkerHarness;
const DAY_MS = 86_400_000;

before(async () => {
  // Two posts per batch and 20 batches per job: 60 old posts need a continuation job.
  h = await WorkerHarness.start({ POST_RETENTION_DAYS: '30', RETENTION_BATCH_SIZE: '2' });
});
after(() => h.close());

test('the worker schedules retention and purges old posts over several bounded jobs, keeping their rollups', async () => {
  assert.ok(
    await h.jobs.queue('schedule').getJobScheduler(RETENTION_SCHEDULER_ID),
    'an hourly retention scheduler exists',
  );
  // An `every` scheduler runs its first job at once: on the empty database it just sets the watermark.
  await waitFor(async () => ((await h.db.query('SELECT 1 FROM retention_watermark')) as unknown[]).length > 0, {
    description: 'the first scheduled retention pass',
    timeoutMs: 30_000,
  });
  // Forget it, so the old posts below can be stored as if they had been collected before the horizon passed them.
  await h.db.query('DELETE FROM retention_watermark');
  const now = Date.now();
  const horizon = retentionHorizon(30, new Date(now)) as Date;
  const old = Array.from({ length: 60 }, (_, i) => ({
    platform: 'x' as const,
    id: `old${i}`,
    at: new Date(horizon.getTime() - 5 * DAY_MS + i * 60_000).toISOString(),
    sentiment: { label: 'positive' as const, score: 0.5 },
    mentions: [{ lab: 'openai', stance: 'favor' as const, score: 0.5 }],
  }));
  const fresh = [{ ...old[0], id: 'fresh', at: new Date(now - DAY_MS).toISOString() }];
  await seedScoredPosts(h.db, [...old, ...fresh]);
  const rollups = await h.db.query(`SELECT bucket_width, bucket_start, posts FROM trend_buckets ORDER BY 1, 2`);

  await h.jobs.enqueue({ queue: 'schedule', name: 'retention', data: {} });
  await waitFor(
    async () => {
      const [{ n }] = (await h.db.query('SELECT count(*)::int AS n FROM posts WHERE posted_at < $1', [
        horizon.toISOString(),
      ])) as Array<{ n: number }>;
      return n === 0;
    },
    { description: 'the old posts to be purged', timeoutMs: 30_000 },
  );
  const jobs = (await h.jobs.queue('schedule').getJobs(['completed'])).filter((job) => job.name === 'retention');
  assert.ok(
    jobs.some(
      (job) =>
        (job.returnvalue as { complete: boolean; posts: number }).complete === false && job.returnvalue.posts === 40,
    ),
    'a job stopped at its budget (20 batches of 2) and queued a continuation',
  );
  const kept = (await h.db.query('SELECT external_id FROM posts')) as Array<{ external_id: string }>;
  assert.deepEqual(
    kept.map((r) => r.external_id),
    ['fresh'],
  );
  assert.deepEqual(
    await h.db.query(`SELECT bucket_width, bucket_start, posts FROM trend_buckets ORDER BY 1, 2`),
    rollups,
    'rollups unchanged',
  );
  const [{ purged_before }] = (await h.db.query('SELECT purged_before FROM retention_watermark')) as Array<{
    purged_before: Date;
  }>;
  assert.equal(purged_before.toISOString(), horizon.toISOString());
});
