/**
 * The coverage invariant: every source_coverage_buckets row equals a recount of the
 * source_health_buckets rows of its platform, width and bucket (a row counting nothing may stay).
 * Returns the differing keys with both counts; empty when they agree.
 */
export async function coverageRecountDifferences(
  query: (sql: string, params?: unknown[]) => Promise<unknown>,
): Promise<unknown[]> {
  return (await query(
    `WITH recount AS (
       SELECT bucket_width, bucket_start, platform, count(*)::int AS sources,
              count(*) FILTER (WHERE failed OR paused)::int AS unhealthy, count(*) FILTER (WHERE paused)::int AS paused
       FROM source_health_buckets GROUP BY 1, 2, 3)
     SELECT bucket_width, bucket_start, platform, to_json(c) AS kept, to_json(r) AS recounted
     FROM (SELECT * FROM source_coverage_buckets WHERE sources <> 0 OR unhealthy <> 0 OR paused <> 0) c
     FULL JOIN recount r USING (bucket_width, bucket_start, platform)
     WHERE (c.sources, c.unhealthy, c.paused) IS DISTINCT FROM (r.sources, r.unhealthy, r.paused)
     ORDER BY 1, 2, 3`,
  )) as unknown[];
}
