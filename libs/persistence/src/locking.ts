import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * Every Postgres lock LabPulse takes on purpose, in one place. The protocol:
 *
 * | lock | who holds it | why |
 * | --- | --- | --- |
 * | MIGRATION (session advisory) | each process that migrates | runners serialise; the second finds nothing pending |
 * | AGGREGATION (xact advisory, exclusive) | aggregators; retention while it advances its watermark | two aggregators never rewrite the same hour or day row; retention never drops what an aggregation is reading |
 * | WATERMARK (xact advisory) | post inserts and score saves shared; the watermark advance exclusive | the advance sees every insert that could land below it, and later inserts see the new watermark: no post is stored under the watermark, where it would never be counted |
 * | COVERAGE (xact advisory, exclusive) | the trigger counting source_health_buckets rows into source_coverage_buckets | health writes (one per poll) take the count rows one transaction at a time, so none deadlock |
 * | row locks (`FOR UPDATE`) | a source's cursor, an alert state, a rule, a webhook endpoint | read-modify-write of one row |
 * | `FOR UPDATE SKIP LOCKED` | due sources, posts to score, posts to expire | several workers take disjoint batches |
 *
 * Order, where several are held: AGGREGATION before WATERMARK (retention), so no two paths wait on
 * each other in opposite orders. The keys are arbitrary constants shared by every process.
 */
const MIGRATION_LOCK_KEY = 7_306_311_022;
const AGGREGATION_LOCK_KEY = 7_306_311_023;
const WATERMARK_LOCK_KEY = 7_306_311_024;
// COVERAGE_LOCK_KEY = 7_306_311_025 is taken in SQL, by the trigger (migration 1796539112697).

type Tx = Pick<EntityManager, 'query'>;

/** Aggregators and the retention advance: held until the transaction ends. */
export async function lockAggregation(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AGGREGATION_LOCK_KEY]);
}

/** Post inserts and score saves: shared, so they never wait on each other, only on an advance. */
export async function lockWatermarkShared(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [WATERMARK_LOCK_KEY]);
}

/** The retention watermark advance: exclusive, after lockAggregation. */
export async function lockWatermarkExclusive(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [WATERMARK_LOCK_KEY]);
}

/** Runs `work` holding the session-level migration lock on `runner`'s connection. */
export async function withMigrationLock<T>(runner: QueryRunner, work: () => Promise<T>): Promise<T> {
  await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  try {
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
  }
}
