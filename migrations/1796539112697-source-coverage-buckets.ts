import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18: coverage per platform and bucket, so a trend answer reads one row per platform and
 * bucket (a 30-day hourly answer: 2,160) instead of one per source (25,920) and counting them.
 *
 *   source_coverage_buckets  per platform, width and bucket: the source_health_buckets rows
 *                            (sources), those failed or paused (unhealthy), those paused
 *
 * Kept by triggers on source_health_buckets, in the same transaction as the row they count, so
 * every writer (poll outcomes, platform pauses, resumes, deletes, truncation) keeps it equal to a
 * recount. Row triggers add deltas rather than recounting: a recount in one transaction could miss
 * a concurrent writer's uncommitted row, an increment under the row lock cannot.
 */
export class SourceCoverageBuckets1796539112697 implements MigrationInterface {
  name = 'SourceCoverageBuckets1796539112697';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE source_coverage_buckets (
        bucket_width text NOT NULL,
        bucket_start timestamptz NOT NULL,
        platform text NOT NULL,
        sources int NOT NULL,
        unhealthy int NOT NULL,
        paused int NOT NULL,
        PRIMARY KEY (bucket_width, bucket_start, platform)
      )`);
    await db.query(`
      CREATE FUNCTION source_coverage_count() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- COVERAGE lock (libs/persistence/src/locking.ts): a statement deletes later buckets before it
        -- inserts earlier ones, so two writers could take these rows in opposite orders; one at a time.
        PERFORM pg_advisory_xact_lock(7306311025);
        INSERT INTO source_coverage_buckets AS c (bucket_width, bucket_start, platform, sources, unhealthy, paused)
        SELECT d.bucket_width, d.bucket_start, d.platform, sum(d.n), sum(d.u), sum(d.p)
        FROM (
          SELECT NEW.bucket_width, NEW.bucket_start, NEW.platform, 1 AS n, (NEW.failed OR NEW.paused)::int AS u, NEW.paused::int AS p
          WHERE TG_OP <> 'DELETE'
          UNION ALL
          SELECT OLD.bucket_width, OLD.bucket_start, OLD.platform, -1, -(OLD.failed OR OLD.paused)::int, -(OLD.paused::int)
          WHERE TG_OP <> 'INSERT'
        ) AS d (bucket_width, bucket_start, platform, n, u, p)
        GROUP BY 1, 2, 3
        HAVING sum(d.n) <> 0 OR sum(d.u) <> 0 OR sum(d.p) <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (bucket_width, bucket_start, platform) DO UPDATE
          SET sources = c.sources + EXCLUDED.sources, unhealthy = c.unhealthy + EXCLUDED.unhealthy, paused = c.paused + EXCLUDED.paused;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER source_coverage_count
        AFTER INSERT OR DELETE OR UPDATE OF platform, bucket_width, bucket_start, failed, paused ON source_health_buckets
        FOR EACH ROW EXECUTE FUNCTION source_coverage_count()`);
    await db.query(`
      CREATE FUNCTION source_coverage_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- DELETE, not TRUNCATE: a TRUNCATE naming both tables has this one in use.
        DELETE FROM source_coverage_buckets;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER source_coverage_truncate AFTER TRUNCATE ON source_health_buckets
        FOR EACH STATEMENT EXECUTE FUNCTION source_coverage_truncate()`);
    // Writers wait while the backfill counts (run migrations with the workers stopped anyway); in
    // bucket order, so a range of buckets is a few pages, as rows written over time are.
    await db.query(`LOCK TABLE source_health_buckets IN SHARE MODE`);
    await db.query(`
      INSERT INTO source_coverage_buckets (bucket_width, bucket_start, platform, sources, unhealthy, paused)
      SELECT bucket_width, bucket_start, platform, count(*), count(*) FILTER (WHERE failed OR paused), count(*) FILTER (WHERE paused)
      FROM source_health_buckets GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER source_coverage_truncate ON source_health_buckets');
    await db.query('DROP TRIGGER source_coverage_count ON source_health_buckets');
    await db.query('DROP FUNCTION source_coverage_truncate()');
    await db.query('DROP FUNCTION source_coverage_count()');
    await db.query('DROP TABLE source_coverage_buckets');
  }
}
