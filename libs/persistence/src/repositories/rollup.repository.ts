import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { PLATFORMS } from '@labpulse/connectors';
import { lockAggregation } from '../locking';
import { ROLLUP_COUNT_COLUMNS } from './rollup-columns';

const COUNT_COLUMNS = [...ROLLUP_COUNT_COLUMNS, 'sentiment_sum', 'stance_sum'] as const;

// The platforms a bucket can have rows for (the all-platforms rebuild probes
// trend_buckets_rebuild_idx once per platform and bucket).

const UPDATE_SET = [...COUNT_COLUMNS, 'model_version'].map((c) => `${c} = EXCLUDED.${c}`).join(', ');

export interface AggregationResult {
  /** Work-list rows taken; fewer than the limit means the list was drained. */
  claimedRows: number;
  fiveMinuteBuckets: number;
  hourBuckets: number;
  dayBuckets: number;
  /** 5-minute buckets claimed but not rebuilt: before the retention watermark, their posts are (being) purged. */
  purgedBuckets: number;
}

/**
 * Recomputes rollups from the scored rows. Each bucket is rebuilt from scratch, never incremented,
 * so retries and duplicate jobs cannot double-count; rows for labs no longer present are removed.
 */
@Injectable()
export class RollupRepository {
  constructor(private readonly db: DataSource) {}

  /** Claims up to `limit` rows of the dirty-bucket work list and rebuilds those buckets, their hours and days. */
  async aggregateDirty(limit: number): Promise<AggregationResult> {
    return this.db.transaction(async (tx) => {
      await lockAggregation(tx);
      // Every lookup of the rebuild finds a few rows by key (a bucket's posts, each post's score and
      // mentions), where a plain index scan is cheapest. Without fresh statistics (a young table,
      // autovacuum behind) the planner chose a bitmap scan for each, with its per-scan setup:
      // EXPLAIN ANALYZE of a 1,000-row claim (943 buckets, 21.7k posts) 470-500 -> 340-385 ms.
      await tx.query('SET LOCAL enable_bitmapscan = off');
      const claimed = (await tx.query(
        // Claims only rows this statement can see; the rebuild below runs on a later snapshot, so
        // it includes every score whose dirty row was claimed. (A CTE, because TypeORM returns
        // [rows, count] for a bare DELETE ... RETURNING.)
        // One rebuild per bucket; if a rescore and live scoring both dirtied it, the latest version wins.
        // A bucket before the retention watermark is dropped, never rebuilt: its posts are purged
        // (or being purged), and its rollups are kept as they were (docs/data-lifecycle.md). The
        // watermark is stable here: the retention job advances it only under this same lock.
        `WITH claimed AS (
           DELETE FROM dirty_buckets WHERE id IN (SELECT id FROM dirty_buckets ORDER BY id LIMIT $1)
           RETURNING id, platform, bucket_start, model_version)
         SELECT DISTINCT ON (platform, bucket_start) platform, bucket_start, model_version, count(*) OVER ()::int AS claimed_rows,
           bucket_start < coalesce((SELECT purged_before FROM retention_watermark), '-infinity') AS purged
         FROM claimed ORDER BY platform, bucket_start, id DESC`,
        [limit],
      )) as Array<{
        platform: string;
        bucket_start: Date;
        model_version: string;
        claimed_rows: number;
        purged: boolean;
      }>;
      const live = claimed.filter((c) => !c.purged);
      const purgedBuckets = claimed.length - live.length;
      if (live.length === 0)
        return {
          claimedRows: claimed[0]?.claimed_rows ?? 0,
          fiveMinuteBuckets: 0,
          hourBuckets: 0,
          dayBuckets: 0,
          purgedBuckets,
        };
      const platforms = live.map((c) => c.platform);
      const starts = live.map((c) => c.bucket_start.toISOString());
      const versions = live.map((c) => c.model_version);
      await this.rebuildFiveMinute(tx, platforms, starts, versions);
      const hours = await this.rebuildFromFiner(tx, 'hour', '5m', platforms, starts);
      const days = await this.rebuildFromFiner(tx, 'day', 'hour', platforms, starts);
      for (const width of ['5m', 'hour', 'day'] as const) await this.rebuildAllPlatforms(tx, width, starts);
      return {
        claimedRows: claimed[0].claimed_rows,
        fiveMinuteBuckets: live.length,
        hourBuckets: hours,
        dayBuckets: days,
        purgedBuckets,
      };
    });
  }

  /** How many buckets wait for aggregation (for the scheduler's sweep and for tests). */
  async countDirty(): Promise<number> {
    const [row] = (await this.db.query('SELECT count(*)::int AS n FROM dirty_buckets')) as Array<{ n: number }>;
    return row.n;
  }

  private async rebuildFiveMinute(
    tx: EntityManager,
    platforms: string[],
    starts: string[],
    versions: string[],
  ): Promise<void> {
    await tx.query(
      `WITH d AS (
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[]) AS d(platform, bucket_start, model_version)
       ), fresh AS (
         SELECT m.lab_slug, d.platform, d.bucket_start, d.model_version,
           count(*)::int AS posts,
           count(*) FILTER (WHERE s.sentiment_label = 'positive')::int AS positive,
           count(*) FILTER (WHERE s.sentiment_label = 'neutral')::int AS neutral,
           count(*) FILTER (WHERE s.sentiment_label = 'negative')::int AS negative,
           count(*) FILTER (WHERE NOT s.scored)::int AS unscored,
           count(*) FILTER (WHERE m.stance = 'favor')::int AS favor,
           count(*) FILTER (WHERE m.stance = 'against')::int AS against,
           count(*) FILTER (WHERE m.stance = 'neutral')::int AS stance_neutral,
           -- Scores are stored as real; sum(real) would also accumulate in float4 and drift by 1e-3 on
           -- busy buckets (found by the fault tests' recount). Summed in float8 like the columns.
           coalesce(sum(s.sentiment_score::float8), 0) AS sentiment_sum,
           coalesce(sum(m.stance_score::float8), 0) AS stance_sum,
           sum(p.likes) AS likes, sum(p.comments) AS comments, sum(p.shares) AS shares
         FROM d
         -- LATERAL (with OFFSET 0, so it is not flattened into a join) keeps each step an index
         -- lookup: a range scan of the bucket's posts, then each post's score and mentions by key.
         -- Plain joins let the planner hash a sequential
         -- scan of a whole table (posts, or post_scores when its statistics lag behind its growth)
         -- on every rebuild, a cost that grows with the table.
         CROSS JOIN LATERAL (
           SELECT p.id, p.likes, p.comments, p.shares FROM posts p
           WHERE p.platform = d.platform AND p.posted_at >= d.bucket_start AND p.posted_at < d.bucket_start + interval '5 minutes'
           OFFSET 0
         ) p
         CROSS JOIN LATERAL (
           SELECT s.scored, s.sentiment_label, s.sentiment_score FROM post_scores s WHERE s.post_id = p.id AND s.model_version = d.model_version
           OFFSET 0
         ) s
         CROSS JOIN LATERAL (
           SELECT m.lab_slug, m.stance, m.stance_score FROM post_lab_mentions m WHERE m.post_id = p.id AND m.model_version = d.model_version
           OFFSET 0
         ) m
         GROUP BY m.lab_slug, d.platform, d.bucket_start, d.model_version
       ), removed AS (
         DELETE FROM trend_buckets t USING d
         WHERE t.bucket_width = '5m' AND t.platform = d.platform AND t.bucket_start = d.bucket_start
           -- NOT IN (no NULLs on either side, so the same as NOT EXISTS) runs as one hashed subplan;
           -- NOT EXISTS on the CTE planned as a nested loop: every row against every fresh row.
           AND (t.lab_slug, t.platform, t.bucket_start) NOT IN (SELECT lab_slug, platform, bucket_start FROM fresh)
       )
       INSERT INTO trend_buckets (lab_slug, platform, bucket_width, bucket_start, model_version, ${COUNT_COLUMNS.join(', ')})
       SELECT lab_slug, platform, '5m', bucket_start, model_version, ${COUNT_COLUMNS.join(', ')} FROM fresh
       ON CONFLICT (lab_slug, platform, bucket_width, bucket_start) DO UPDATE SET ${UPDATE_SET}, updated_at = now()`,
      [platforms, starts, versions],
    );
  }

  /**
   * Rebuilds the all-platforms rows (trend_buckets_all_platforms) of the `width` buckets containing
   * the given 5-minute starts, as the sum over platforms of their trend_buckets rows just rebuilt;
   * a lab with no row left on any platform loses its all-platforms row.
   */
  private async rebuildAllPlatforms(tx: EntityManager, width: '5m' | 'hour' | 'day', starts: string[]): Promise<void> {
    const sums = COUNT_COLUMNS.map((c) => `sum(t.${c}) AS ${c}`).join(', ');
    const bucket = width === '5m' ? 'bucket_start' : `date_trunc('${width}', bucket_start, 'UTC')`;
    await tx.query(
      `WITH d AS (
         SELECT DISTINCT ${bucket} AS bucket_start FROM unnest($1::timestamptz[]) AS d(bucket_start)
       ), fresh AS (
         SELECT t.lab_slug, d.bucket_start, max(t.model_version) AS model_version, ${sums}
         FROM d CROSS JOIN LATERAL (
           SELECT * FROM trend_buckets t WHERE t.platform = ANY($2::text[]) AND t.bucket_width = $3 AND t.bucket_start = d.bucket_start
           OFFSET 0
         ) t
         GROUP BY t.lab_slug, d.bucket_start
       ), removed AS (
         DELETE FROM trend_buckets_all_platforms a USING d
         WHERE a.bucket_width = $3 AND a.bucket_start = d.bucket_start
           AND (a.lab_slug, a.bucket_start) NOT IN (SELECT lab_slug, bucket_start FROM fresh)
       )
       INSERT INTO trend_buckets_all_platforms (lab_slug, bucket_width, bucket_start, model_version, ${COUNT_COLUMNS.join(', ')})
       SELECT lab_slug, $3, bucket_start, model_version, ${COUNT_COLUMNS.join(', ')} FROM fresh
       ON CONFLICT (bucket_width, lab_slug, bucket_start) DO UPDATE SET ${UPDATE_SET}, updated_at = now()`,
      [starts, PLATFORMS, width],
    );
  }

  /** Rebuilds the hour (or day) buckets containing the given 5-minute starts by summing the finer rows. */
  private async rebuildFromFiner(
    tx: EntityManager,
    width: 'hour' | 'day',
    finer: '5m' | 'hour',
    platforms: string[],
    starts: string[],
  ): Promise<number> {
    const sums = COUNT_COLUMNS.map((c) => `sum(t.${c}) AS ${c}`).join(', ');
    const rows = (await tx.query(
      `WITH d AS (
         SELECT DISTINCT platform, date_trunc('${width}', bucket_start, 'UTC') AS bucket_start
         FROM unnest($1::text[], $2::timestamptz[]) AS d(platform, bucket_start)
       ), fresh AS (
         SELECT t.lab_slug, d.platform, d.bucket_start, max(t.model_version) AS model_version, ${sums}
         FROM d CROSS JOIN LATERAL (
           SELECT * FROM trend_buckets t WHERE t.platform = d.platform AND t.bucket_width = '${finer}'
             AND t.bucket_start >= d.bucket_start AND t.bucket_start < d.bucket_start + interval '1 ${width}'
           OFFSET 0
         ) t
         GROUP BY t.lab_slug, d.platform, d.bucket_start
       ), removed AS (
         DELETE FROM trend_buckets t USING d
         WHERE t.bucket_width = '${width}' AND t.platform = d.platform AND t.bucket_start = d.bucket_start
           -- NOT IN (no NULLs on either side, so the same as NOT EXISTS) runs as one hashed subplan;
           -- NOT EXISTS on the CTE planned as a nested loop: every row against every fresh row.
           AND (t.lab_slug, t.platform, t.bucket_start) NOT IN (SELECT lab_slug, platform, bucket_start FROM fresh)
       ), upserted AS (
         INSERT INTO trend_buckets (lab_slug, platform, bucket_width, bucket_start, model_version, ${COUNT_COLUMNS.join(', ')})
         SELECT lab_slug, platform, '${width}', bucket_start, model_version, ${COUNT_COLUMNS.join(', ')} FROM fresh
         ON CONFLICT (lab_slug, platform, bucket_width, bucket_start) DO UPDATE SET ${UPDATE_SET}, updated_at = now()
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM d`,
      [platforms, starts],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }
}
