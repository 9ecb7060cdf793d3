import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { JobProducer } from '@labpulse/queue';
import { createTestApiKey, openTestDatabase, resetData, testConfig } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

let app: INestApplication;
let db: DataSource;
let base: string;
let admin: { authorization: string };

before(async () => {
  // Two ids per score job, so a batch of three new posts must be split in two jobs.
  const config = testConfig({ SCORE_BATCH_SIZE: '2' });
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config));
});
beforeEach(async () => {
  await resetData(db);
  admin = (await createTestApiKey(db, 'admin')).headers;
  await app.get(JobProducer).queue('score').obliterate({ force: true });
});
after(async () => {
  await app.close();
  await db.destroy();
});

async function ingest(body: unknown): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(`${base}/v1/ingest`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
}

const post = (platform: string, id: string, extra: Record<string, unknown> = {}) => ({
  platform,
  id,
  author: 'someone',
  text: `OpenAI post ${id}`,
  created_at: '2026-11-20T10:00:00Z',
  engagement: { likes: 1, comments: 0, shares: 0 },
  ...extra,
});

async function queuedScoreIds(): Promise<string[][]> {
  const jobs = await app.get(JobProducer).queue('score').getJobs(['waiting', 'prioritized', 'delayed']);
  return jobs.map((job) => job.data.postIds as string[]);
}

test('a mixed batch: good posts stored and queued for scoring, bad ones rejected by index and field, duplicates counted', async () => {
  const first = await ingest({ posts: [post('x', '100')] });
  assert.equal(first.status, 202);
  assert.deepEqual(first.body, { received: 1, accepted: 1, duplicates: 0, expired: 0, rejected: 0, rejections: [] });

  const res = await ingest({
    posts: [
      post('x', '101'),
      post('x', '102', { created_at: 'yesterday' }),
      post('linkedin', '103'),
      post('x', '100'), // stored by the first request
      post('x', '104', { colour: 'red' }),
      post('x', '101'), // repeated within this batch
      'not a post',
      post('facebook', '105_1', { created_at: '2026-11-20T12:00:00+0200', parent_id: '105' }),
    ],
  });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  assert.deepEqual(
    {
      received: res.body.received,
      accepted: res.body.accepted,
      duplicates: res.body.duplicates,
      rejected: res.body.rejected,
    },
    { received: 8, accepted: 3, duplicates: 2, rejected: 3 },
  );
  assert.deepEqual(
    res.body.rejections.map((r: { index: number; parameter: string }) => [r.index, r.parameter]),
    [
      [1, 'posts[1].created_at'],
      [4, 'posts[4].colour'],
      [6, 'posts[6]'],
    ],
  );
  assert.match(res.body.rejections[0].message, /ISO 8601/);

  const posts = await db.query(
    `SELECT id::text, platform, external_id, source_id, parent_external_id, posted_at FROM posts ORDER BY id`,
  );
  assert.deepEqual(
    posts.map((p: { platform: string; external_id: string }) => `${p.platform}:${p.external_id}`),
    ['x:100', 'x:101', 'linkedin:103', 'facebook:105_1'],
  );
  assert.ok(posts.every((p: { source_id: string | null }) => p.source_id === null));
  assert.equal(posts[3].parent_external_id, '105');
  assert.equal(posts[3].posted_at.toISOString(), '2026-11-20T10:00:00.000Z');

  const rejections = await db.query(`SELECT source_id, location, reason FROM ingest_rejections ORDER BY id`);
  assert.deepEqual(
    rejections.map((r: { source_id: string | null; location: string; reason: string }) => [
      r.source_id,
      r.location,
      r.reason.split(':')[0],
    ]),
    [
      [null, 'posts[1]', 'created_at'],
      [null, 'posts[4]', 'unknown field colour'],
      [null, 'posts[6]', 'post'],
    ],
  );

  const pending = await db.query(`SELECT post_id::text AS id FROM pending_scores ORDER BY post_id`);
  const ids = posts.map((p: { id: string }) => p.id);
  assert.deepEqual(
    pending.map((p: { id: string }) => p.id),
    ids,
    'every new post is in the scoring outbox once',
  );

  const jobs = await queuedScoreIds();
  assert.equal(jobs.length, 3, 'one job for the first request, two chunks of at most 2 ids for the second');
  assert.ok(jobs.every((postIds) => postIds.length <= 2));
  assert.deepEqual(jobs.flat().sort(), [...ids].sort());
});

test('sending the same batch again stores nothing and queues no scoring', async () => {
  const batch = { posts: [post('x', '1'), post('x', '2')] };
  assert.equal((await ingest(batch)).body.accepted, 2);
  const again = await ingest(batch);
  assert.equal(again.status, 202);
  assert.deepEqual(again.body, { received: 2, accepted: 0, duplicates: 2, expired: 0, rejected: 0, rejections: [] });
  assert.equal((await queuedScoreIds()).length, 1);
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM pending_scores');
  assert.equal(n, 2);
});

test('a batch with nothing valid is a 400 naming every item, and its rejections are still recorded', async () => {
  const res = await ingest({ posts: [post('myspace', '1'), post('x', '2', { text: '' })] });
  assert.equal(res.status, 400);
  assert.match(res.type, /^application\/problem\+json/);
  assert.deepEqual(
    res.body.errors.map((e: { parameter: string }) => e.parameter),
    ['posts[0].platform', 'posts[1].text'],
  );
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ingest_rejections');
  assert.equal(n, 2);
  const [{ posts }] = await db.query('SELECT count(*)::int AS posts FROM posts');
  assert.equal(posts, 0);
  assert.equal((await queuedScoreIds()).length, 0);
});

test('a refused request of 1,000 invalid posts names every one, yet writes at most 20 rejection rows', async () => {
  for (let round = 0; round < 2; round++) {
    const res = await ingest({ posts: Array.from({ length: 1_000 }, (_, i) => post('myspace', String(i))) });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors.length, 1_000);
  }
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM ingest_rejections');
  assert.equal(n, 40);
});

test('created_at must be a real calendar date from 2006 to a day from now: no rollover, no year 1 or 9999', async () => {
  const tomorrowPlus = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const bad = [
    '2026-02-30T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-11-20T24:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '2005-12-31T23:59:59Z',
    tomorrowPlus,
  ];
  const good = ['2026-02-28T10:00:00Z', '2006-01-01T00:00:00Z', new Date(Date.now() + 3_600_000).toISOString()];
  const res = await ingest({ posts: [...bad, ...good].map((at, i) => post('x', `d${i}`, { created_at: at })) });
  assert.equal(res.status, 202);
  assert.deepEqual(
    res.body.rejections.map((r: { parameter: string }) => r.parameter),
    bad.map((_, i) => `posts[${i}].created_at`),
  );
  assert.equal(res.body.accepted, good.length);
  const [{ latest }] = await db.query('SELECT max(posted_at) AS latest FROM posts');
  assert.ok(latest.getTime() < Date.now() + 86_400_000);
});

test('the envelope is checked: posts required, 1 to 1,000 of them, no unknown fields, a body limit', async () => {
  const cases: Array<[unknown, string]> = [
    [{}, 'posts'],
    [{ posts: [] }, 'posts'],
    [{ posts: 'x' }, 'posts'],
    [{ posts: Array.from({ length: 1_001 }, (_, i) => post('x', String(i))) }, 'posts'],
    [{ posts: [post('x', '1')], source: 'mine' }, 'source'],
  ];
  for (const [body, parameter] of cases) {
    const res = await ingest(body);
    assert.equal(res.status, 400, parameter);
    assert.ok(
      res.body.errors.some((e: { parameter: string }) => e.parameter === parameter),
      JSON.stringify(res.body.errors),
    );
  }
  const malformed = await ingest('{"posts": [');
  assert.equal(malformed.status, 400);
  assert.match(malformed.type, /^application\/problem\+json/);

  const huge = await ingest({ posts: [post('x', '1', { text: 'x'.repeat(6 * 1024 * 1024) })] });
  assert.equal(huge.status, 413);
  assert.match(huge.type, /^application\/problem\+json/);
  const [{ n }] = await db.query('SELECT count(*)::int AS n FROM posts');
  assert.equal(n, 0);
});

test('1,000 posts in one request are stored in one go', async () => {
  const res = await ingest({ posts: Array.from({ length: 1_000 }, (_, i) => post('x', String(10_000 + i))) });
  assert.equal(res.status, 202);
  assert.equal(res.body.accepted, 1_000);
  assert.equal((await queuedScoreIds()).flat().length, 1_000);
});
