import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pool } from 'pg';
import { waitFor } from '@labpulse/testing';
import { assertInvariant, storedIds } from './support/invariants';
import {
  checkPool,
  createSources,
  FakePlatforms,
  faultQueuePrefix,
  processEnv,
  resetDatabase,
} from './support/pipeline';
import { ProcessGroup } from './support/processes';

/**
 * X answers every request with a 429 (rate limited, reset in a few seconds) or a 500, alternately,
 * for OUTAGE_MS. Facebook and LinkedIn keep flowing meanwhile: posts published on them during the
 * outage are stored while it lasts (each platform has its own poll queue, and X's 429 pauses only
 * X's). Once X answers again it catches up, and the invariant holds.
 */
// At least a minute, so X's 60 s pause after a 429 ends inside the outage and X is asked again.
const OUTAGE_MS = 75_000;
const databaseUrl = process.env.DATABASE_URL as string;
const redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379';
let fakes: FakePlatforms;
let group: ProcessGroup;
let pool: Pool;

before(async () => {
  await resetDatabase(databaseUrl);
  fakes = await FakePlatforms.start();
  group = new ProcessGroup(
    processEnv(databaseUrl, redisUrl, faultQueuePrefix('outage'), {
      ...fakes.env,
      WORKER_QUEUES: 'schedule,poll,score,aggregate',
    }),
  );
  pool = checkPool(databaseUrl);
});
after(async () => {
  await group?.killAll();
  await pool?.end();
  await fakes?.close();
  group?.removeDir();
});

async function sourceStatus(
  id: string,
): Promise<{ status: string; last_error: string | null; consecutive_failures: number }> {
  const { rows } = await pool.query('SELECT status, last_error, consecutive_failures FROM sources WHERE id = $1', [id]);
  return rows[0] as { status: string; last_error: string | null; consecutive_failures: number };
}

test(`X answering 429s and 500s for ${Math.round(OUTAGE_MS / 1000)} s: Facebook and LinkedIn keep flowing, X catches up`, async (t) => {
  fakes.seedX('outagex', 300);
  const page = fakes.addPage();
  fakes.seedFacebook(page, 100);
  const org = fakes.addOrganization();
  fakes.seedLinkedIn(org, 100);
  const [xSource, fbSource, liSource] = await createSources(databaseUrl, [
    { kind: 'x_search', target: 'outagex', options: { pageSize: 100 } },
    { kind: 'facebook_page', target: page, options: { pageSize: 50 } },
    { kind: 'linkedin_org', target: org, options: { pageSize: 50 } },
  ]);
  await group.readyWorker('worker');
  await assertInvariant(pool, fakes.expected(), { timeoutMs: 120_000, describe: () => group.logs() });

  // The outage: alternately a 500 and a 429 on every X request. A 500 is retried with backoff; a
  // 429 pauses the whole X queue for max(reset, 60 s) (X's documented rule), so a 75 s outage sees
  // about four X requests: 500, 429, then a minute later 500, 429.
  let n = 0;
  fakes.x.failAlways({ kind: 'server-error', status: 500 }, { when: () => n++ % 2 === 0 });
  fakes.x.failAlways({ kind: 'rate-limited', resetInSeconds: 5 });
  fakes.x.clearRequests();
  const started = Date.now();
  const xDuring: string[] = [];
  let waves = 0;
  while (Date.now() - started < OUTAGE_MS) {
    xDuring.push(...fakes.seedX('outagex', 10, 1_000));
    const fb = fakes.seedFacebook(page, 10, 1_000);
    const li = fakes.seedLinkedIn(org, 10, 1_000);
    await waitFor(
      async () => {
        const [storedFb, storedLi] = await Promise.all([storedIds(pool, 'facebook'), storedIds(pool, 'linkedin')]);
        return fb.every((id) => storedFb.has(id)) && li.every((id) => storedLi.has(id));
      },
      {
        description: `wave ${waves + 1} of Facebook and LinkedIn posts to be stored during the X outage`,
        timeoutMs: 45_000,
        intervalMs: 200,
      },
    );
    waves += 1;
  }
  const storedX = await storedIds(pool, 'x');
  const answered = fakes.x.requests.map((r) => r.status);
  const timeline = fakes.x.requests
    .map((r) => `+${((r.at.getTime() - started) / 1000).toFixed(1)}s ${r.status}`)
    .join(', ');
  t.diagnostic(`waves stored during the outage: ${waves}; X answered: ${timeline}`);
  assert.ok(waves >= 3, `${waves} waves of other platforms' posts arrived during the outage`);
  assert.ok(Date.now() - started >= OUTAGE_MS, 'the waves spanned the outage');
  assert.ok(
    answered.length >= 2 && answered.every((s) => s === 429 || s === 500),
    `X only failed during the outage: ${answered.join(',')}`,
  );
  assert.ok(answered.includes(429) && answered.includes(500));
  assert.equal(xDuring.filter((id) => storedX.has(id)).length, 0, 'no X post got through during the outage');
  assert.equal((await sourceStatus(fbSource)).status, 'ok');
  assert.equal((await sourceStatus(liSource)).status, 'ok');
  const xHealth = await sourceStatus(xSource);
  assert.ok(
    xHealth.consecutive_failures > 0 && xHealth.last_error,
    `the X source shows the outage: ${JSON.stringify(xHealth)}`,
  );

  // X answers again: it catches up, and everything is stored, scored and counted once.
  fakes.x.clearFailures();
  await assertInvariant(pool, fakes.expected(), { timeoutMs: 120_000, describe: () => group.logs() });
  await waitFor(
    async () =>
      (await sourceStatus(xSource)).status === 'ok' && (await sourceStatus(xSource)).consecutive_failures === 0,
    {
      description: 'the X source to be healthy again',
      timeoutMs: 60_000,
      intervalMs: 250,
    },
  );
});
