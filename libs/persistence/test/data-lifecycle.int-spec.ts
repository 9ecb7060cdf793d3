import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import type { NormalizedPost } from '@labpulse/connectors';
import {
  openTestDatabase,
  resetData,
  ROLLUP_COUNT_FIELDS,
  ROLLUP_WIDTHS,
  rollupRecountDifferences,
  type ScoredPostSpec,
  seedScoredPosts,
  TEST_MODEL_VERSION,
  testConfig,
  waitFor,
} from '@labpulse/testing';
import {
  IngestRepository,
  LabRepository,
  RetentionRepository,
  retentionHorizon,
  RollupRepository,
  ScoringRepository,
  SourceRepository,
} from '../src';

let db: DataSource;
let retention: RetentionRepository;
let rollups: RollupRepository;

before(async () => {
  db = await openTestDatabase(testConfig());
  retention = new RetentionRepository(db);
  rollups = new RollupRepository(db);
});
after(() => db.destroy());

const LABS = ['openai', 'anthropic', 'deepseek', 'xai'];
const PLATFORMS = ['x', 'facebook', 'linkedin'] as const;
const START = Date.parse('2026-10-20T00:00:00Z');
// Ten days of posts; the horizon cuts them in two.
const SPAN = 10 * 86_400_000;
const HORIZON = new Date('2026-10-25T00:00:00Z');

/** Deterministic posts spread over the span, every platform, one to three labs each. */
function dataset(count: number, labs = LABS, prefix = 'p'): ScoredPostSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const label = (['positive', 'neutral', 'negative', null] as const)[i % 4];
    const named = labs.filter((_, j) => (i + j) % 3 !== 0).slice(0, 1 + (i % 3));
    return {
      platform: PLATFORMS[i % 3],
      id: `${prefix}${i}`,
      // Spread over the span, some exactly on the horizon.
      at: new Date(
        i % 25 === 0 ? HORIZON.getTime() : START + Math.floor(((((i * 7919) % 1000) / 1000) * SPAN) / 1000) * 1000,
      ).toISOString(),
      likes: i % 7,
      comments: i % 3,
      shares: i % 2,
      sentiment: label === null ? null : { label, score: label === 'positive' ? 0.5 : label === 'negative' ? -0.5 : 0 },
      mentions: (named.length > 0 ? named : [labs[0]]).map((lab) => ({
        lab,
        stance: label === null ? null : 'favor',
        score: label === null ? null : 0.5,
      })),
    };
  });
}

function rawPost(id: string, at: Date, platform: NormalizedPost['platform'] = 'x'): NormalizedPost {
  return {
    platform,
    externalId: id,
    parentExternalId: null,
    authorId: null,
    authorName: null,
    text: `post ${id} about OpenAI`,
    language: 'en',
    createdAt: at,
    url: null,
    engagement: { likes: 1, comments: 0, shares: 0, quotes: null, impressions: null },
  };
}

/** Every rollup row (all widths), as comparable text. */
async function rollupSnapshot(where = 'true'): Promise<string[]> {
  const rows = (await db.query(
    `SELECT lab_slug, platform, bucket_width, bucket_start, model_version, ${ROLLUP_COUNT_FIELDS.join(', ')},
            round(sentiment_sum::numeric, 6) AS sentiment_sum, round(stance_sum::numeric, 6) AS stance_sum
     FROM trend_buckets WHERE ${where} ORDER BY lab_slug, platform, bucket_width, bucket_start`,
  )) as Array<Record<string, unknown>>;
  return rows.map((r) =>
    Object.values(r)
      .map((v) => (v instanceof Date ? v.toISOString() : String(v)))
      .join(' '),
  );
}

/** Rollup rows of every width whose bucket starts at or after `from` that differ from a recount of the stored posts. */
async function rollupsVersusRecount(from = new Date(0)): Promise<unknown[]> {
  const differences: unknown[] = [];
  for (const width of ROLLUP_WIDTHS)
    differences.push(...(await rollupRecountDifferences((sql, params) => db.query(sql, params), width, { from })));
  return differences;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await db.query(`SELECT (${sql})::int AS n`, params)) as Array<{ n: number }>;
  return row.n;
}

/** Rows of the post-dependent tables whose post is gone: must always be none. */
async function orphans(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['post_scores', 'post_lab_mentions', 'pending_scores']) {
    result[table] = await count(
      `SELECT count(*) FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.id = x.post_id)`,
    );
  }
  return result;
}

async function drain(): Promise<void> {
  while ((await rollups.aggregateDirty(1_000)).claimedRows > 0);
}

test('the horizon is the UTC midnight N days back; none without a retention', () => {
  assert.equal(retentionHorizon(null, new Date('2026-11-29T13:45:00Z')), null);
  assert.equal(retentionHorizon(30, new Date('2026-11-29T13:45:00Z'))?.toISOString(), '2026-10-30T00:00:00.000Z');
  assert.equal(retentionHorizon(1, new Date('2026-11-29T00:00:00Z'))?.toISOString(), '2026-11-28T00:00:00.000Z');
});

describe('a retention pass', () => {
  const BATCH = 7;
  let seeded: { rollups: string[]; kept: string[]; oldPosts: number; oldScores: number; oldMentions: number };

  before(async () => {
    await resetData(db);
    await seedScoredPosts(db, dataset(240));
    // Logs older and newer than the horizon.
    await db.query(
      `INSERT INTO ingest_rejections (location, reason, excerpt, created_at)
       VALUES ('posts[0]', 'old', 'x', $1), ('posts[1]', 'new', 'y', $2)`,
      [new Date(HORIZON.getTime() - 3_600_000).toISOString(), new Date(HORIZON.getTime() + 3_600_000).toISOString()],
    );
    await db.query(
      `INSERT INTO source_poll_outcomes (source_id, platform, polled_at, ok, status, valid_until)
       VALUES (gen_random_uuid(), 'x', $1, true, 'ok', $1), (gen_random_uuid(), 'x', $2, true, 'ok', $2)`,
      [new Date(HORIZON.getTime() - 60_000).toISOString(), HORIZON.toISOString()],
    );
    const old = `SELECT id FROM posts WHERE posted_at < '${HORIZON.toISOString()}'`;
    seeded = {
      rollups: await rollupSnapshot(),
      kept: (
        (await db.query(`SELECT id FROM posts WHERE posted_at >= $1 ORDER BY id`, [HORIZON.toISOString()])) as Array<{
          id: string;
        }>
      ).map((r) => r.id),
      oldPosts: await count(`SELECT count(*) FROM (${old}) o`),
      oldScores: await count(`SELECT count(*) FROM post_scores WHERE post_id IN (${old})`),
      oldMentions: await count(`SELECT count(*) FROM post_lab_mentions WHERE post_id IN (${old})`),
    };
    assert.ok(seeded.oldPosts > 3 * BATCH, `${seeded.oldPosts} old posts: more than one batch per platform`);
    assert.ok(seeded.kept.length > 20);
    assert.deepEqual(await rollupsVersusRecount(), [], 'the seeded rollups equal a recount');
  });

  test('deletes old posts with their scores and mentions in bounded batches, leaves newer ones and every rollup as they were', async () => {
    const pass = await retention.runPass(HORIZON, BATCH);
    assert.equal(pass.complete, true);
    assert.equal(pass.watermark?.toISOString(), HORIZON.toISOString());
    assert.equal(pass.heldBack, null);
    assert.deepEqual(
      {
        posts: pass.posts,
        scores: pass.scores,
        mentions: pass.mentions,
        rejections: pass.ingestRejections,
        outcomes: pass.pollOutcomes,
      },
      { posts: seeded.oldPosts, scores: seeded.oldScores, mentions: seeded.oldMentions, rejections: 1, outcomes: 1 },
    );
    assert.ok(pass.batches > Math.ceil(seeded.oldPosts / BATCH), `${pass.batches} batches of at most ${BATCH}`);

    assert.equal(await count('SELECT count(*) FROM posts WHERE posted_at < $1', [HORIZON.toISOString()]), 0);
    const kept = ((await db.query('SELECT id FROM posts ORDER BY id')) as Array<{ id: string }>).map((r) => r.id);
    assert.deepEqual(kept, seeded.kept, 'posts at or after the horizon are untouched');
    assert.deepEqual(await orphans(), { post_scores: 0, post_lab_mentions: 0, pending_scores: 0 });
    assert.deepEqual(await rollupSnapshot(), seeded.rollups, 'every rollup row is unchanged');
    assert.deepEqual(await rollupsVersusRecount(HORIZON), [], 'after the horizon, rollups still equal a recount');
    assert.equal(await count(`SELECT count(*) FROM ingest_rejections WHERE reason = 'new'`), 1);
    assert.equal(await count('SELECT count(*) FROM source_poll_outcomes'), 1);

    const again = await retention.runPass(HORIZON, BATCH);
    assert.equal(again.posts, 0, 'a second pass finds nothing');
  });

  test('a later rebuild or rescore never touches the purged buckets', async () => {
    const scoring = new ScoringRepository(db);
    // A stray dirty row for a purged bucket (e.g. a score saved late) and a rescore of the whole span.
    await db.query(`INSERT INTO dirty_buckets (platform, bucket_start, model_version) VALUES ('x', $1, $2)`, [
      new Date(HORIZON.getTime() - 86_400_000).toISOString(),
      TEST_MODEL_VERSION,
    ]);
    const marked = await scoring.markRangeDirty(new Date(START), new Date(START + SPAN), TEST_MODEL_VERSION);
    assert.ok(marked > 0);
    assert.equal(
      await count('SELECT count(*) FROM dirty_buckets WHERE bucket_start < $1', [HORIZON.toISOString()]),
      1,
      'the rescore marked nothing before the horizon',
    );
    let purged = 0;
    for (;;) {
      const result = await rollups.aggregateDirty(50);
      purged += result.purgedBuckets;
      if (result.claimedRows === 0) break;
    }
    assert.equal(purged, 1, 'the stray bucket was dropped, not rebuilt');
    assert.deepEqual(await rollupSnapshot(), seeded.rollups, 'rebuilt rollups equal the old ones; purged ones kept');
  });

  test('a post older than the watermark or the configured horizon is not stored and is counted as expired', async () => {
    const ingest = new IngestRepository(db);
    const saved = await ingest.saveBatch(
      [rawPost('late-old', new Date(HORIZON.getTime() - 1)), rawPost('late-new', HORIZON)],
      [],
    );
    assert.equal(saved.expired, 1);
    assert.equal(saved.newPostIds.length, 1);
    assert.equal(await count(`SELECT count(*) FROM posts WHERE external_id = 'late-old'`), 0);
    assert.equal(await count(`SELECT count(*) FROM pending_scores`), 1);

    const configured = new IngestRepository(db, testConfig({ POST_RETENTION_DAYS: '30' }));
    const now = Date.now();
    const page = await configured.saveBatch(
      [rawPost('c-old', new Date(now - 31 * 86_400_000)), rawPost('c-new', new Date(now - 86_400_000))],
      [],
    );
    assert.deepEqual({ expired: page.expired, stored: page.newPostIds.length }, { expired: 1, stored: 1 });

    const sources = new SourceRepository(db);
    const source = await sources.create({ kind: 'x_search', name: 'q', target: 'openai' });
    const polled = await configured.savePage(
      source.id,
      0,
      [rawPost('s-old', new Date(now - 40 * 86_400_000)), rawPost('c-new', new Date(now - 86_400_000))],
      null,
      [],
    );
    assert.deepEqual({ expired: polled.expired, stored: polled.newPostIds.length }, { expired: 1, stored: 0 });
  });
});

describe('the watermark waits for unfinished work', () => {
  beforeEach(() => resetData(db));

  test('an unscored post before the horizon holds the watermark at its day; nothing from that day on is purged', async () => {
    await seedScoredPosts(db, dataset(60));
    const [{ id }] = (await db.query(
      `INSERT INTO posts (platform, external_id, text, posted_at) VALUES ('x', 'unscored', 't', '2026-10-22T12:00:00Z') RETURNING id`,
    )) as Array<{ id: string }>;
    await db.query('INSERT INTO pending_scores (post_id) VALUES ($1)', [id]);
    const pass = await retention.runPass(HORIZON, 1_000);
    assert.equal(pass.watermark?.toISOString(), '2026-10-22T00:00:00.000Z');
    assert.match(pass.heldBack ?? '', /scoring/);
    assert.equal(await count(`SELECT count(*) FROM posts WHERE posted_at < '2026-10-22T00:00:00Z'`), 0);
    assert.ok(
      (await count(`SELECT count(*) FROM posts WHERE posted_at >= '2026-10-22T00:00:00Z' AND posted_at < $1`, [
        HORIZON.toISOString(),
      ])) > 1,
    );

    // Scored and aggregated: the next pass reaches the horizon.
    await new ScoringRepository(db).saveScores(
      TEST_MODEL_VERSION,
      [id],
      [
        {
          postId: id,
          scored: true,
          language: 'en',
          sentiment: { label: 'positive', score: 0.5, confidence: 0.9 },
          mentions: [],
        },
      ],
    );
    const blocked = await retention.runPass(HORIZON, 1_000);
    assert.match(blocked.heldBack ?? '', /aggregation/);
    await drain();
    const done = await retention.runPass(HORIZON, 1_000);
    assert.equal(done.watermark?.toISOString(), HORIZON.toISOString());
    assert.equal(await count('SELECT count(*) FROM posts WHERE posted_at < $1', [HORIZON.toISOString()]), 0);
  });

  test('scores for a post below the watermark are not stored, so a purge leaves no row without its post', async () => {
    await seedScoredPosts(db, dataset(30));
    await retention.runPass(HORIZON, 1_000);
    // A post left below the watermark (as a purge batch leaves a post a writer had locked), then a
    // late score job for it: without foreign keys, only the watermark check keeps that score out.
    const [{ id }] = (await db.query(
      `INSERT INTO posts (platform, external_id, text, posted_at) VALUES ('x', 'straggler', 't', '2026-10-22T12:00:00Z') RETURNING id`,
    )) as Array<{ id: string }>;
    const fresh = await new ScoringRepository(db).saveScores(
      TEST_MODEL_VERSION,
      [id],
      [
        {
          postId: id,
          scored: true,
          language: 'en',
          sentiment: { label: 'positive', score: 0.5, confidence: 0.9 },
          mentions: [
            { lab: 'openai', stance: 'favor', score: 0.5, confidence: 0.9, evidence: { start: 0, end: 1, text: 't' } },
          ],
        },
      ],
    );
    assert.equal(fresh, 0);
    assert.equal(await count('SELECT count(*) FROM post_scores WHERE post_id = $1', [id]), 0);
    assert.equal(await count('SELECT count(*) FROM dirty_buckets'), 0, 'no purged bucket is marked for a rebuild');
    const pass = await retention.runPass(HORIZON, 1_000);
    assert.equal(pass.posts, 1);
    assert.deepEqual(await orphans(), { post_scores: 0, post_lab_mentions: 0, pending_scores: 0 });
  });

  test('a pass with a batch budget stops early and reports it; the next one finishes', async () => {
    await seedScoredPosts(db, dataset(120));
    const first = await retention.runPass(HORIZON, 5, { maxBatches: 2 });
    assert.equal(first.complete, false);
    assert.ok(first.posts >= 10, `${first.posts} posts: two full batches at least`);
    let total = first.posts;
    for (let i = 0; i < 50; i += 1) {
      const next = await retention.runPass(HORIZON, 5, { maxBatches: 2 });
      total += next.posts;
      if (next.complete) break;
    }
    assert.equal(await count('SELECT count(*) FROM posts WHERE posted_at < $1', [HORIZON.toISOString()]), 0);
    assert.ok(total > 10);
  });
});

describe('deleting a lab or a source', () => {
  const LAB = 'lifecycle-lab';
  beforeEach(() => resetData(db));

  test('a deleted lab takes its mentions, rollups, rules and alerts; posts stay; other rollups equal a recount', async () => {
    const labs = new LabRepository(db);
    await labs.delete(LAB); // a previous failed run
    assert.ok(
      await labs.create({
        slug: LAB,
        name: 'Lifecycle',
        aliases: [],
        definition: { slug: LAB, name: 'Lifecycle' },
        enabled: true,
      }),
    );
    await seedScoredPosts(db, dataset(90, [LAB, 'openai', 'xai'], 'l'));
    const [rule] = (await db.query(
      `INSERT INTO alert_rules (name, lab_slug, platform, metric, direction, detector, bucket, window_size, baseline, baseline_kind,
         enter_threshold, exit_threshold, min_volume, min_effect, pending_for, resolve_after, cooldown, repeat_interval,
         min_coverage, send_resolved, severity)
       VALUES ('lab rule', $1, 'all', 'volume', 'up', 'zscore', '5m', '1h', '7d', 'trailing', 4, 2, 10, 0.5, '0m', '10m', '24h', '24h', 0.9, true, 'warning')
       RETURNING id`,
      [LAB],
    )) as Array<{ id: string }>;
    await db.query(
      `INSERT INTO alert_states (rule_id, lab_slug, platform, dedupe_key, lifecycle) VALUES ($1, $2, 'all', 'k', '{}')`,
      [rule.id, LAB],
    );
    await db.query(
      `INSERT INTO alerts (id, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key, status, opened_at)
       VALUES (gen_random_uuid(), $1, 1, '{}', $2, 'all', 'volume', 'up', 'k', 'firing', now())`,
      [rule.id, LAB],
    );
    await db.query(
      `INSERT INTO alert_events (alert_id, type, sequence, dedupe_key, occurred_at, payload)
       SELECT id, 'alert.firing', 1, 'alert:' || id || ':1', now(), '{}' FROM alerts WHERE lab_slug = $1`,
      [LAB],
    );
    const posts = await count('SELECT count(*) FROM posts');
    assert.ok((await count('SELECT count(*) FROM trend_buckets WHERE lab_slug = $1', [LAB])) > 0);

    assert.equal(await labs.delete(LAB), true);
    assert.equal(await labs.delete(LAB), false, 'unknown now');
    for (const table of [
      'post_lab_mentions',
      'trend_buckets',
      'alert_rules',
      'alert_states',
      'alerts',
      'alert_evaluations',
    ]) {
      assert.equal(await count(`SELECT count(*) FROM ${table} WHERE lab_slug = $1`, [LAB]), 0, table);
    }
    assert.equal(
      await count(
        `SELECT count(*) FROM alert_events WHERE alert_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.id = alert_id)`,
      ),
      0,
    );
    assert.equal(await count('SELECT count(*) FROM posts'), posts, 'posts stay');
    assert.deepEqual(await orphans(), { post_scores: 0, post_lab_mentions: 0, pending_scores: 0 });
    assert.deepEqual(await rollupsVersusRecount(), []);
    // A rebuild of every bucket afterwards changes nothing.
    const before = await rollupSnapshot();
    await new ScoringRepository(db).markRangeDirty(
      new Date(START),
      new Date(START + SPAN + 86_400_000),
      TEST_MODEL_VERSION,
    );
    await drain();
    assert.deepEqual(await rollupSnapshot(), before);
  });

  test('a lab deleted while a score transaction writes its mentions leaves none behind', async () => {
    const labs = new LabRepository(db);
    await labs.delete(LAB);
    assert.ok(
      await labs.create({
        slug: LAB,
        name: 'Lifecycle',
        aliases: [],
        definition: { slug: LAB, name: 'Lifecycle' },
        enabled: true,
      }),
    );
    const stored = await new IngestRepository(db).saveBatch([rawPost('race', new Date())], []);
    const [postId] = stored.newPostIds;
    const scoring = new ScoringRepository(db);
    let deletion: Promise<boolean> | undefined;
    await db.transaction(async (tx) => {
      await scoring.saveScoresIn(
        tx,
        TEST_MODEL_VERSION,
        [postId],
        [
          {
            postId,
            scored: true,
            language: 'en',
            sentiment: { label: 'positive', score: 0.5, confidence: 0.9 },
            mentions: [
              { lab: LAB, stance: 'favor', score: 0.5, confidence: 0.9, evidence: { start: 0, end: 4, text: 'post' } },
              {
                lab: 'openai',
                stance: 'favor',
                score: 0.5,
                confidence: 0.9,
                evidence: { start: 8, end: 14, text: 'OpenAI' },
              },
            ],
          },
        ],
      );
      // The delete starts while the mentions are written but not committed: it must wait for them.
      deletion = labs.delete(LAB);
      await waitFor(
        async () =>
          (await count(
            `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%DELETE FROM labs%'`,
          )) > 0,
        { description: 'the lab delete waits for the score transaction' },
      );
    });
    assert.equal(await deletion, true);
    assert.equal(
      await count('SELECT count(*) FROM post_lab_mentions WHERE lab_slug = $1', [LAB]),
      0,
      'no mention of the deleted lab',
    );
    assert.equal(
      await count(`SELECT count(*) FROM post_lab_mentions WHERE lab_slug = 'openai' AND post_id = $1`, [postId]),
      1,
      'other labs keep theirs',
    );
  });

  test('a source deleted while a page of it is being stored leaves no post pointing at it', async () => {
    const sources = new SourceRepository(db);
    const source = await sources.create({ kind: 'x_search', name: 'q', target: 'openai' });
    let deletion: Promise<boolean> | undefined;
    // What savePage does: lock the source row, then store the page's posts.
    await db.transaction(async (tx) => {
      await tx.query('SELECT cursor_version FROM sources WHERE id = $1 FOR UPDATE', [source.id]);
      await tx.query(
        `INSERT INTO posts (platform, external_id, source_id, text, posted_at) VALUES ('x', 'in-flight', $1, 't', now())`,
        [source.id],
      );
      deletion = sources.delete(source.id);
      await waitFor(
        async () =>
          (await count(
            `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%DELETE FROM sources%'`,
          )) > 0,
        { description: 'the source delete waits for the page' },
      );
    });
    assert.equal(await deletion, true);
    assert.equal(await count('SELECT count(*) FROM posts WHERE source_id = $1', [source.id]), 0);
    assert.equal(
      await count(`SELECT count(*) FROM posts WHERE external_id = 'in-flight' AND source_id IS NULL`),
      1,
      'the post stays',
    );
  });

  test('a deleted source stops being polled; its posts stay counted, its rejections go, its poll history stays', async () => {
    const sources = new SourceRepository(db);
    const ingest = new IngestRepository(db);
    const scoring = new ScoringRepository(db);
    const source = await sources.create({ kind: 'x_search', name: 'q', target: 'openai' });
    const saved = await ingest.savePage(
      source.id,
      0,
      [rawPost('s1', new Date('2026-10-21T10:00:00Z')), rawPost('s2', new Date('2026-10-21T10:01:00Z'))],
      { next: 'c' },
      [{ location: 'item 3', reason: 'bad', excerpt: '{}' }],
    );
    await scoring.saveScores(
      TEST_MODEL_VERSION,
      saved.newPostIds,
      saved.newPostIds.map((postId) => ({
        postId,
        scored: true,
        language: 'en',
        sentiment: { label: 'positive' as const, score: 0.5, confidence: 0.9 },
        mentions: [
          {
            lab: 'openai',
            stance: 'favor' as const,
            score: 0.5,
            confidence: 0.8,
            evidence: { start: 0, end: 4, text: 'post' },
          },
        ],
      })),
    );
    await drain();
    await sources.recordOutcome(source.id, {
      status: 'ok',
      error: null,
      nextPollAt: new Date(Date.now() + 60_000),
      pausedUntil: null,
      success: true,
    });

    assert.equal(await sources.delete(source.id), true);
    assert.equal(await sources.delete(source.id), false);
    assert.equal(await sources.findById(source.id), null);
    assert.deepEqual(await sources.claimDue(100), []);
    assert.equal(await count('SELECT count(*) FROM posts WHERE source_id IS NULL'), 2);
    assert.equal(await count('SELECT count(*) FROM ingest_rejections WHERE source_id = $1', [source.id]), 0);
    assert.equal(await count('SELECT count(*) FROM source_poll_outcomes WHERE source_id = $1', [source.id]), 1);
    assert.deepEqual(await rollupsVersusRecount(), []);
    assert.equal(await count(`SELECT coalesce(sum(posts), 0) FROM trend_buckets WHERE bucket_width = 'day'`), 2);
    // A poll that was in flight cannot store posts for it any more.
    await assert.rejects(
      ingest.savePage(source.id, saved.cursorVersion, [rawPost('s3', new Date('2026-10-21T10:02:00Z'))], null, []),
    );
  });
});
