import { ROLLUP_COUNT_COLUMNS } from '@labpulse/persistence';

/**
 * The invariant every storage, fault and lifecycle test checks: each rollup row equals a recount of
 * the scored posts it covers. One definition, so the tests cannot drift apart on what "equal" means.
 */

/** Runs SQL and gives back the rows (wrap a pg Pool or a TypeORM DataSource). */
export type RowQuery = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export type RollupWidth = '5m' | 'hour' | 'day';
export const ROLLUP_WIDTHS: readonly RollupWidth[] = ['5m', 'hour', 'day'];

/** The bucket a post falls in, per width, as the aggregator computes it. */
export const ROLLUP_BUCKET_SQL: Record<RollupWidth, string> = {
  '5m': `date_bin('5 minutes', p.posted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')`,
  hour: `date_trunc('hour', p.posted_at, 'UTC')`,
  day: `date_trunc('day', p.posted_at, 'UTC')`,
};

/** Integer rollup columns, compared exactly. */
export const ROLLUP_COUNT_FIELDS: readonly string[] = ROLLUP_COUNT_COLUMNS;

/** The rollup columns recounted from posts `p`, scores `s` and mentions `m` (see SCORED_JOIN). */
export const RECOUNT_COLUMNS = `count(*)::int AS posts,
  count(*) FILTER (WHERE s.sentiment_label = 'positive')::int AS positive,
  count(*) FILTER (WHERE s.sentiment_label = 'neutral')::int AS neutral,
  count(*) FILTER (WHERE s.sentiment_label = 'negative')::int AS negative,
  count(*) FILTER (WHERE NOT s.scored)::int AS unscored,
  count(*) FILTER (WHERE m.stance = 'favor')::int AS favor,
  count(*) FILTER (WHERE m.stance = 'against')::int AS against,
  count(*) FILTER (WHERE m.stance = 'neutral')::int AS stance_neutral,
  coalesce(sum(s.sentiment_score::float8), 0) AS sentiment_sum,
  coalesce(sum(m.stance_score::float8), 0) AS stance_sum,
  sum(p.likes)::int AS likes, sum(p.comments)::int AS comments, sum(p.shares)::int AS shares`;

/** Posts with their scores and the lab mentions of the same model version. */
export const SCORED_JOIN = `FROM posts p JOIN post_scores s ON s.post_id = p.id JOIN post_lab_mentions m ON m.post_id = p.id AND m.model_version = s.model_version`;

/**
 * Rollup rows of one width that differ from a recount (or exist on one side only), at most `limit`;
 * an empty array means the invariant holds. Both rollups are checked: trend_buckets per platform,
 * and trend_buckets_all_platforms (platform 'all' here) against the recount summed over platforms.
 * Counts must match exactly; score sums to 1e-9 relative (both are float8 sums of the same real
 * scores, possibly added in another order).
 */
export async function rollupRecountDifferences(
  query: RowQuery,
  width: RollupWidth,
  options: { from?: Date; modelVersion?: string; limit?: number } = {},
): Promise<Array<Record<string, unknown>>> {
  const differ = `${ROLLUP_COUNT_FIELDS.map((c) => `r.${c} IS DISTINCT FROM t.${c}`).join(' OR ')}
        OR abs(r.sentiment_sum - t.sentiment_sum) > 1e-9 * greatest(1, abs(r.sentiment_sum))
        OR abs(r.stance_sum - t.stance_sum) > 1e-9 * greatest(1, abs(r.stance_sum))
        OR r.posts IS NULL OR t.posts IS NULL`;
  const columns = `r.lab_slug AS r_lab, t.lab_slug AS t_lab, coalesce(r.platform, t.platform) AS platform,
            coalesce(r.bucket_start, t.bucket_start) AS bucket_start, r.posts AS r_posts, t.posts AS t_posts,
            r.sentiment_sum AS r_sentiment, t.sentiment_sum AS t_sentiment, r.stance_sum AS r_stance, t.stance_sum AS t_stance`;
  return query(
    `WITH recount AS (
       SELECT m.lab_slug, p.platform, ${ROLLUP_BUCKET_SQL[width]} AS bucket_start, ${RECOUNT_COLUMNS}
       ${SCORED_JOIN}
       WHERE $3::text IS NULL OR s.model_version = $3
       GROUP BY 1, 2, 3
     ), recount_all AS (
       SELECT lab_slug, 'all'::text AS platform, bucket_start,
         ${ROLLUP_COUNT_FIELDS.map((c) => `sum(${c})::int AS ${c}`).join(', ')}, sum(sentiment_sum) AS sentiment_sum, sum(stance_sum) AS stance_sum
       FROM recount GROUP BY 1, 3
     )
     (SELECT ${columns}
     FROM (SELECT * FROM recount WHERE bucket_start >= $2) r
     FULL JOIN (SELECT * FROM trend_buckets WHERE bucket_width = $1 AND bucket_start >= $2) t USING (lab_slug, platform, bucket_start)
     WHERE ${differ}
     LIMIT $4)
     UNION ALL
     (SELECT ${columns}
     FROM (SELECT * FROM recount_all WHERE bucket_start >= $2) r
     FULL JOIN (SELECT *, 'all'::text AS platform FROM trend_buckets_all_platforms WHERE bucket_width = $1 AND bucket_start >= $2) t
       USING (lab_slug, platform, bucket_start)
     WHERE ${differ}
     LIMIT $4)`,
    [width, (options.from ?? new Date(0)).toISOString(), options.modelVersion ?? null, options.limit ?? 10],
  );
}
