import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data lifecycle (issue 7, part 3): retention of raw posts. See docs/data-lifecycle.md.
 * - retention_watermark: one row, the instant before which posts may have been purged. It only
 *   moves forward; the rollup rebuild, rescore and ingest all refuse to work below it, so no
 *   rollup bucket is ever recomputed from partially purged posts. No row = nothing purged yet.
 */
export class DataLifecycle1796000000000 implements MigrationInterface {
  name = 'DataLifecycle1796000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE retention_watermark (
        -- a singleton: the only possible key is true
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        -- UTC midnight; posts published before it are purged (or being purged) by the retention job
        purged_before timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE retention_watermark');
  }
}
