import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19: a source's health in a bucket is the latest poll outcome that covered it, not "any
 * failure": a failed attempt followed by a successful retry lost nothing (the cursor caught up).
 * And a pause (a platform quota) is its own state, "not collecting", distinct from a failure.
 *
 *   outcome_at  when the outcome that set `failed`/`paused` was recorded; a later one replaces them
 *   paused      the latest outcome was a pause (own quota or the platform's throttle)
 *
 * `ok` keeps its meaning (some successful poll covered the bucket). Existing rows keep their flags.
 */
export class SourceHealthLatestOutcome1796530000001 implements MigrationInterface {
  name = 'SourceHealthLatestOutcome1796530000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE source_health_buckets ADD COLUMN paused boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE source_health_buckets ADD COLUMN outcome_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(
      `ALTER TABLE source_health_buckets ADD CONSTRAINT source_health_buckets_one_state CHECK (NOT (paused AND failed))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE source_health_buckets DROP CONSTRAINT source_health_buckets_one_state`);
    await db.query(`ALTER TABLE source_health_buckets DROP COLUMN outcome_at`);
    await db.query(`ALTER TABLE source_health_buckets DROP COLUMN paused`);
  }
}
