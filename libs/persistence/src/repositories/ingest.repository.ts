import { Inject, Injectable, Optional } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import type { NormalizedPost, SourceCursor } from '@labpulse/connectors';
import { DataSource, type EntityManager } from 'typeorm';
import { lockWatermarkShared } from '../locking';
import { retentionHorizon } from './retention.repository';

export interface IngestRejection {
  location: string;
  reason: string;
  excerpt: string;
}

export interface SavedPage {
  /** Ids of posts that were new; already-stored posts are skipped, never counted twice. */
  newPostIds: string[];
  cursorVersion: number;
  /** Posts published before the retention horizon: not stored (docs/data-lifecycle.md). */
  expired: number;
}

export interface SavedBatch {
  newPostIds: string[];
  /** Posts published before the retention horizon: not stored. */
  expired: number;
}

/** Another poll of the same source advanced the cursor first: this poll's page must not be applied. */
export class StaleCursorError extends Error {
  constructor(sourceId: string) {
    super(`source ${sourceId}: cursor moved by a concurrent poll`);
    this.name = 'StaleCursorError';
  }
}

const EXCERPT_MAX = 200;

/** Writes collected posts. Posts, their scoring outbox rows and the cursor move in one transaction. */
@Injectable()
export class IngestRepository {
  constructor(
    private readonly db: DataSource,
    // Optional so tools and tests can build it from a DataSource alone (then only the stored watermark applies).
    @Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig,
  ) {}

  async savePage(
    sourceId: string,
    expectedCursorVersion: number,
    posts: NormalizedPost[],
    cursor: SourceCursor,
    rejections: IngestRejection[],
  ): Promise<SavedPage> {
    return this.db.transaction(async (tx) => {
      const [row] = (await tx.query('SELECT cursor_version FROM sources WHERE id = $1 FOR UPDATE', [
        sourceId,
      ])) as Array<{
        cursor_version: number;
      }>;
      if (!row || row.cursor_version !== expectedCursorVersion) throw new StaleCursorError(sourceId);
      const { newPostIds, expired } = await this.insertPosts(tx, posts, sourceId);
      await this.insertRejections(tx, sourceId, rejections);
      await tx.query(
        `UPDATE sources SET cursor = $2, cursor_version = cursor_version + 1,
           posts_collected = posts_collected + $3, updated_at = now()
         WHERE id = $1`,
        [sourceId, cursor === null ? null : JSON.stringify(cursor), newPostIds.length],
      );
      return { newPostIds, cursorVersion: expectedCursorVersion + 1, expired };
    });
  }

  /** For pushed batches (POST /v1/ingest) that have no source cursor. */
  async saveBatch(posts: NormalizedPost[], rejections: IngestRejection[]): Promise<SavedBatch> {
    return this.db.transaction(async (tx) => {
      const saved = await this.insertPosts(tx, posts, null);
      await this.insertRejections(tx, null, rejections);
      return saved;
    });
  }

  /**
   * Posts published before the retention horizon (the configured one, or the stored watermark if
   * later) are not stored but counted as expired: their buckets' rollups are final, and counting
   * them now would need the purged posts beside them.
   */
  private async insertPosts(tx: EntityManager, posts: NormalizedPost[], sourceId: string | null): Promise<SavedBatch> {
    if (posts.length === 0) return { newPostIds: [], expired: 0 };
    // Shared: inserts never wait on each other, only on a watermark advance (locking.ts).
    await lockWatermarkShared(tx);
    const horizon = retentionHorizon(this.config?.retention.postDays ?? null, new Date());
    // unnest keeps the parameter count fixed whatever the batch size (docs/architecture.md#performance: fastest idempotent write).
    const rows = (await tx.query(
      `WITH cutoff AS (
         SELECT greatest(coalesce((SELECT purged_before FROM retention_watermark), '-infinity'),
                         coalesce($16::timestamptz, '-infinity')) AS at
       ), input AS (
         SELECT p.* FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::timestamptz[], $11::int[], $12::int[], $13::int[], $14::int[], $15::bigint[])
           AS p(platform, external_id, parent_external_id, author_id, author_name, text, language, url,
                posted_at, likes, comments, shares, quotes, impressions)
       ), inserted AS (
         INSERT INTO posts (platform, external_id, source_id, parent_external_id, author_id, author_name, text,
                            language, url, posted_at, likes, comments, shares, quotes, impressions)
         SELECT p.platform, p.external_id, $1::uuid, p.parent_external_id, p.author_id, p.author_name, p.text,
                p.language, p.url, p.posted_at, p.likes, p.comments, p.shares, p.quotes, p.impressions
         FROM input p WHERE p.posted_at >= (SELECT at FROM cutoff)
         ON CONFLICT (platform, external_id) DO NOTHING
         RETURNING id
       ), queued AS (
         INSERT INTO pending_scores (post_id) SELECT id FROM inserted
       )
       SELECT coalesce((SELECT array_agg(id ORDER BY id) FROM inserted), '{}') AS ids,
              (SELECT count(*) FROM input WHERE posted_at < (SELECT at FROM cutoff))::int AS expired`,
      [
        sourceId,
        posts.map((p) => p.platform),
        posts.map((p) => p.externalId),
        posts.map((p) => p.parentExternalId),
        posts.map((p) => p.authorId),
        posts.map((p) => p.authorName),
        posts.map((p) => p.text),
        posts.map((p) => p.language),
        posts.map((p) => p.url),
        posts.map((p) => p.createdAt.toISOString()),
        posts.map((p) => p.engagement.likes),
        posts.map((p) => p.engagement.comments),
        posts.map((p) => p.engagement.shares),
        posts.map((p) => p.engagement.quotes),
        posts.map((p) => p.engagement.impressions),
        horizon?.toISOString() ?? null,
      ],
    )) as Array<{ ids: string[]; expired: number }>;
    return { newPostIds: rows[0].ids.map(String), expired: rows[0].expired };
  }

  private async insertRejections(
    tx: EntityManager,
    sourceId: string | null,
    rejections: IngestRejection[],
  ): Promise<void> {
    if (rejections.length === 0) return;
    await tx.query(
      `INSERT INTO ingest_rejections (source_id, location, reason, excerpt)
       SELECT $1::uuid, r.location, r.reason, r.excerpt FROM unnest($2::text[], $3::text[], $4::text[]) AS r(location, reason, excerpt)`,
      [
        sourceId,
        rejections.map((r) => r.location),
        rejections.map((r) => r.reason),
        rejections.map((r) => r.excerpt.slice(0, EXCERPT_MAX)),
      ],
    );
  }
}
