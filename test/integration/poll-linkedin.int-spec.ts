import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeLinkedInServer } from '@labpulse/testing';
import { WorkerHarness } from '../support/worker-harness';

/** The real worker polling a fake LinkedIn Posts API (Rest.li 2.0), through Redis and Postgres. */
let li: FakeLinkedInServer;
let h: WorkerHarness;

before(async () => {
  li = await FakeLinkedInServer.start();
  h = await WorkerHarness.start({
    LINKEDIN_API_BASE_URL: li.baseUrl,
    LINKEDIN_ACCESS_TOKEN: 'fake-linkedin-member-token',
  });
});
after(async () => {
  await h.close();
  await li.close();
});
beforeEach(() => li.clearFailures());

function seedOrganization(posts: number, administered = true): string {
  const org = li.addOrganization({ administered });
  const now = Date.now();
  for (let i = 0; i < posts; i++)
    li.addPost(org.urn, { commentary: `Post ${i}: our view on Gemini 2.5`, createdAt: now - (posts - i) * 60_000 });
  return org.urn;
}

test('start/count paging stores every post of the organization once', async () => {
  const urn = seedOrganization(120);
  const source = await h.createSource('linkedin_org', urn, { pageSize: 50 });
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'ok', polled.lastError ?? '');
  assert.equal(polled.postsCollected, '120');
  await h.pollAndWait(source);
  assert.equal((await h.sources.findById(source.id))?.postsCollected, '120');
  const [dupes] = await h.db.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM posts GROUP BY platform, external_id HAVING count(*) > 1) d`,
  );
  assert.equal(dupes.n, 0);
});

test('the daily 429 pauses the source until midnight UTC', async () => {
  const source = await h.createSource('linkedin_org', seedOrganization(1));
  li.failNext({ kind: 'daily-limit' });
  const paused = await h.pollAndWait(source);
  assert.equal(paused.status, 'paused');
  const midnight = new Date();
  midnight.setUTCHours(24, 0, 0, 0);
  assert.equal(paused.pausedUntil?.toISOString(), midnight.toISOString());
});

test('an organization the member does not administer is an auth failure that says so', async () => {
  const source = await h.createSource('linkedin_org', seedOrganization(1, false));
  const denied = await h.pollAndWait(source);
  assert.equal(denied.status, 'auth_failed');
  assert.match(denied.lastError ?? '', /administ/i);
});

test('a malformed element fails the poll naming the field', async () => {
  const source = await h.createSource('linkedin_org', seedOrganization(3));
  li.failNext({ kind: 'malformed', index: 0, field: 'createdAt' });
  const failed = await h.pollAndWait(source);
  assert.equal(failed.status, 'failing');
  assert.match(failed.lastError ?? '', /createdAt/);
});

test('a poll interrupted by a 5xx resumes after a restart with no post lost or repeated', async () => {
  const urn = seedOrganization(150);
  const source = await h.createSource('linkedin_org', urn, { pageSize: 50 });
  let pages = 0;
  li.failAlways(
    { kind: 'server-error', status: 502 },
    { when: (req) => req.query.get('author') === urn && ++pages >= 3 },
  );
  const failed = await h.pollAndWait(source);
  assert.equal(failed.status, 'failing');
  assert.equal(failed.postsCollected, '100', 'two pages were committed before the outage');
  await h.restart();
  li.clearFailures();
  await h.waitForPoll(source, failed.lastPollAt?.getTime() ?? 0, 60_000);
  const healed = await h.sources.findById(source.id);
  assert.equal(healed?.status, 'ok');
  assert.equal(healed?.postsCollected, '150');
});
