import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18 (uncached trend answers): the all-platforms rollup. Most trend and compare queries ask
 * for every platform summed; from trend_buckets that is three rows per bucket and lab, grouped and
 * summed on every request (a 30-day hourly trend for 5 labs: 10.8k rows hash-aggregated into 3.6k).
 * This table holds those sums, one row per (lab, width, bucket), rebuilt by RollupRepository in the
 * same transaction as the trend_buckets rows it sums, from them, never incremented: so it always
 * equals the sum over platforms, through retries, rescoring and rebuilds.
 */
export class TrendBucketsAllPlatforms1796530000000 implements MigrationInterface {
  name = 'TrendBucketsAllPlatforms1796530000000';

  async up(db: QueryRunner): Promise<void> {
    // The aggregators' lock (RollupRepository's AGGREGATION_LOCK_KEY): no rollup is rewritten while
    // the backfill reads them. (10M posts, 3.5M trend_buckets rows: ~2.5 min on a busy 2-core box.)
    await db.query('SELECT pg_advisory_xact_lock(7306311023)');
    await db.query(`
      CREATE TABLE trend_buckets_all_platforms (
        lab_slug text NOT NULL REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        bucket_width text NOT NULL CHECK (bucket_width IN ('5m', 'hour', 'day')),
        bucket_start timestamptz NOT NULL,
        model_version text NOT NULL,
        posts integer NOT NULL,
        positive integer NOT NULL,
        neutral integer NOT NULL,
        negative integer NOT NULL,
        unscored integer NOT NULL,
        favor integer NOT NULL,
        against integer NOT NULL,
        stance_neutral integer NOT NULL,
        sentiment_sum double precision NOT NULL,
        stance_sum double precision NOT NULL,
        likes bigint NOT NULL,
        comments bigint NOT NULL,
        shares bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The trend query's range: (width, lab, start), one row per bucket.
        PRIMARY KEY (bucket_width, lab_slug, bucket_start)
      )`);
    await db.query(`
      INSERT INTO trend_buckets_all_platforms (lab_slug, bucket_width, bucket_start, model_version, posts, positive, neutral, negative,
        unscored, favor, against, stance_neutral, sentiment_sum, stance_sum, likes, comments, shares)
      SELECT lab_slug, bucket_width, bucket_start, max(model_version), sum(posts), sum(positive), sum(neutral), sum(negative),
        sum(unscored), sum(favor), sum(against), sum(stance_neutral), sum(sentiment_sum), sum(stance_sum), sum(likes), sum(comments), sum(shares)
      FROM trend_buckets GROUP BY lab_slug, bucket_width, bucket_start
      -- In time order, as the aggregator writes them, so a range's rows share pages (hash order put
      -- each of a 30-day query's 3,600 rows on its own page: 3,641 buffers instead of ~200).
      ORDER BY bucket_width, bucket_start, lab_slug`);
    await db.query('ANALYZE trend_buckets_all_platforms');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE trend_buckets_all_platforms');
  }
}
