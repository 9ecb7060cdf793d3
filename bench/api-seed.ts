/**
 * Seeds a throwaway database for bench:api entirely server-side (INSERT ... SELECT over
 * generate_series), so ten million posts take minutes, not hours: scored posts over a year for 12
 * labs on 3 platforms, their lab mentions, and a year of collector health for coverage. Rollups
 * are then built by the product's own RollupRepository, from dirty buckets, as the worker does.
 */
import type { DataSource } from 'typeorm';
import { RollupRepository } from '@labpulse/persistence';

export const BENCH_MODEL_VERSION = 'bench-v1';
export const YEAR_START = '2025-11-01T00:00:00Z';
export const YEAR_END = '2026-11-01T00:00:00Z';

/** The 7 seeded labs plus 5 more: 12, ordered from most to least talked about. */
export const BENCH_LABS = [
  'openai',
  'anthropic',
  'google-deepmind',
  'meta-ai',
  'deepseek',
  'xai',
  'mistral-ai',
  'cohere',
  'perplexity',
  'qwen',
  'stability-ai',
  'reka',
];
const EXTRA_LABS: Array<[string, string]> = [
  ['cohere', 'Cohere'],
  ['perplexity', 'Perplexity'],
  ['qwen', 'Qwen'],
  ['stability-ai', 'Stability AI'],
  ['reka', 'Reka'],
];

const CHUNK = 1_000_000;

export interface SeedTimings {
  postsSeconds: number;
  indexSeconds: number;
  healthSeconds: number;
  rollupSeconds: number;
  mentions: number;
  rollupRows: number;
}

type Log = (line: string) => void;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await fn();
  return (Date.now() - started) / 1000;
}

export async function seedBenchDatabase(db: DataSource, posts: number, log: Log): Promise<SeedTimings> {
  const runner = db.createQueryRunner();
  await runner.connect();
  let postsSeconds: number;
  let indexSeconds: number;
  let healthSeconds: number;
  const q = (sql: string, params: unknown[] = []) => runner.query(sql, params);
  try {
    // A throwaway database: skip FK checks and the mention trigger (the loader fills those columns
    // itself), trade durability for speed, and give index builds memory.
    await q(`SET session_replication_role = replica`);
    await q(`SET synchronous_commit = off`);
    await q(`SET maintenance_work_mem = '512MB'`);
    await q(`SET max_parallel_maintenance_workers = 1`);
    for (const [slug, name] of EXTRA_LABS) {
      await q(
        `INSERT INTO labs (slug, name, aliases, definition) VALUES ($1, $2, ARRAY[$2], jsonb_build_object('slug', $1::text, 'name', $2::text)) ON CONFLICT DO NOTHING`,
        [slug, name],
      );
    }
    // Secondary indexes are rebuilt once after the load: far faster than maintaining them row by row.
    await q(`ALTER TABLE posts DROP CONSTRAINT posts_platform_external_id_key`);
    await q(`DROP INDEX posts_platform_posted_at_idx`);
    await q(
      `DROP INDEX post_lab_mentions_recent_idx, post_lab_mentions_engagement_idx, post_lab_mentions_sentiment_idx`,
    );
    await q(`SELECT setseed(0.42)`);

    postsSeconds = await timed(async () => {
      for (let first = 1; first <= posts; first += CHUNK) {
        const last = Math.min(posts, first + CHUNK - 1);
        const started = Date.now();
        await q(
          `INSERT INTO posts (id, platform, external_id, author_id, author_name, text, language, posted_at, fetched_at, likes, comments, shares)
           OVERRIDING SYSTEM VALUE
           SELECT g, CASE WHEN r1 < 0.6 THEN 'x' WHEN r1 < 0.84 THEN 'linkedin' ELSE 'facebook' END, (1850000000000000000 + g)::text,
                  'u' || (g % 50000), 'user ' || (g % 50000), 'bench post ' || g || ' about AI labs',
                  CASE WHEN g % 31 = 0 THEN 'fr' ELSE 'en' END, at, at + interval '2 minutes',
                  floor(power(r2, 3) * 400)::int, floor(power(r3, 3) * 40)::int, floor(power(r4, 4) * 60)::int
           -- random() in a subquery's select list runs once per row (a LATERAL without outer references may run once).
           FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                        $3::timestamptz + random() * ($4::timestamptz - $3::timestamptz) AS at
                 FROM generate_series($1::bigint, $2::bigint) AS g) AS v`,
          [first, last, YEAR_START, YEAR_END],
        );
        // One score per post: ~3% unscorable (French here), the rest spread over [-1, 1].
        await q(
          `INSERT INTO post_scores (post_id, model_version, scored, language, sentiment_label, sentiment_score, sentiment_confidence)
           SELECT id, $3, language = 'en', language,
                  CASE WHEN language <> 'en' THEN NULL WHEN s > 0.25 THEN 'positive' WHEN s < -0.25 THEN 'negative' ELSE 'neutral' END,
                  CASE WHEN language = 'en' THEN s END, CASE WHEN language = 'en' THEN c END
           FROM (SELECT id, language, (random() * 2 - 1)::real AS s, (0.5 + random() / 2)::real AS c
                 FROM posts WHERE id BETWEEN $1 AND $2) AS p`,
          [first, last, BENCH_MODEL_VERSION],
        );
        // One lab per post, a second for one post in five; popularity skewed toward the first labs.
        await q(
          `INSERT INTO post_lab_mentions (post_id, model_version, lab_slug, stance, stance_score, stance_confidence, evidence,
                                          evidence_start, evidence_end, posted_at, platform, engagement, sentiment_label, sentiment_score)
           SELECT p.id, $3, l.lab, st.stance,
                  CASE st.stance WHEN 'favor' THEN 0.6 WHEN 'against' THEN -0.6 WHEN 'neutral' THEN 0 END,
                  CASE WHEN st.stance IS NOT NULL THEN 0.7 END, l.lab, 0, 6,
                  p.posted_at, p.platform, p.likes::bigint + p.comments + p.shares, s.sentiment_label, s.sentiment_score
           FROM posts p
           JOIN post_scores s ON s.post_id = p.id AND s.model_version = $3
           CROSS JOIN LATERAL (
             SELECT DISTINCT ($4::text[])[1 + floor(power(random(), 1.7) * 12)::int] AS lab
             FROM generate_series(1, CASE WHEN random() < 0.2 THEN 2 ELSE 1 END + 0 * p.id)) AS l
           CROSS JOIN LATERAL (SELECT CASE WHEN s.sentiment_label IS NULL THEN NULL
             WHEN random() < 0.45 THEN (CASE WHEN s.sentiment_score > 0 THEN 'favor' ELSE 'against' END) ELSE 'neutral' END AS stance) AS st
           WHERE p.id BETWEEN $1 AND $2`,
          [first, last, BENCH_MODEL_VERSION, BENCH_LABS],
        );
        log(
          `  posts ${first.toLocaleString('en')}..${last.toLocaleString('en')} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
      await q(`SELECT setval(pg_get_serial_sequence('posts', 'id'), $1)`, [posts]);
    });

    indexSeconds = await timed(async () => {
      await q(`ALTER TABLE posts ADD CONSTRAINT posts_platform_external_id_key UNIQUE (platform, external_id)`);
      await q(`CREATE INDEX posts_platform_posted_at_idx ON posts (platform, posted_at)`);
      await q(
        `CREATE INDEX post_lab_mentions_recent_idx ON post_lab_mentions (lab_slug, model_version, posted_at, post_id)`,
      );
      await q(
        `CREATE INDEX post_lab_mentions_engagement_idx ON post_lab_mentions (lab_slug, model_version, engagement, post_id)`,
      );
      await q(
        `CREATE INDEX post_lab_mentions_sentiment_idx ON post_lab_mentions (lab_slug, model_version, sentiment_score, post_id) WHERE sentiment_score IS NOT NULL`,
      );
    });
    log(`  indexes rebuilt in ${indexSeconds.toFixed(1)} s`);

    // 12 labs x 3 platforms = 36 sources polled every 5 minutes; each has a few outages a month.
    healthSeconds = await timed(async () => {
      await q(
        `INSERT INTO sources (id, kind, name, target, poll_interval_seconds)
         SELECT md5(l || k)::uuid, k, l || ' on ' || k, l, 300
         FROM unnest($1::text[]) AS l CROSS JOIN unnest(ARRAY['x_search', 'facebook_page', 'linkedin_org']) AS k`,
        [BENCH_LABS],
      );
      await q(`ALTER TABLE source_health_buckets DROP CONSTRAINT source_health_buckets_pkey`);
      await q(`DROP INDEX source_health_buckets_range_idx`);
      for (const [width, step] of [
        ['5m', '5 minutes'],
        ['hour', '1 hour'],
        ['day', '1 day'],
      ]) {
        await q(
          `INSERT INTO source_health_buckets (source_id, platform, bucket_width, bucket_start, ok, failed)
           SELECT s.id, CASE s.kind WHEN 'x_search' THEN 'x' WHEN 'facebook_page' THEN 'facebook' ELSE 'linkedin' END, $1, b,
                  true, (hashtext(s.id::text || date_trunc('hour', b)::text) % 97 = 0)
           FROM sources s CROSS JOIN generate_series($3::timestamptz, $4::timestamptz - $2::interval, $2::interval) AS b`,
          [width, step, YEAR_START, YEAR_END],
        );
      }
      await q(`ALTER TABLE source_health_buckets ADD PRIMARY KEY (source_id, bucket_width, bucket_start)`);
      await q(
        `CREATE INDEX source_health_buckets_range_idx ON source_health_buckets (bucket_width, bucket_start) INCLUDE (platform, source_id, failed)`,
      );
      // The counting triggers do not fire in replica mode: count once, as the migration's backfill does.
      await q(
        `INSERT INTO source_coverage_buckets (bucket_width, bucket_start, platform, sources, unhealthy, paused)
         SELECT bucket_width, bucket_start, platform, count(*), count(*) FILTER (WHERE failed OR paused), count(*) FILTER (WHERE paused)
         FROM source_health_buckets GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      );
    });
    log(`  collector health (36 sources, a year of 5m/hour/day buckets) in ${healthSeconds.toFixed(1)} s`);

    await q(`RESET session_replication_role`);
    // Ids in time order: claims (ORDER BY id) then walk the year, so each hour and day row is rebuilt
    // a few times, not once per claim.
    await q(
      `INSERT INTO dirty_buckets (platform, bucket_start, model_version)
       SELECT platform, bucket_start, $1 FROM (
         SELECT DISTINCT platform, date_bin('5 minutes', posted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket_start FROM posts) AS b
       ORDER BY bucket_start, platform`,
      [BENCH_MODEL_VERSION],
    );
    await q(`ANALYZE`);
  } finally {
    await runner.release();
  }

  const rollups = new RollupRepository(db);
  const dirty = await rollups.countDirty();
  let done = 0;
  let lastLog = Date.now();
  const rollupSeconds = await timed(async () => {
    for (;;) {
      const result = await rollups.aggregateDirty(3_000);
      if (result.fiveMinuteBuckets === 0) break;
      done += result.fiveMinuteBuckets;
      // trend_buckets grows from empty here; fresh statistics keep the rebuild on its indexes.
      if (done % 30_000 < 3_000) await db.query('ANALYZE trend_buckets');
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(`  rollups: ${done.toLocaleString('en')} / ${dirty.toLocaleString('en')} dirty 5-minute buckets`);
      }
    }
  });
  log(
    `  rollups: ${dirty.toLocaleString('en')} dirty 5-minute buckets rebuilt by RollupRepository in ${rollupSeconds.toFixed(1)} s`,
  );
  await db.query('VACUUM ANALYZE');
  const [{ mentions }] = (await db.query('SELECT count(*)::bigint AS mentions FROM post_lab_mentions')) as Array<{
    mentions: string;
  }>;
  const [{ rows }] = (await db.query('SELECT count(*)::bigint AS rows FROM trend_buckets')) as Array<{ rows: string }>;
  return {
    postsSeconds,
    indexSeconds,
    healthSeconds,
    rollupSeconds,
    mentions: Number(mentions),
    rollupRows: Number(rows),
  };
}
