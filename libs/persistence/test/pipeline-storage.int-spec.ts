import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import type { NormalizedPost } from '@labpulse/connectors';
import { openTestDatabase, resetData, testConfig } from '@labpulse/testing';
import {
  IngestRepository,
  RollupRepository,
  type PostScore,
  ScoringRepository,
  SourceRepository,
  StaleCursorError,
  TrendRepository,
} from '../src';

let db: DataSource;
let ingest: IngestRepository;
let scoring: ScoringRepository;
let rollups: RollupRepository;
let trends: TrendRepository;
let sources: SourceRepository;

before(async () => {
  db = await openTestDatabase(testConfig());
  ingest = new IngestRepository(db);
  scoring = new ScoringRepository(db);
  rollups = new RollupRepository(db);
  trends = new TrendRepository(db);
  sources = new SourceRepository(db);
});
after(() => db.destroy());
beforeEach(() => resetData(db));

function post(id: string, at: string, platform: NormalizedPost['platform'] = 'x', likes = 1): NormalizedPost {
  return {
    platform,
    externalId: id,
    parentExternalId: null,
    authorId: 'a',
    authorName: 'A',
    text: `post ${id}`,
    language: 'en',
    createdAt: new Date(at),
    url: null,
    engagement: { likes, comments: 0, shares: 0, quotes: null, impressions: null },
  };
}

function score(
  postId: string,
  label: 'positive' | 'neutral' | 'negative',
  labs: Array<[string, 'favor' | 'against' | 'neutral']>,
): PostScore {
  const value = { positive: 0.8, neutral: 0, negative: -0.6 }[label];
  return {
    postId,
    scored: true,
    language: 'en',
    sentiment: { label, score: value, confidence: 0.9 },
    mentions: labs.map(([lab, stance]) => ({
      lab,
      stance,
      score: stance === 'favor' ? 0.5 : stance === 'against' ? -0.5 : 0,
      confidence: 0.8,
      evidence: { start: 0, end: 4, text: 'post' },
    })),
  };
}

async function newSource(): Promise<string> {
  return (await sources.create({ kind: 'import', name: 't', target: '/dev/null' })).id;
}

test('a page is stored once: re-saving the same posts adds nothing and queues nothing', async () => {
  const sourceId = await newSource();
  const first = await ingest.savePage(
    sourceId,
    0,
    [post('1', '2026-11-01T10:01:00Z'), post('2', '2026-11-01T10:02:00Z')],
    { offset: 10 },
    [],
  );
  assert.equal(first.newPostIds.length, 2);
  const again = await ingest.savePage(
    sourceId,
    first.cursorVersion,
    [post('2', '2026-11-01T10:02:00Z'), post('3', '2026-11-01T10:03:00Z')],
    { offset: 20 },
    [],
  );
  assert.equal(again.newPostIds.length, 1);
  const [counts] = await db.query(
    'SELECT (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM pending_scores) AS pending',
  );
  assert.deepEqual(counts, { posts: 3, pending: 3 });
  const stored = await sources.findById(sourceId);
  assert.deepEqual(stored?.cursor, { offset: 20 });
  assert.equal(stored?.postsCollected, '3');
});

test('the stranded sweep claims only posts waiting longer than its period, without reading the rest of the outbox', async () => {
  const sourceId = await newSource();
  const saved = await ingest.savePage(
    sourceId,
    0,
    Array.from({ length: 500 }, (_, i) => post(`s${i}`, '2026-11-01T10:00:00Z')),
    null,
    [],
  );
  const [a, b] = [saved.newPostIds[400], saved.newPostIds[7]];
  const strand = async (): Promise<void> => {
    await db.query(`UPDATE pending_scores SET created_at = now() - interval '10 minutes' WHERE post_id = $1`, [a]);
    await db.query(`UPDATE pending_scores SET created_at = now() - interval '20 minutes' WHERE post_id = $1`, [b]);
  };
  await strand();
  // The statement the sweep sends, captured, then run again under EXPLAIN ANALYZE.
  const sent: Array<[string, unknown[]]> = [];
  const query = db.query.bind(db);
  db.query = (async (sql: string, params?: unknown[]) => (
    sent.push([sql, params ?? []]),
    query(sql, params)
  )) as typeof db.query;
  try {
    assert.deepEqual((await scoring.claimStrandedPending(300, 10)).sort(), [a, b].sort());
  } finally {
    db.query = query;
  }
  assert.deepEqual(await scoring.claimStrandedPending(300, 10), [], 'claiming restarts the clock');
  await strand();
  const [[sql, params]] = sent;
  const [row] = (await db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params)) as Array<{ 'QUERY PLAN': unknown }>;
  const plan = JSON.stringify(row['QUERY PLAN']);
  assert.match(plan, /"Node Type":"CTE Scan"[^{]*"Actual Rows":2,/, 'the two stranded posts claimed');
  assert.doesNotMatch(plan, /"Node Type":"Seq Scan"/, 'no scan of the whole outbox');
  assert.doesNotMatch(plan, /"Rows Removed by Filter":[1-9]/, 'no fresh outbox row read and filtered out');
});

test('a poll holding a stale cursor version cannot move the cursor', async () => {
  const sourceId = await newSource();
  await ingest.savePage(sourceId, 0, [post('1', '2026-11-01T10:01:00Z')], { offset: 10 }, []);
  await assert.rejects(
    ingest.savePage(sourceId, 0, [post('9', '2026-11-01T10:01:00Z')], { offset: 5 }, []),
    StaleCursorError,
  );
  const [row] = await db.query('SELECT count(*)::int AS n FROM posts');
  assert.equal(row.n, 1, 'the stale page was rolled back');
  assert.deepEqual((await sources.findById(sourceId))?.cursor, { offset: 10 });
});

test('rollups equal hand-computed counts, and rescoring the same posts never double-counts', async () => {
  const sourceId = await newSource();
  const saved = await ingest.savePage(
    sourceId,
    0,
    [
      post('1', '2026-11-01T10:01:00Z', 'x', 3),
      post('2', '2026-11-01T10:07:00Z', 'x', 5),
      post('3', '2026-11-01T10:59:59Z', 'linkedin', 7),
      post('4', '2026-11-01T11:00:00Z', 'x', 11),
    ],
    null,
    [],
  );
  const [a, b, c, d] = saved.newPostIds;
  const scores = [
    score(a, 'positive', [
      ['openai', 'favor'],
      ['deepseek', 'against'],
    ]),
    score(b, 'negative', [['openai', 'against']]),
    score(c, 'neutral', [['openai', 'neutral']]),
    {
      postId: d,
      scored: false,
      language: 'fr',
      sentiment: null,
      mentions: [
        { lab: 'openai', stance: null, score: null, confidence: null, evidence: { start: 0, end: 1, text: 'p' } },
      ],
    },
  ];
  assert.equal(await scoring.saveScores('test-v1', saved.newPostIds, scores), 4);
  assert.equal(await scoring.saveScores('test-v1', saved.newPostIds, scores), 0, 'a retried batch writes nothing');
  await rollups.aggregateDirty(100);
  await rollups.aggregateDirty(100);

  const hourly = await trends.query({
    labs: ['openai', 'deepseek'],
    width: 'hour',
    from: new Date('2026-11-01T10:00:00Z'),
    to: new Date('2026-11-01T12:00:00Z'),
    platforms: [],
  });
  const view = hourly.map((r) => [
    r.lab,
    r.bucketStart.toISOString(),
    r.posts,
    r.positive,
    r.neutral,
    r.negative,
    r.unscored,
    r.favor,
    r.against,
  ]);
  assert.deepEqual(view, [
    ['deepseek', '2026-11-01T10:00:00.000Z', 1, 1, 0, 0, 0, 0, 1],
    ['openai', '2026-11-01T10:00:00.000Z', 3, 1, 1, 1, 0, 1, 1],
    ['openai', '2026-11-01T11:00:00.000Z', 1, 0, 0, 0, 1, 0, 0],
  ]);
  const xOnly = await trends.query({
    labs: ['openai'],
    width: 'day',
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-11-02T00:00:00Z'),
    platforms: ['x'],
  });
  assert.deepEqual(
    xOnly.map((r) => [r.posts, r.positive, r.negative, r.unscored]),
    [[3, 1, 1, 1]],
  );
  const [pending] = await db.query('SELECT count(*)::int AS n FROM pending_scores');
  assert.equal(pending.n, 0, 'scored posts leave the outbox');
  await assertRollupsMatchRecount('test-v1');
});

test('a bucket whose lab disappears after a rescore loses that row', async () => {
  const sourceId = await newSource();
  const saved = await ingest.savePage(sourceId, 0, [post('1', '2026-11-01T10:01:00Z')], null, []);
  await scoring.saveScores('v1', saved.newPostIds, [score(saved.newPostIds[0], 'positive', [['xai', 'favor']])]);
  await rollups.aggregateDirty(100);
  await scoring.saveScores('v2', saved.newPostIds, [score(saved.newPostIds[0], 'positive', [['openai', 'favor']])]);
  await rollups.aggregateDirty(100);
  const rows = await db.query(
    `SELECT lab_slug, bucket_width, model_version FROM trend_buckets ORDER BY bucket_width, lab_slug`,
  );
  assert.deepEqual(rows, [
    { lab_slug: 'openai', bucket_width: '5m', model_version: 'v2' },
    { lab_slug: 'openai', bucket_width: 'day', model_version: 'v2' },
    { lab_slug: 'openai', bucket_width: 'hour', model_version: 'v2' },
  ]);
});

test('scores committed while an aggregation runs are never lost: their bucket stays dirty for the next one', async () => {
  const sourceId = await newSource();
  const saved = await ingest.savePage(
    sourceId,
    0,
    [post('1', '2026-11-01T10:01:00Z'), post('2', '2026-11-01T10:02:00Z')],
    null,
    [],
  );
  const [first, second] = saved.newPostIds;
  await scoring.saveScores('v1', [first], [score(first, 'positive', [['openai', 'favor']])]);
  // A second scoring transaction for the same bucket is still open while the aggregator runs: the
  // aggregator must neither wait for it nor consume the work it will leave behind.
  await db.transaction(async (tx) => {
    await scoring.saveScoresIn(tx, 'v1', [second], [score(second, 'negative', [['openai', 'against']])]);
    const during = await rollups.aggregateDirty(100);
    assert.equal(during.fiveMinuteBuckets, 1);
  });
  const [mid] = await db.query(`SELECT posts FROM trend_buckets WHERE lab_slug = 'openai' AND bucket_width = '5m'`);
  assert.equal(mid.posts, 1, 'the open transaction was not visible yet');
  assert.equal(await rollups.countDirty(), 1, 'its bucket is still dirty after it commits');
  await rollups.aggregateDirty(100);
  const [row] = await db.query(
    `SELECT posts, positive, negative FROM trend_buckets WHERE lab_slug = 'openai' AND bucket_width = '5m'`,
  );
  assert.deepEqual(row, { posts: 2, positive: 1, negative: 1 });
});

test('a bucket dirtied by two model versions is rebuilt once, with the latest', async () => {
  const sourceId = await newSource();
  const saved = await ingest.savePage(sourceId, 0, [post('1', '2026-11-01T10:01:00Z')], null, []);
  await scoring.saveScores('v1', saved.newPostIds, [score(saved.newPostIds[0], 'positive', [['openai', 'favor']])]);
  await scoring.saveScores('v2', saved.newPostIds, [score(saved.newPostIds[0], 'negative', [['openai', 'against']])]);
  const result = await rollups.aggregateDirty(100);
  assert.deepEqual([result.claimedRows, result.fiveMinuteBuckets], [2, 1]);
  const [row] = await db.query(`SELECT model_version, negative FROM trend_buckets WHERE bucket_width = '5m'`);
  assert.deepEqual(row, { model_version: 'v2', negative: 1 });
});

/** The invariant: every rollup row equals a recount straight from the scored posts. */
async function assertRollupsMatchRecount(modelVersion: string): Promise<void> {
  for (const [width, trunc] of [
    ['5m', `date_bin('5 minutes', p.posted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')`],
    ['hour', `date_trunc('hour', p.posted_at, 'UTC')`],
    ['day', `date_trunc('day', p.posted_at, 'UTC')`],
  ]) {
    const diff = await db.query(
      `WITH recount AS (
         SELECT m.lab_slug, p.platform, ${trunc} AS bucket_start, count(*)::int AS posts,
           count(*) FILTER (WHERE s.sentiment_label = 'negative')::int AS negative
         FROM posts p JOIN post_scores s ON s.post_id = p.id AND s.model_version = $1
         JOIN post_lab_mentions m ON m.post_id = p.id AND m.model_version = $1
         GROUP BY 1, 2, 3)
       SELECT * FROM recount r FULL JOIN (SELECT * FROM trend_buckets WHERE bucket_width = $2) t
         USING (lab_slug, platform, bucket_start)
       WHERE r.posts IS DISTINCT FROM t.posts OR r.negative IS DISTINCT FROM t.negative`,
      [modelVersion, width],
    );
    assert.deepEqual(diff, [], `${width} rollups differ from a recount`);
  }
}

test('a score job queued twice loads only the posts still unscored with its model version', async () => {
  const { newPostIds: ids } = await ingest.saveBatch(
    [post('u1', '2026-11-02T10:00:00Z'), post('u2', '2026-11-02T10:01:00Z')],
    [],
  );
  assert.equal(ids.length, 2);
  assert.deepEqual(
    (await scoring.loadUnscoredPosts(ids, 'm1')).map((p) => String(p.id)),
    ids,
  );
  await scoring.saveScores('m1', [ids[0]], [score(ids[0], 'positive', [['openai', 'favor']])]);
  assert.deepEqual(
    (await scoring.loadUnscoredPosts(ids, 'm1')).map((p) => String(p.id)),
    [ids[1]],
  );
  // Another model version has scored nothing yet.
  assert.equal((await scoring.loadUnscoredPosts(ids, 'm2')).length, 2);
});

test('a mention of a lab that is no longer in the catalogue is dropped; the post and its other mentions are stored', async () => {
  const {
    newPostIds: [id],
  } = await ingest.saveBatch([post('g1', '2026-11-02T10:00:00Z')], []);
  assert.equal(
    await scoring.saveScores(
      'm1',
      [id],
      [
        score(id, 'positive', [
          ['openai', 'favor'],
          ['lab-deleted-meanwhile', 'against'],
        ]),
      ],
    ),
    1,
  );
  const stored = (await db.query('SELECT lab_slug FROM post_lab_mentions WHERE post_id = $1 ORDER BY lab_slug', [
    id,
  ])) as Array<{ lab_slug: string }>;
  assert.deepEqual(
    stored.map((row) => row.lab_slug),
    ['openai'],
  );
});
