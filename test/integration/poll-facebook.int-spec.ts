import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeFacebookServer, waitFor } from '@labpulse/testing';
import { WorkerHarness } from '../support/worker-harness';

/** The real worker polling a fake Graph API (page feed + comments), through Redis and Postgres. */
let fb: FakeFacebookServer;
let h: WorkerHarness;

before(async () => {
  fb = await FakeFacebookServer.start();
  h = await WorkerHarness.start({
    FACEBOOK_GRAPH_BASE_URL: fb.baseUrl,
    FACEBOOK_ACCESS_TOKEN: 'fake-facebook-page-token',
  });
});
after(async () => {
  await h.close();
  await fb.close();
});
beforeEach(() => fb.clearFailures());

function seedPage(posts: number, commentsOnFirst = 0): { pageId: string; ids: string[] } {
  const page = fb.addPage();
  const ids: string[] = [];
  const now = Date.now();
  for (let i = 0; i < posts; i++)
    ids.push(
      fb.addPost(page.id, {
        message: `Post ${i} on ${page.id}: thoughts on Claude`,
        createdAt: now - (posts - i) * 60_000,
      }).id,
    );
  for (let i = 0; i < commentsOnFirst; i++) ids.push(fb.addComment(ids[posts - 1]).id);
  return { pageId: page.id, ids: ids.sort() };
}

async function storedFor(sourceId: string): Promise<string[]> {
  const rows = await h.db.query(`SELECT external_id FROM posts WHERE source_id = $1 ORDER BY external_id`, [sourceId]);
  return rows.map((row: { external_id: string }) => row.external_id);
}

test('paging the feed and the comments of recent posts stores each item once, comments with their parent', async () => {
  const { pageId, ids } = seedPage(120, 3);
  const source = await h.createSource('facebook_page', pageId, { pageSize: 50 });
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'ok', polled.lastError ?? '');
  assert.equal(Number(polled.postsCollected), 123);
  const [comments] = await h.db.query(
    `SELECT count(*)::int AS n FROM posts WHERE platform = 'facebook' AND parent_external_id IS NOT NULL AND source_id = $1`,
    [source.id],
  );
  assert.equal(comments.n, 3);
  await h.pollAndWait(source);
  assert.equal(
    Number((await h.sources.findById(source.id))?.postsCollected),
    123,
    'a second poll with nothing new adds nothing',
  );
  assert.deepEqual(await storedFor(source.id), ids);
});

test('an empty page is a successful poll', async () => {
  const { pageId } = seedPage(0);
  const polled = await h.pollAndWait(await h.createSource('facebook_page', pageId));
  assert.equal(polled.status, 'ok');
  assert.equal(polled.postsCollected, '0');
});

test('an expired token (190) marks the source auth_failed', async () => {
  const { pageId } = seedPage(1);
  fb.failNext({ kind: 'token-expired' }, { when: (req) => req.path.includes(pageId) });
  const expired = await h.pollAndWait(await h.createSource('facebook_page', pageId));
  assert.equal(expired.status, 'auth_failed');
  assert.ok(!(expired.lastError ?? '').includes('fake-facebook-page-token'));
});

test('a malformed page fails the poll naming the field', async () => {
  const { pageId } = seedPage(3);
  fb.failNext({ kind: 'malformed', index: 1, field: 'created_time' });
  const failed = await h.pollAndWait(await h.createSource('facebook_page', pageId));
  assert.equal(failed.status, 'failing');
  assert.match(failed.lastError ?? '', /created_time/);
});

// Last in the file: it leaves the poll-facebook queue paused for the throttling window.
test('a throttling code on a 403 delays the Facebook queue, not this source alone', async () => {
  const { pageId } = seedPage(2);
  const source = await h.createSource('facebook_page', pageId);
  fb.failNext({ kind: 'throttled', code: 4, status: 403, regainMinutes: 20 });
  const throttled = await h.pollAndWait(source);
  assert.equal(throttled.status, 'paused', "the platform pause shows as the source's own");
  assert.match(throttled.lastError ?? '', /code 4/);
  assert.ok(
    (throttled.pausedUntil?.getTime() ?? 0) > Date.now() + 15 * 60_000,
    'until estimated_time_to_regain_access',
  );
  assert.ok(throttled.nextPollAt.getTime() > Date.now() + 15 * 60_000, 'waits for estimated_time_to_regain_access');
  // The queue is held right after the outcome is stored (and the other sources paused).
  await waitFor(async () => (await h.jobs.queue('poll-facebook').getRateLimitTtl()) > 15 * 60_000, {
    description: 'the Facebook queue held',
  });
});
