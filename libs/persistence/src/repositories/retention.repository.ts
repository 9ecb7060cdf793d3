import { Injectable } from '@nestjs/common';
import { PLATFORMS, type Platform } from '@labpulse/connectors';
import { DataSource } from 'typeorm';
import { lockAggregation, lockWatermarkExclusive } from '../locking';

const DAY_MS = 86_400_000;

/** Log tables purged by age: the counter in RetentionPassResult, the table and its time column. */
const LOG_TABLES = {
  dirtyBuckets: { table: 'dirty_buckets', column: 'bucket_start' },
  ingestRejections: { table: 'ingest_rejections', column: 'created_at' },
  pollOutcomes: { table: 'source_poll_outcomes', column: 'polled_at' },
} as const;

/**
 * The UTC midnight `days` whole days before today's: posts published before it are expired. Day
 * aligned, so every 5-minute, hour and day rollup bucket is wholly before it or wholly after.
 * null (keep forever) when `days` is null.
 */
export function retentionHorizon(days: number | null, now: Date): Date | null {
  if (days === null) return null;
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - days * DAY_MS);
}

/** What one retention pass did. */
export interface RetentionPassResult {
  /** What the configuration asks for; null = keep forever. */
  horizon: Date | null;
  /** Posts published before this are gone; null = nothing was ever purged. */
  watermark: Date | null;
  /** Why the watermark stopped short of the horizon (work still waiting for scoring or aggregation). */
  heldBack: string | null;
  posts: number;
  scores: number;
  mentions: number;
  pendingScores: number;
  dirtyBuckets: number;
  ingestRejections: number;
  pollOutcomes: number;
  /** Delete statements run (each one its own short transaction). */
  batches: number;
  /** false when the pass stopped at `maxBatches` with work left: run another. */
  complete: boolean;
}

export interface RetentionPassOptions {
  /**
   * Stop after this many full batches (a scheduled job yields, then continues in a new job). Only
   * full batches count, so every unit of budget deletes `batchSize` rows and a pass always progresses.
   */
  maxBatches?: number;
}

/**
 * Deletes raw data past the retention horizon in bounded batches (docs/data-lifecycle.md). Rollups
 * (trend_buckets) and coverage (source_health_buckets) are never touched: trends keep answering
 * for purged periods. The watermark is moved first, under the aggregation lock, so no aggregator
 * ever rebuilds a bucket from a partly purged 5 minutes.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly db: DataSource) {}

  async watermark(): Promise<Date | null> {
    const rows = (await this.db.query('SELECT purged_before FROM retention_watermark')) as Array<{
      purged_before: Date;
    }>;
    return rows[0]?.purged_before ?? null;
  }

  /** One pass: advance the watermark towards `horizon`, then delete what lies before it, batch by batch. */
  async runPass(
    horizon: Date | null,
    batchSize: number,
    options: RetentionPassOptions = {},
  ): Promise<RetentionPassResult> {
    const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
    const result: RetentionPassResult = {
      horizon,
      watermark: null,
      heldBack: null,
      posts: 0,
      scores: 0,
      mentions: 0,
      pendingScores: 0,
      dirtyBuckets: 0,
      ingestRejections: 0,
      pollOutcomes: 0,
      batches: 0,
      complete: false,
    };
    let fullBatches = 0;
    const outOfBudget = () => fullBatches >= maxBatches;
    const budget = { spend: () => (fullBatches += 1), exhausted: outOfBudget };
    if (horizon !== null) Object.assign(result, await this.advanceWatermark(horizon));
    else result.watermark = await this.watermark();
    // Also with no horizon configured: posts below an earlier watermark can only be leftovers of a race
    // with ingest (docs/data-lifecycle.md) and were never counted.
    if (result.watermark !== null) {
      for (const platform of PLATFORMS) {
        for (;;) {
          if (outOfBudget()) return result;
          const batch = await this.purgePostBatch(platform, result.watermark, batchSize);
          result.batches += 1;
          result.posts += batch.posts;
          result.scores += batch.scores;
          result.mentions += batch.mentions;
          result.pendingScores += batch.pending;
          if (batch.posts < batchSize) break;
          budget.spend();
        }
      }
      if (!(await this.purgeInBatches(result, 'dirtyBuckets', result.watermark, batchSize, budget))) return result;
    }
    if (horizon !== null) {
      if (!(await this.purgeInBatches(result, 'ingestRejections', horizon, batchSize, budget))) return result;
      if (!(await this.purgeInBatches(result, 'pollOutcomes', horizon, batchSize, budget))) return result;
    }
    result.complete = true;
    return result;
  }

  /**
   * Moves the watermark forward to `horizon`, but never past a bucket still waiting for aggregation
   * or a post still waiting for scoring: those would otherwise never be counted. Under the
   * aggregation lock, so no aggregator is between claiming a bucket and committing its rebuild.
   */
  private async advanceWatermark(horizon: Date): Promise<{ watermark: Date | null; heldBack: string | null }> {
    return this.db.transaction(async (tx) => {
      await lockAggregation(tx);
      await lockWatermarkExclusive(tx);
      const [row] = (await tx.query(
        `WITH current AS (
           SELECT coalesce((SELECT purged_before FROM retention_watermark), '-infinity'::timestamptz) AS at
         )
         SELECT (SELECT min(bucket_start) FROM dirty_buckets
                 WHERE bucket_start < $1 AND bucket_start >= (SELECT at FROM current)) AS dirty,
                (SELECT min(p.posted_at) FROM pending_scores q JOIN posts p ON p.id = q.post_id
                 WHERE p.posted_at < $1 AND p.posted_at >= (SELECT at FROM current)) AS unscored`,
        [horizon.toISOString()],
      )) as Array<{ dirty: Date | null; unscored: Date | null }>;
      const blockers = [row.dirty, row.unscored].filter((d): d is Date => d !== null);
      const blockedAt = blockers.length === 0 ? null : new Date(Math.min(...blockers.map((d) => d.getTime())));
      const target = blockedAt === null ? horizon : new Date(Math.floor(blockedAt.getTime() / DAY_MS) * DAY_MS);
      const heldBack =
        blockedAt === null
          ? null
          : row.unscored !== null && row.unscored.getTime() === blockedAt.getTime()
            ? `a post published at ${blockedAt.toISOString()} still waits for scoring`
            : `a bucket at ${blockedAt.toISOString()} still waits for aggregation`;
      const [stored] = (await tx.query(
        `INSERT INTO retention_watermark (purged_before) VALUES ($1)
         ON CONFLICT (singleton) DO UPDATE SET purged_before = greatest(retention_watermark.purged_before, EXCLUDED.purged_before),
           updated_at = CASE WHEN EXCLUDED.purged_before > retention_watermark.purged_before THEN now() ELSE retention_watermark.updated_at END
         RETURNING purged_before`,
        [target.toISOString()],
      )) as Array<{ purged_before: Date }>;
      return { watermark: stored.purged_before, heldBack };
    });
  }

  /**
   * Deletes up to `limit` posts of one platform published before `before`, with their scores,
   * mentions and scoring-outbox rows, in one short statement (its own transaction). Those have no
   * foreign keys to cascade from posts: no writer adds one below the watermark (see saveScoresIn).
   * Posts locked by a writer are skipped and taken by a later batch or pass.
   */
  private async purgePostBatch(
    platform: Platform,
    before: Date,
    limit: number,
  ): Promise<{ posts: number; scores: number; mentions: number; pending: number }> {
    const [row] = (await this.db.query(
      `WITH victims AS MATERIALIZED (
         SELECT id FROM posts WHERE platform = $1 AND posted_at < $2 ORDER BY posted_at LIMIT $3 FOR UPDATE SKIP LOCKED
       ), mentions AS (
         DELETE FROM post_lab_mentions m USING victims v WHERE m.post_id = v.id RETURNING 1
       ), scores AS (
         DELETE FROM post_scores s USING victims v WHERE s.post_id = v.id RETURNING 1
       ), pending AS (
         DELETE FROM pending_scores q USING victims v WHERE q.post_id = v.id RETURNING 1
       ), removed AS (
         DELETE FROM posts p USING victims v WHERE p.id = v.id RETURNING 1
       )
       SELECT (SELECT count(*) FROM removed)::int AS posts, (SELECT count(*) FROM scores)::int AS scores,
              (SELECT count(*) FROM mentions)::int AS mentions, (SELECT count(*) FROM pending)::int AS pending`,
      [platform, before.toISOString(), limit],
    )) as Array<{ posts: number; scores: number; mentions: number; pending: number }>;
    return row;
  }

  /** Deletes rows of a log table older than `before`, oldest first, `limit` per statement; false when out of budget. */
  private async purgeInBatches(
    result: RetentionPassResult,
    counter: keyof typeof LOG_TABLES,
    before: Date,
    limit: number,
    budget: { spend: () => void; exhausted: () => boolean },
  ): Promise<boolean> {
    const { table, column } = LOG_TABLES[counter];
    for (;;) {
      if (budget.exhausted()) return false;
      const [row] = (await this.db.query(
        `WITH removed AS (
           DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${column} < $1 ORDER BY id LIMIT $2) RETURNING 1
         )
         SELECT count(*)::int AS n FROM removed`,
        [before.toISOString(), limit],
      )) as Array<{ n: number }>;
      result.batches += 1;
      result[counter] += row.n;
      if (row.n < limit) return true;
      budget.spend();
    }
  }
}
