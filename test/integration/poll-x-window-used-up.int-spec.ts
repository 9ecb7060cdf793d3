import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeXServer, waitFor } from '@labpulse/testing';
import { WorkerHarness } from '../support/worker-harness';

/**
 * A successful X page whose x-rate-limit-remaining is 0 (the window used up, no 429 yet): the worker
 * stops before the 429 and waits for the reset, and source health says so, as for a 429. Its own file:
 * the poll-x queue stays held for the rest of the window.
 */
let x: FakeXServer;
let h: WorkerHarness;

before(async () => {
  // Two requests per window: the second page of a poll uses the window up.
  x = await FakeXServer.start({ endTimeLagMs: 0, rateLimit: { recent: 2 } });
  h = await WorkerHarness.start({ X_API_BASE_URL: x.baseUrl, X_BEARER_TOKEN: 'fake-x-bearer-token' });
});
after(async () => {
  await h.close();
  await x.close();
});

test('a page with x-rate-limit-remaining 0 pauses X in source health until the reset, keeps the posts, and says source.paused', async () => {
  const ids = x.addPosts(250, { make: (i) => ({ text: `echo post ${i}: OpenAI shipped something` }) }).sort();
  const source = await h.createSource('x_search', 'echo', { pageSize: 100 });
  const other = await h.createSource('x_search', 'foxtrot');

  const polled = await h.pollAndWait(source);
  assert.equal(
    polled.status,
    'paused',
    `the used-up window is a pause, not ok: ${JSON.stringify(polled)} ${(await h.externalIds('x')).length}`,
  );
  assert.ok(polled.pausedUntil, 'pausedUntil set');
  const reset = polled.pausedUntil.getTime();
  assert.ok(reset > Date.now() + 800_000, `paused until the window's reset: ${polled.pausedUntil.toISOString()}`);
  assert.equal(polled.nextPollAt.getTime(), reset, 'the next poll is the reset');
  assert.match(polled.lastError ?? '', /rate-limit window used up \(0 requests remaining\)/);
  assert.equal(polled.consecutiveFailures, 0, 'not a failure');
  assert.notEqual(polled.lastSuccessAt, null, 'the pages it read were a success');
  // The two pages read before the window ran out are stored; nothing after them was requested.
  assert.equal((await h.externalIds('x')).length, 200);
  assert.deepEqual((await h.externalIds('x')).slice(-200), ids.slice(-200));

  // The platform's other source shows the same pause (no X request is made until the reset). It is
  // paused just after the outcome the poll helper waits for, so wait for it (bounded).
  const sibling = await waitFor(
    async () => {
      const row = await h.sources.findById(other.id);
      return row?.status === 'paused' ? row : undefined;
    },
    { description: 'the sibling X source paused' },
  );
  assert.equal(sibling.pausedUntil?.getTime(), reset);

  // Coverage counts it as paused, not failed, and each source got one source.paused.
  const [health] = await h.db.query(
    `SELECT count(*) FILTER (WHERE paused)::int AS paused, count(*) FILTER (WHERE failed)::int AS failed
     FROM source_health_buckets WHERE source_id = $1 AND bucket_width = '5m' AND bucket_start > now()`,
    [source.id],
  );
  assert.ok(health.paused > 0, 'the coming 5-minute buckets are paused');
  assert.equal(health.failed, 0);
  // The events are written just after the outcome the poll helper waits for.
  const events = await waitFor(
    async () => {
      const rows = (await h.db.query(
        `SELECT source_id, payload FROM alert_events WHERE type = 'source.paused' ORDER BY source_id`,
      )) as Array<{ source_id: string; payload: { data: { scope: string; pausedUntil: string; reason: string } } }>;
      return rows.length >= 2 ? rows : undefined;
    },
    { description: 'source.paused for both X sources' },
  );
  assert.deepEqual(events.map((e) => e.source_id).sort(), [source.id, other.id].sort());
  for (const e of events) {
    assert.equal(e.payload.data.scope, 'platform');
    assert.equal(Date.parse(e.payload.data.pausedUntil), reset);
    assert.match(e.payload.data.reason, /0 requests remaining/);
  }
});
