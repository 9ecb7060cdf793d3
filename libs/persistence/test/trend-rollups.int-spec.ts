import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import {
  coverageRecountDifferences,
  openTestDatabase,
  RECOUNT_COLUMNS,
  resetData,
  ROLLUP_COUNT_FIELDS as COUNT_FIELDS,
  ROLLUP_WIDTHS,
  rollupRecountDifferences,
  SCORED_JOIN,
  type ScoredPostSpec,
  seedScoredPosts,
  testConfig,
} from '@labpulse/testing';
import {
  ApiKeyRepository,
  apiKeyMatches,
  type BucketWidth,
  type CalendarUnit,
  PostQueryRepository,
  RollupRepository,
  SourceRepository,
  TrendCoverageRepository,
  TrendRepository,
} from '../src';

let db: DataSource;
let trends: TrendRepository;

before(async () => {
  db = await openTestDatabase(testConfig());
  trends = new TrendRepository(db);
});
after(() => db.destroy());

/** A deterministic pseudo-random generator, so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const LABS = ['openai', 'anthropic', 'deepseek', 'xai'];
const PLATFORMS = ['x', 'facebook', 'linkedin'] as const;
// 23 Oct to 3 Nov 2026: Paris leaves summer time on 25 Oct, New York on 1 Nov.
const START = Date.parse('2026-10-23T00:00:00Z');
const SPAN = 11 * 86_400_000;

function dataset(count: number): ScoredPostSpec[] {
  const random = lcg(20261025);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const labs = LABS.filter(() => random() < 0.4);
    if (labs.length === 0) labs.push(pick(LABS));
    const label = pick(['positive', 'neutral', 'negative', null] as const);
    return {
      platform: pick(PLATFORMS),
      id: `r${i}`,
      // Whole seconds, some exactly on bucket edges.
      at: new Date(
        START + (i % 17 === 0 ? Math.floor(random() * 264) * 3_600_000 : Math.floor((random() * SPAN) / 1000) * 1000),
      ).toISOString(),
      likes: Math.floor(random() * 50),
      comments: Math.floor(random() * 5),
      shares: Math.floor(random() * 3),
      sentiment:
        label === null
          ? null
          : {
              label,
              score:
                label === 'positive'
                  ? 0.25 + random() / 2
                  : label === 'negative'
                    ? -0.25 - random() / 2
                    : random() / 10 - 0.05,
            },
      mentions: labs.map((lab) => {
        const stance = label === null ? null : pick(['favor', 'against', 'neutral'] as const);
        return {
          lab,
          stance,
          score: stance === null ? null : stance === 'favor' ? 0.5 : stance === 'against' ? -0.5 : 0,
        };
      }),
    };
  });
}

describe('rollups against a recount from the posts', () => {
  before(async () => {
    await resetData(db);
    await seedScoredPosts(db, dataset(500));
  });

  for (const width of ROLLUP_WIDTHS) {
    test(`every ${width} rollup row equals a recount of every column`, async () => {
      const diff = await rollupRecountDifferences((sql, params) => db.query(sql, params), width);
      assert.deepEqual(diff, [], `${width} rollups differ from a recount`);
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM trend_buckets WHERE bucket_width = $1', [width]);
      assert.ok(n > (width === 'day' ? 20 : 100), `${n} ${width} rows checked`);
    });
  }

  // Local buckets are derived at query time: each must equal a recount with Postgres' own zone rules.
  const derived: Array<[CalendarUnit, string, BucketWidth]> = [
    ['week', 'UTC', 'day'],
    ['day', 'Europe/Paris', 'hour'],
    ['week', 'Europe/Paris', 'hour'],
    ['day', 'America/New_York', 'hour'],
    ['day', 'Asia/Kolkata', '5m'],
    ['hour', 'Asia/Kathmandu', '5m'],
  ];
  for (const [unit, timeZone, width] of derived) {
    test(`${unit} buckets in ${timeZone} (from ${width} rows) equal a recount, platforms summed and per platform`, async () => {
      const from = new Date('2026-10-19T00:00:00Z');
      const to = new Date('2026-11-09T00:00:00Z');
      for (const byPlatform of [false, true]) {
        const rows = await trends.query({
          labs: LABS,
          width,
          from,
          to,
          platforms: [],
          derive: { unit, timeZone },
          byPlatform,
        });
        assert.ok(rows.length >= (unit === 'week' ? 8 : 40), `${rows.length} rows compared`);
        const recount = (await db.query(
          `SELECT m.lab_slug, ${byPlatform ? 'p.platform' : `'all'`} AS platform, date_trunc($1, p.posted_at, $2) AS bucket_start, ${RECOUNT_COLUMNS}
           ${SCORED_JOIN} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
          [unit, timeZone],
        )) as Array<Record<string, unknown>>;
        const view = (lab: unknown, platform: unknown, at: Date, values: unknown[]) =>
          `${lab} ${platform} ${at.toISOString()} ${values.join(',')}`;
        assert.deepEqual(
          rows.map((r) =>
            view(r.lab, r.platform, r.bucketStart, [
              r.posts,
              r.positive,
              r.neutral,
              r.negative,
              r.unscored,
              r.favor,
              r.against,
              r.stanceNeutral,
              r.likes,
              r.comments,
              r.shares,
            ]),
          ),
          recount.map((r) =>
            view(
              r.lab_slug,
              r.platform,
              r.bucket_start as Date,
              COUNT_FIELDS.map((c) => r[c]),
            ),
          ),
        );
      }
      const starts = new Set((await trends.localBucketStarts({ unit, timeZone }, from, to)).map((d) => d.getTime()));
      const recounted = (await db.query(`SELECT DISTINCT date_trunc($1, posted_at, $2) AS b FROM posts`, [
        unit,
        timeZone,
      ])) as Array<{ b: Date }>;
      for (const { b } of recounted) assert.ok(starts.has(b.getTime()), `${b.toISOString()} is a listed bucket start`);
    });
  }

  test('local day starts follow DST: a 25-hour day in Paris on 25 Oct 2026', async () => {
    const starts = await trends.localBucketStarts(
      { unit: 'day', timeZone: 'Europe/Paris' },
      new Date('2026-10-24T12:00:00Z'),
      new Date('2026-10-27T00:00:00Z'),
    );
    assert.deepEqual(
      starts.map((d) => d.toISOString()),
      ['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z'],
    );
  });

  test('period totals over mixed slices equal a recount', async () => {
    const totals = await trends.totals(
      ['openai', 'xai'],
      ['x', 'linkedin'],
      [
        { period: 'a', width: '5m', from: new Date('2026-10-24T21:05:00Z'), to: new Date('2026-10-24T22:00:00Z') },
        { period: 'a', width: 'hour', from: new Date('2026-10-24T22:00:00Z'), to: new Date('2026-10-25T00:00:00Z') },
        { period: 'a', width: 'day', from: new Date('2026-10-25T00:00:00Z'), to: new Date('2026-10-28T00:00:00Z') },
      ],
    );
    const recount = await db.query(
      `SELECT m.lab_slug, ${RECOUNT_COLUMNS} ${SCORED_JOIN}
       WHERE m.lab_slug IN ('openai', 'xai') AND p.platform IN ('x', 'linkedin') AND p.posted_at >= '2026-10-24T21:05:00Z' AND p.posted_at < '2026-10-28T00:00:00Z'
       GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(
      totals.map((t) => [t.lab, t.posts, t.negative, t.against, t.likes]),
      recount.map((r: Record<string, number>) => [r.lab_slug, r.posts, r.negative, r.against, r.likes]),
    );
  });

  test('all-platforms reads (trend_buckets_all_platforms) give the rows of every platform summed from trend_buckets', async () => {
    const from = new Date('2026-10-19T00:00:00Z');
    const to = new Date('2026-11-09T00:00:00Z');
    const view = (rows: Array<Record<string, unknown>>) =>
      rows.map((r) =>
        Object.values({
          ...r,
          sentimentSum: Number(r.sentimentSum).toFixed(9),
          stanceSum: Number(r.stanceSum).toFixed(9),
        })
          .map(String)
          .join(' '),
      );
    for (const width of ROLLUP_WIDTHS) {
      const summed = await trends.query({ labs: LABS, width, from, to, platforms: [] });
      // Naming every platform reads trend_buckets and sums it per request, as before the table existed.
      const perPlatform = await trends.query({ labs: LABS, width, from, to, platforms: [...PLATFORMS] });
      assert.ok(summed.length > 20, `${summed.length} ${width} rows compared`);
      assert.deepEqual(
        view(summed as unknown as Array<Record<string, unknown>>),
        view(perPlatform as unknown as Array<Record<string, unknown>>),
      );
    }
    const slices = [
      {
        period: 'a',
        width: '5m' as const,
        from: new Date('2026-10-24T21:05:00Z'),
        to: new Date('2026-10-24T22:00:00Z'),
      },
      {
        period: 'a',
        width: 'hour' as const,
        from: new Date('2026-10-24T22:00:00Z'),
        to: new Date('2026-10-25T00:00:00Z'),
      },
      {
        period: 'b',
        width: 'day' as const,
        from: new Date('2026-10-25T00:00:00Z'),
        to: new Date('2026-10-28T00:00:00Z'),
      },
    ];
    assert.deepEqual(
      view((await trends.totals(LABS, [], slices)) as unknown as Array<Record<string, unknown>>),
      view((await trends.totals(LABS, [...PLATFORMS], slices)) as unknown as Array<Record<string, unknown>>),
    );
  });

  test('a rebuild that leaves a lab out of a bucket removes its all-platforms row; the rest still equal the sum over platforms', async () => {
    const [bucket] = (await db.query(
      `SELECT lab_slug, bucket_start FROM trend_buckets_all_platforms WHERE bucket_width = '5m' ORDER BY posts DESC, bucket_start LIMIT 1`,
    )) as Array<{ lab_slug: string; bucket_start: Date }>;
    // The lab's mentions in that 5-minute bucket go (as a rescore with a new model may drop them), on every platform.
    const dirtied = (await db.query(
      `WITH gone AS (
         DELETE FROM post_lab_mentions m USING posts p
         WHERE m.post_id = p.id AND m.lab_slug = $1 AND p.posted_at >= $2 AND p.posted_at < $2::timestamptz + interval '5 minutes'
         RETURNING p.platform, m.model_version)
       INSERT INTO dirty_buckets (platform, bucket_start, model_version) SELECT DISTINCT platform, $2::timestamptz, model_version FROM gone
       RETURNING platform`,
      [bucket.lab_slug, bucket.bucket_start],
    )) as unknown[];
    assert.ok(dirtied.length > 0);
    await new RollupRepository(db).aggregateDirty(1_000);
    const rows = (await db.query(
      `SELECT bucket_width FROM trend_buckets_all_platforms WHERE lab_slug = $1 AND bucket_width = '5m' AND bucket_start = $2`,
      [bucket.lab_slug, bucket.bucket_start],
    )) as unknown[];
    assert.deepEqual(rows, [], 'no all-platforms row for a lab no platform mentions in the bucket');
    for (const width of ROLLUP_WIDTHS) {
      assert.deepEqual(
        await rollupRecountDifferences((sql, params) => db.query(sql, params), width),
        [],
        `${width} rollups after the rebuild`,
      );
    }
  });

  test('mentions carry their post sort keys (copied by the trigger) for the drill-down indexes', async () => {
    const drift = await db.query(
      `SELECT m.post_id FROM post_lab_mentions m JOIN posts p ON p.id = m.post_id
       LEFT JOIN post_scores s ON s.post_id = m.post_id AND s.model_version = m.model_version
       WHERE m.posted_at IS DISTINCT FROM p.posted_at OR m.platform IS DISTINCT FROM p.platform
          OR m.engagement IS DISTINCT FROM (p.likes + p.comments + p.shares)
          OR m.sentiment_label IS DISTINCT FROM s.sentiment_label OR m.sentiment_score IS DISTINCT FROM s.sentiment_score`,
    );
    assert.deepEqual(drift, []);
    const posts = new PostQueryRepository(db);
    const version = await posts.currentModelVersion('openai');
    const all: string[] = [];
    let after;
    for (;;) {
      const page = await posts.page({
        lab: 'openai',
        modelVersion: version as string,
        sort: 'engagement',
        limit: 37,
        after,
      });
      all.push(...page.map((p) => p.postId));
      if (page.length < 37) break;
      after = page[page.length - 1].position;
    }
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM post_lab_mentions WHERE lab_slug = 'openai'`);
    assert.equal(all.length, n, 'keyset pages visit every post once');
    assert.equal(new Set(all).size, n);
  });

  test('a mention inserted without its sort keys gets them from the trigger, which fires only then', async () => {
    const [{ def }] = await db.query(
      `SELECT pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgname = 'post_lab_mentions_copy_sort_keys'`,
    );
    assert.match(
      def,
      /BEFORE INSERT .* WHEN \(\(new\.posted_at IS NULL\)\) EXECUTE FUNCTION/,
      'not called for rows that carry their keys',
    );
    const [post] = await db.query(
      `SELECT p.id, p.posted_at, p.platform, (p.likes::bigint + p.comments + p.shares)::text AS engagement, s.model_version, s.sentiment_score
       FROM posts p JOIN post_scores s ON s.post_id = p.id WHERE s.sentiment_score IS NOT NULL LIMIT 1`,
    );
    const copied = await db
      .transaction(async (tx) => {
        await tx.query('DELETE FROM post_lab_mentions WHERE post_id = $1', [post.id]);
        await tx.query(
          `INSERT INTO post_lab_mentions (post_id, model_version, lab_slug, evidence, evidence_start, evidence_end) VALUES ($1, $2, 'openai', 'x', 0, 1)`,
          [post.id, post.model_version],
        );
        const [row] = await tx.query(
          'SELECT posted_at, platform, engagement, sentiment_score FROM post_lab_mentions WHERE post_id = $1',
          [post.id],
        );
        throw Object.assign(new Error('rollback'), { row });
      })
      .catch((error: Error & { row?: unknown }) => error.row ?? Promise.reject(error));
    assert.deepEqual(copied, {
      posted_at: post.posted_at,
      platform: post.platform,
      engagement: post.engagement,
      sentiment_score: post.sentiment_score,
    });
  });
});

describe('zone offsets', () => {
  test('whole-hour, half-hour and UTC zones are told apart with Postgres tz data', async () => {
    const year = [new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')] as const;
    assert.deepEqual(await trends.zoneOffsetProfile('UTC', ...year), {
      utc: true,
      wholeHours: true,
      fiveMinutes: true,
    });
    assert.deepEqual(await trends.zoneOffsetProfile('Europe/Paris', ...year), {
      utc: false,
      wholeHours: true,
      fiveMinutes: true,
    });
    assert.deepEqual(await trends.zoneOffsetProfile('Asia/Kolkata', ...year), {
      utc: false,
      wholeHours: false,
      fiveMinutes: true,
    });
    assert.deepEqual(await trends.zoneOffsetProfile('Australia/Lord_Howe', ...year), {
      utc: false,
      wholeHours: false,
      fiveMinutes: true,
    });
    const names = await trends.timeZoneNames();
    assert.ok(names.includes('Europe/Paris') && !names.includes('UTC+3'));
  });
});

describe('source health for coverage', () => {
  before(() => resetData(db));

  test('a poll outcome is logged and marks the buckets it vouches for; repeating it changes nothing', async () => {
    const sources = new SourceRepository(db);
    const source = await sources.create({ kind: 'x_search', name: 'q', target: 'openai' });
    const next = new Date(Date.now() + 2 * 3_600_000);
    const outcome = { status: 'ok' as const, error: null, nextPollAt: next, pausedUntil: null, success: true };
    await sources.recordOutcome(source.id, outcome);
    const [logged] = await db.query(
      'SELECT platform, ok, status, valid_until FROM source_poll_outcomes WHERE source_id = $1',
      [source.id],
    );
    assert.deepEqual(
      [logged.platform, logged.ok, logged.status, logged.valid_until.getTime()],
      ['x', true, 'ok', next.getTime()],
    );
    const counts = async () =>
      Object.fromEntries(
        (
          await db.query(
            `SELECT bucket_width, count(*)::int AS n, bool_and(ok) AS ok, bool_or(failed) AS failed FROM source_health_buckets WHERE source_id = $1 GROUP BY 1`,
            [source.id],
          )
        ).map((r: { bucket_width: string; n: number; ok: boolean; failed: boolean }) => [
          r.bucket_width,
          [r.n, r.ok, r.failed],
        ]),
      );
    const first = await counts();
    assert.ok(first['5m'][0] >= 24 && first['5m'][0] <= 25, `two hours of 5-minute buckets: ${first['5m'][0]}`);
    assert.ok(first.hour[0] >= 2 && first.hour[0] <= 3);
    assert.deepEqual([first['5m'][1], first['5m'][2]], [true, false]);
    const stored = await sources.findById(source.id);
    assert.equal(stored?.status, 'ok');
    assert.equal(stored?.consecutiveFailures, 0);

    await sources.recordOutcome(source.id, outcome);
    assert.deepEqual(await counts(), first);
    // A later outcome supersedes what an earlier one projected beyond its own span.
    await sources.recordOutcome(source.id, { ...outcome, nextPollAt: new Date(Date.now() + 60_000) });
    assert.ok((await counts())['5m'][0] <= 2, 'the two-hour projection gave way to the next poll in a minute');
    await sources.recordOutcome(source.id, {
      status: 'failing',
      error: 'HTTP 500',
      nextPollAt: new Date(Date.now() + 60_000),
      pausedUntil: null,
      success: false,
    });
    assert.equal((await counts())['5m'][2], true, 'a failure is recorded in the buckets it covers');
    assert.equal((await sources.findById(source.id))?.consecutiveFailures, 1);
  });

  test('a failed attempt followed by a successful retry in the same bucket is healthy; a pause is paused, not failed', async () => {
    const sources = new SourceRepository(db);
    const coverage = new TrendCoverageRepository(db);
    const source = await sources.create({ kind: 'linkedin_org', name: 'li', target: 'urn:li:organization:1' });
    const soon = () => new Date(Date.now() + 60_000);
    const health = async () => {
      const now = Date.now();
      const rows = await coverage.coverage({
        width: 'hour',
        from: new Date(now - 3_600_000),
        to: new Date(now + 1),
        platforms: ['linkedin'],
        byPlatform: true,
      });
      return rows.map((r) => [r.sources, r.healthy, r.paused]);
    };
    await sources.recordOutcome(source.id, {
      status: 'failing',
      error: 'LinkedIn answered 503',
      nextPollAt: soon(),
      pausedUntil: null,
      success: false,
    });
    assert.deepEqual(await health(), [[1, 0, 0]], 'failed so far');
    await sources.recordOutcome(source.id, {
      status: 'ok',
      error: null,
      nextPollAt: soon(),
      pausedUntil: null,
      success: true,
    });
    assert.deepEqual(await health(), [[1, 1, 0]], 'the retry succeeded: nothing was lost');
    const until = new Date(Date.now() + 2 * 3_600_000);
    await sources.recordOutcome(source.id, {
      status: 'paused',
      error: 'LinkedIn daily limit reached',
      nextPollAt: until,
      pausedUntil: until,
      success: false,
    });
    assert.deepEqual(await health(), [[1, 0, 1]], 'paused: not collecting, and not a failure');
    const stored = await sources.findById(source.id);
    assert.equal(stored?.consecutiveFailures, 0, 'a pause is no failure');
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM source_health_buckets WHERE source_id = $1 AND paused AND bucket_start > now()`,
      [source.id],
    );
    assert.ok(n > 0, 'the pause is projected until it ends');
    assert.ok(await sources.resume(source.id));
    const [{ left }] = await db.query(
      `SELECT count(*)::int AS left FROM source_health_buckets WHERE source_id = $1 AND paused AND bucket_start > now()`,
      [source.id],
    );
    assert.equal(left, 0, 'resuming drops the projected pause');
    assert.equal(await sources.resume(source.id), null, 'not paused any more');
  });

  test('file imports are logged but are no platform collector', async () => {
    const sources = new SourceRepository(db);
    const source = await sources.create({ kind: 'import', name: 'f', target: '/dev/null' });
    await sources.recordOutcome(source.id, {
      status: 'ok',
      error: null,
      nextPollAt: new Date(),
      pausedUntil: null,
      success: true,
    });
    const [logged] = await db.query('SELECT platform FROM source_poll_outcomes WHERE source_id = $1', [source.id]);
    assert.equal(logged.platform, null);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM source_health_buckets WHERE source_id = $1', [
      source.id,
    ]);
    assert.equal(n, 0);
  });

  test('the per-platform coverage rows equal a recount after outcomes, retries, pauses, resumes and deletes', async () => {
    const sources = new SourceRepository(db);
    const coverage = new TrendCoverageRepository(db);
    const x1 = await sources.create({ kind: 'x_search', name: 'x1', target: 'a' });
    const x2 = await sources.create({ kind: 'x_search', name: 'x2', target: 'b' });
    const fb = await sources.create({ kind: 'facebook_page', name: 'fb', target: 'c' });
    const later = (ms: number) => new Date(Date.now() + ms);
    const ok = (ms: number) => ({
      status: 'ok' as const,
      error: null,
      nextPollAt: later(ms),
      pausedUntil: null,
      success: true,
    });
    const failing = {
      status: 'failing' as const,
      error: 'HTTP 500',
      nextPollAt: later(60_000),
      pausedUntil: null,
      success: false,
    };
    const check = async (step: string) =>
      assert.deepEqual(await coverageRecountDifferences((sql, params) => db.query(sql, params)), [], step);
    await Promise.all([sources.recordOutcome(x1.id, ok(3_600_000)), sources.recordOutcome(x2.id, failing)]);
    await sources.recordOutcome(fb.id, ok(7_200_000));
    await check('first outcomes, two of them concurrent');
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM source_coverage_buckets');
    assert.ok(n > 0, 'the outcomes were counted');
    await sources.recordOutcome(x2.id, ok(60_000));
    await check('a retry that succeeded replaces the failure');
    await sources.pausePlatform('x_search', later(3 * 3_600_000), 'X answered 429', x2.id);
    await check('a platform pause');
    await sources.resume(x1.id);
    await check('a resume drops the projected pause');
    await sources.delete(fb.id);
    await db.query('DELETE FROM source_health_buckets WHERE source_id = $1', [x2.id]);
    await check('rows deleted');
    // What the trend API reads for stored buckets equals counting the source rows.
    const now = Date.now();
    const range = {
      width: 'hour' as const,
      from: new Date(now - 3_600_000),
      to: new Date(now + 4 * 3_600_000),
      platforms: [],
    };
    const kept = await coverage.coverage({ ...range, byPlatform: true });
    const recounted = await db.query(
      `SELECT platform, bucket_start, count(*)::int AS sources, count(*) FILTER (WHERE NOT (failed OR paused))::int AS healthy,
              count(*) FILTER (WHERE paused)::int AS paused
       FROM source_health_buckets WHERE bucket_width = 'hour' AND bucket_start >= $1 AND bucket_start < $2
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [range.from.toISOString(), range.to.toISOString()],
    );
    assert.ok(recounted.length > 0);
    assert.deepEqual(
      kept.map((r) => [r.platform, r.bucketStart.getTime(), r.sources, r.healthy, r.paused]),
      recounted.map((r: { platform: string; bucket_start: Date; sources: number; healthy: number; paused: number }) => [
        r.platform,
        r.bucket_start.getTime(),
        r.sources,
        r.healthy,
        r.paused,
      ]),
    );
    await db.query('TRUNCATE source_health_buckets');
    assert.deepEqual(await db.query('SELECT * FROM source_coverage_buckets'), [], 'truncation empties the counts too');
  });

  test('coverage per local day: a source counts once, and is healthy only without a failure in the bucket', async () => {
    await db.query('TRUNCATE source_health_buckets');
    const a = '00000000-0000-4000-8000-00000000000a';
    const b = '00000000-0000-4000-8000-00000000000b';
    // Paris 25 Oct = 24 Oct 22:00Z .. 25 Oct 23:00Z. a: ok all along; b: one failed hour, then ok.
    await db.query(
      `INSERT INTO source_health_buckets (source_id, platform, bucket_width, bucket_start, ok, failed)
       SELECT $1::uuid, 'x', 'hour', g, true, false FROM generate_series(TIMESTAMPTZ '2026-10-24T22:00:00Z', '2026-10-25T22:00:00Z', interval '1 hour') g
       UNION ALL SELECT $2::uuid, 'linkedin', 'hour', '2026-10-25T05:00:00Z', false, true
       UNION ALL SELECT $2::uuid, 'linkedin', 'hour', '2026-10-25T23:00:00Z', true, false`,
      [a, b],
    );
    const coverage = new TrendCoverageRepository(db);
    const rows = await coverage.coverage({
      width: 'hour',
      from: new Date('2026-10-23T22:00:00Z'),
      to: new Date('2026-10-26T23:00:00Z'),
      platforms: [],
      derive: { unit: 'day', timeZone: 'Europe/Paris' },
    });
    assert.deepEqual(
      rows.map((r) => [r.bucketStart.toISOString(), r.sources, r.healthy]),
      [
        ['2026-10-24T22:00:00.000Z', 2, 1],
        ['2026-10-25T23:00:00.000Z', 1, 1],
      ],
    );
    const xOnly = await coverage.coverage({
      width: 'hour',
      from: new Date('2026-10-25T05:00:00Z'),
      to: new Date('2026-10-25T06:00:00Z'),
      platforms: ['x'],
      byPlatform: true,
    });
    assert.deepEqual(
      xOnly.map((r) => [r.platform, r.sources, r.healthy]),
      [['x', 1, 1]],
    );
  });
});

describe('API keys', () => {
  test('issued keys are stored as a SHA-256 hash, found by prefix, and revocable', async () => {
    const keys = new ApiKeyRepository(db);
    const { key, record } = await keys.issue({ scopes: ['admin'], name: 'ops', rateLimitPerMinute: 100 });
    assert.match(key, /^lp_[A-Za-z0-9_-]{43}$/);
    const found = await keys.findByPrefix(record.prefix);
    assert.ok(found && apiKeyMatches(key, found.keyHash) && !apiKeyMatches(`${key}x`, found.keyHash));
    assert.deepEqual([found.scopes, found.rateLimitPerMinute, found.name], [['admin'], 100, 'ops']);
    await keys.touch(record.id);
    assert.ok((await keys.findByPrefix(record.prefix))?.lastUsedAt);
    assert.equal(await keys.revoke(record.prefix), true);
    assert.equal(await keys.revoke(record.prefix), false, 'already revoked');
    assert.ok((await keys.findByPrefix(record.prefix))?.revokedAt);
  });
});
