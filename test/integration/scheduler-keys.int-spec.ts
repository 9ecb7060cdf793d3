import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { AppMetrics } from '@labpulse/observability';
import { queuePrefix } from '@labpulse/queue';
import { waitFor } from '@labpulse/testing';
import { FANOUT_SCHEDULER_ID } from '../../apps/worker/src/jobs/job-schedulers';
import { WorkerHarness } from '../support/worker-harness';

/**
 * Jobs made by the job schedulers are trimmed like any other: Redis holds a bounded number of keys
 * however long the scheduler runs. A fan-out every 20 ms packs hundreds of ticks (several minutes
 * at the default 1 s) into one test.
 */
let h: WorkerHarness;
let redis: Redis;
const WARM_UP_JOBS = 50;
const RUN_JOBS = 400;

before(async () => {
  // Only the schedule queue: evaluate keeps its last 100 jobs, which a short run would see filling up.
  h = await WorkerHarness.start({ SCHEDULER_INTERVAL_MS: '20', WORKER_QUEUES: 'schedule' });
  redis = new Redis(h.config.redis.url);
});
after(async () => {
  redis?.disconnect();
  await h?.close();
});

/** Every key under the run's queue prefix. */
async function keys(): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${queuePrefix(h.config.queue.prefix)}:*`, 'COUNT', 1000);
    out.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return out;
}

async function completedFanouts(): Promise<number> {
  const { values } = await h.worker.app.get(AppMetrics).jobDuration.get();
  const count = values.find(
    (v) =>
      v.metricName === 'labpulse_job_duration_seconds_count' &&
      v.labels.queue === 'schedule' &&
      v.labels.outcome === 'completed',
  );
  return count?.value ?? 0;
}

const fanoutHashes = (list: string[]): number =>
  list.filter((k) => k.includes(`:schedule:repeat:${FANOUT_SCHEDULER_ID}:`)).length;

test(
  'the Redis key count under the queue prefix stays flat while the scheduler runs hundreds of jobs',
  { timeout: 300_000 },
  async (t) => {
    await waitFor(async () => (await completedFanouts()) >= WARM_UP_JOBS, {
      description: `${WARM_UP_JOBS} fan-out ticks`,
      timeoutMs: 120_000,
    });
    const start = { jobs: await completedFanouts(), keys: (await keys()).length };
    await waitFor(async () => (await completedFanouts()) >= start.jobs + RUN_JOBS, {
      description: `${RUN_JOBS} more fan-out ticks`,
      timeoutMs: 240_000,
    });
    const end = await keys();
    t.diagnostic(
      `keys under the prefix: ${start.keys} after ${start.jobs} ticks, ${end.length} after ${await completedFanouts()}`,
    );
    // Without removal limits each tick leaves its job hash behind: RUN_JOBS more keys.
    assert.ok(end.length <= start.keys + 5, `keys went from ${start.keys} to ${end.length} over ${RUN_JOBS} ticks`);
    // removeOnComplete keeps the last 10 fan-out jobs, plus those in flight at the moment of reading
    // (the next one delayed, one waiting, one running, one just finishing): a handful, never hundreds.
    assert.ok(fanoutHashes(end) <= 15, `${fanoutHashes(end)} fan-out job hashes kept`);
    const completed = await h.jobs.queue('schedule').getCompletedCount();
    assert.ok(completed <= 10, `${completed} completed schedule jobs kept`);
  },
);
