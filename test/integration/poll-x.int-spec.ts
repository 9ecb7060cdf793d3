import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeXServer, waitFor } from '@labpulse/testing';
import { WorkerHarness } from '../support/worker-harness';

/** The real worker polling a fake X API that speaks the v2 wire format, through Redis and Postgres. */
let x: FakeXServer;
let h: WorkerHarness;

before(async () => {
  x = await FakeXServer.start({ endTimeLagMs: 0 });
  h = await WorkerHarness.start({ X_API_BASE_URL: x.baseUrl, X_BEARER_TOKEN: 'fake-x-bearer-token' });
});
after(async () => {
  await h.close();
  await x.close();
});
beforeEach(() => x.clearFailures());

/** Posts whose text carries a word unique to one test, so each test's source sees only its own. */
function seed(word: string, count: number, options: { from?: number; to?: number } = {}): string[] {
  return x
    .addPosts(count, { ...options, make: (i) => ({ text: `${word} post ${i}: OpenAI shipped something` }) })
    .sort();
}

test('paging across several pages stores every post once, then a second poll returns only new ones', async () => {
  const ids = seed('alpha', 250);
  const source = await h.createSource('x_search', 'alpha', { pageSize: 100 });
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'ok');
  assert.equal(polled.lastError, null);
  const stored = await h.externalIds('x');
  assert.equal(
    stored.length,
    ids.length,
    `stored ${stored.length}: missing ${ids.filter((id) => !stored.includes(id)).slice(0, 3)} extra ${stored.filter((id) => !ids.includes(id)).slice(0, 3)}`,
  );
  assert.deepEqual(stored, ids);
  // New posts get newer snowflake ids than everything seen, as on X.
  const more = seed('alpha', 3, { from: Date.now() - 2_000, to: Date.now() - 1_000 });
  await h.pollAndWait(source);
  assert.deepEqual(await h.externalIds('x'), [...ids, ...more].sort());
  assert.equal((await h.sources.findById(source.id))?.postsCollected, '253');
  await h.waitForPipeline();
  const [scored] = await h.db.query(
    `SELECT count(*)::int AS n FROM post_scores s JOIN posts p ON p.id = s.post_id WHERE p.text LIKE 'alpha%'`,
  );
  assert.equal(scored.n, 253, 'every stored post is scored exactly once');
});

test('an empty result is a successful poll that stores nothing', async () => {
  const source = await h.createSource('x_search', 'nothingmatchesthis');
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'ok');
  assert.equal(polled.postsCollected, '0');
  assert.notEqual(polled.lastSuccessAt, null);
});

test('a poll that dies mid-pagination resumes from the stored cursor after a restart, with no gap or repeat', async () => {
  const ids = seed('bravo', 500);
  const source = await h.createSource('x_search', 'bravo', { pageSize: 100 });
  // Pages 1 and 2 succeed, then every request fails until the "outage" is over.
  let followUps = 0;
  x.failAlways(
    { kind: 'server-error', status: 503 },
    { when: (req) => req.query.get('query') === 'bravo' && req.query.has('next_token') && ++followUps >= 2 },
  );
  const failed = await h.pollAndWait(source);
  assert.equal(failed.status, 'failing');
  assert.match(failed.lastError ?? '', /503/);
  const stored = await h.externalIds('x');
  const bravoStored = stored.filter((id) => ids.includes(id));
  assert.equal(bravoStored.length, 200, 'the two committed pages are kept');
  await h.restart();
  x.clearFailures();
  // The failed job is retried by the new worker (BullMQ backoff); wait for the source to recover.
  await h.waitForPoll(source, failed.lastPollAt?.getTime() ?? 0, 60_000);
  const healed = await h.sources.findById(source.id);
  assert.equal(healed?.status, 'ok');
  assert.deepEqual(
    (await h.externalIds('x')).filter((id) => ids.includes(id)),
    ids,
  );
});

test('a usage-capped 429 pauses the source until the cap lifts', async () => {
  const source = await h.createSource('x_search', 'delta');
  x.failNext({ kind: 'usage-capped', period: 'Monthly' });
  const capped = await h.pollAndWait(source);
  assert.equal(capped.status, 'paused');
  assert.ok(capped.pausedUntil && capped.pausedUntil.getTime() > Date.now() + 3_600_000);
  const other = await h.pollAndWait(await h.createSource('x_search', 'delta-other'));
  assert.equal(other.status, 'ok', 'other sources are not held up');
});

test('a 401 marks the source auth_failed and the scheduler stops polling it', async () => {
  const source = await h.createSource('x_search', 'echo');
  x.failNext({ kind: 'unauthorized' });
  const rejected = await h.pollAndWait(source);
  assert.equal(rejected.status, 'auth_failed');
  await h.db.query(`UPDATE sources SET next_poll_at = now() - interval '1 hour' WHERE id = $1`, [source.id]);
  const due = await h.sources.claimDue(100);
  assert.ok(!due.some((s) => s.id === source.id), 'an auth_failed source is not claimed');
  assert.ok(!JSON.stringify(rejected).includes('fake-x-bearer-token'), 'the token never reaches the source row');
});

test('a malformed payload fails the poll naming the field, keeping what was stored', async () => {
  const ids = seed('foxtrot', 150);
  const source = await h.createSource('x_search', 'foxtrot', { pageSize: 100 });
  x.failNext({ kind: 'malformed', index: 3, field: 'created_at' }, { when: (req) => req.query.has('next_token') });
  const failed = await h.pollAndWait(source);
  assert.equal(failed.status, 'failing');
  assert.match(failed.lastError ?? '', /data\[3\]\.created_at/);
  assert.equal((await h.externalIds('x')).filter((id) => ids.includes(id)).length, 100, 'the first page stays stored');
});

test('partial errors on a 200 keep the good posts and note the problem', async () => {
  const ids = seed('golf', 5);
  const source = await h.createSource('x_search', 'golf');
  x.failNext({ kind: 'partial-error' });
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'ok');
  assert.deepEqual(
    (await h.externalIds('x')).filter((id) => ids.includes(id)),
    ids,
  );
});

test('two overlapping polls of one source neither lose nor duplicate a post', async () => {
  const ids = seed('hotel', 300);
  const source = await h.createSource('x_search', 'hotel', { pageSize: 100 });
  const before = Date.now() - 1;
  await Promise.all([h.enqueuePoll(source), h.enqueuePoll(source), h.enqueuePoll(source)]);
  await h.waitForPoll(source, before);
  await h.pollAndWait(source);
  assert.deepEqual(
    (await h.externalIds('x')).filter((id) => ids.includes(id)),
    ids,
  );
  const [dupes] = await h.db.query(
    `SELECT count(*)::int AS n FROM (SELECT external_id FROM posts GROUP BY platform, external_id HAVING count(*) > 1) d`,
  );
  assert.equal(dupes.n, 0);
});

// Last in the file: it leaves the poll-x queue paused for the reset window.
test('a 429 delays the whole X queue until x-rate-limit-reset instead of failing', async () => {
  const source = await h.createSource('x_search', 'charlie');
  x.failNext({ kind: 'rate-limited', resetInSeconds: 900 });
  const limited = await h.pollAndWait(source);
  assert.equal(limited.status, 'paused', "rate limiting is a pause, shown as the source's own");
  assert.equal(limited.consecutiveFailures, 0, 'and not a source failure');
  assert.match(limited.lastError ?? '', /rate/i);
  assert.ok((limited.pausedUntil?.getTime() ?? 0) >= Date.now() + 800_000, 'paused until the reset');
  assert.ok(limited.nextPollAt.getTime() >= Date.now() + 800_000, 'next poll waits for the reset');
  // The queue is held right after the outcome is stored (and the platform's other sources paused).
  const ttl = await waitFor(
    async () => {
      const left = await h.jobs.queue('poll-x').getRateLimitTtl();
      return left > 800_000 ? left : undefined;
    },
    { description: 'the poll-x queue held' },
  );
  assert.ok(ttl > 800_000, `the poll-x queue is paused for the reset window (ttl ${ttl} ms)`);
  assert.equal(await h.jobs.queue('poll-x').getJobState(`poll-${source.id}`), 'waiting', 'the poll waits to run again');
});
