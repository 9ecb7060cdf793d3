import { Injectable } from '@nestjs/common';
import { PLATFORMS, type Platform } from '@labpulse/connectors';
import { MAX_SCANNED_CHARS } from '@labpulse/labs';
import { DataSource, type EntityManager } from 'typeorm';
import { lockWatermarkShared } from '../locking';

export interface PostToScore {
  id: string;
  platform: Platform;
  /** The first MAX_SCANNED_CHARS characters: all that matching and scoring read, so no more is loaded. */
  text: string;
  language: string | null;
}

/** One row of post_mentions as stored (the NLP's MentionScore, with the lab resolved to its slug). */
export interface StoredMention {
  lab: string;
  stance: 'favor' | 'against' | 'neutral' | null;
  score: number | null;
  confidence: number | null;
  evidence: { start: number; end: number; text: string };
}

export interface PostScore {
  postId: string;
  scored: boolean;
  language: string;
  sentiment: { label: 'positive' | 'neutral' | 'negative'; score: number; confidence: number } | null;
  mentions: StoredMention[];
}

export interface SaveOptions {
  /**
   * false: leave the buckets alone (a rescore marks a whole day dirty once all of it is rescored,
   * so no bucket is ever counted from a mix of model versions).
   */
  markDirty?: boolean;
}

/** Reads posts to score and writes their scores exactly once per model version. */
@Injectable()
export class ScoringRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The posts among `ids` not yet scored with `modelVersion`: a job queued twice for the same posts
   * (a retry after a crash, the stranded-outbox sweep re-queueing a slow backlog) costs the scorer
   * nothing the second time.
   */
  async loadUnscoredPosts(ids: string[], modelVersion: string): Promise<PostToScore[]> {
    // Each post is looked up inside a LATERAL subquery (here and in saveScoresIn; OFFSET 0 keeps the
    // planner from flattening it into a plain join), so every lookup is an index probe whatever the
    // statistics say. With stale ones (a young or fast-growing table, autovacuum behind) the planner
    // hashed a sequential scan of all posts or scores for every batch (seen in bench:scale).
    return (await this.db.query(
      `SELECT p.id, p.platform, left(p.text, $3) AS text, p.language
       FROM unnest($1::bigint[]) AS i(id)
       CROSS JOIN LATERAL (
         SELECT p.id, p.platform, p.text, p.language FROM posts p
         WHERE p.id = i.id AND NOT EXISTS (SELECT 1 FROM post_scores s WHERE s.post_id = p.id AND s.model_version = $2)
         OFFSET 0
       ) p
       ORDER BY p.id`,
      [ids, modelVersion, MAX_SCANNED_CHARS],
    )) as PostToScore[];
  }

  async loadPosts(ids: string[]): Promise<PostToScore[]> {
    return (await this.db.query(
      'SELECT id, platform, left(text, $2) AS text, language FROM posts WHERE id = ANY($1::bigint[]) ORDER BY id',
      [ids, MAX_SCANNED_CHARS],
    )) as PostToScore[];
  }

  /**
   * Stores scores and mentions, clears the posts from the scoring outbox and marks their 5-minute
   * buckets dirty, all in one transaction. A post already scored with this model version is left
   * as it was, so a retried or duplicated job never writes twice. Returns how many were new.
   */
  async saveScores(
    modelVersion: string,
    postIds: string[],
    scores: PostScore[],
    options: SaveOptions = {},
  ): Promise<number> {
    return this.db.transaction((tx) => this.saveScoresIn(tx, modelVersion, postIds, scores, options));
  }

  /** saveScores inside a transaction the caller owns (tests use it to hold the transaction open). */
  async saveScoresIn(
    tx: EntityManager,
    modelVersion: string,
    postIds: string[],
    scores: PostScore[],
    options: SaveOptions = {},
  ): Promise<number> {
    // Scores and mentions have no foreign key to posts (migration 1796000000001): holding the
    // watermark lock shared and skipping posts below the watermark is what keeps a retention purge
    // (below the watermark only, moved under this lock held exclusively) from racing this write.
    await lockWatermarkShared(tx);
    const inserted = (await tx.query(
      `INSERT INTO post_scores (post_id, model_version, scored, language, sentiment_label, sentiment_score, sentiment_confidence)
       SELECT s.post_id, $1, s.scored, s.language, s.label, s.score, s.confidence
       FROM unnest($2::bigint[], $3::boolean[], $4::text[], $5::text[], $6::real[], $7::real[])
         AS s(post_id, scored, language, label, score, confidence)
       CROSS JOIN LATERAL (
         SELECT 1 FROM posts p
         WHERE p.id = s.post_id AND p.posted_at >= coalesce((SELECT purged_before FROM retention_watermark), '-infinity')
         OFFSET 0
       ) p
       ON CONFLICT (post_id, model_version) DO NOTHING
       RETURNING post_id`,
      [
        modelVersion,
        scores.map((s) => s.postId),
        scores.map((s) => s.scored),
        scores.map((s) => s.language),
        scores.map((s) => s.sentiment?.label ?? null),
        scores.map((s) => s.sentiment?.score ?? null),
        scores.map((s) => s.sentiment?.confidence ?? null),
      ],
    )) as Array<{ post_id: string }>;
    const fresh = new Set(inserted.map((row) => String(row.post_id)));
    const named = scores
      .filter((s) => fresh.has(s.postId))
      .flatMap((s) => s.mentions.map((m) => ({ postId: s.postId, sentiment: s.sentiment, ...m })));
    // No foreign key to labs: locking the batch's few labs (as the key did for every row) makes a
    // lab deletion wait for this transaction and then delete what it wrote (LabRepository.delete).
    // A lab deleted since the scorer loaded the catalogue is not among them: its mentions are dropped.
    const labs =
      named.length === 0
        ? []
        : ((await tx.query('SELECT slug FROM labs WHERE slug = ANY($1::text[]) ORDER BY slug FOR KEY SHARE', [
            [...new Set(named.map((m) => m.lab))],
          ])) as Array<{ slug: string }>);
    const present = new Set(labs.map((lab) => lab.slug));
    const mentions = named.filter((m) => present.has(m.lab));
    if (mentions.length > 0) {
      // The drill-down sort keys (the post's time, platform and engagement, the sentiment just stored
      // in post_scores) are written here, so the copying trigger of the trends migration does not
      // fire (it fires only for rows inserted without them, migration 1796000000002).
      await tx.query(
        `INSERT INTO post_lab_mentions (post_id, model_version, lab_slug, stance, stance_score, stance_confidence,
                                        evidence, evidence_start, evidence_end,
                                        posted_at, platform, engagement, sentiment_label, sentiment_score)
         SELECT m.post_id, $1, m.lab, m.stance, m.score, m.confidence, m.evidence, m.ev_start, m.ev_end,
                p.posted_at, p.platform, p.likes::bigint + p.comments + p.shares, m.sentiment_label, m.sentiment_score
         FROM unnest($2::bigint[], $3::text[], $4::text[], $5::real[], $6::real[], $7::text[], $8::int[], $9::int[],
                     $10::text[], $11::real[])
           AS m(post_id, lab, stance, score, confidence, evidence, ev_start, ev_end, sentiment_label, sentiment_score)
         CROSS JOIN LATERAL (SELECT posted_at, platform, likes, comments, shares FROM posts p WHERE p.id = m.post_id OFFSET 0) p
         ON CONFLICT DO NOTHING`,
        [
          modelVersion,
          mentions.map((m) => m.postId),
          mentions.map((m) => m.lab),
          mentions.map((m) => m.stance),
          mentions.map((m) => m.score),
          mentions.map((m) => m.confidence),
          mentions.map((m) => m.evidence.text),
          mentions.map((m) => m.evidence.start),
          mentions.map((m) => m.evidence.end),
          mentions.map((m) => m.sentiment?.label ?? null),
          mentions.map((m) => m.sentiment?.score ?? null),
        ],
      );
    }
    if (fresh.size > 0 && options.markDirty !== false) {
      // A plain insert into the append-only work list: it never waits on an aggregator. A row
      // committed after an aggregator claimed its rows stays for the next one, so nothing is lost.
      await tx.query(
        `INSERT INTO dirty_buckets (platform, bucket_start, model_version)
         SELECT DISTINCT p.platform, date_bin('5 minutes', p.posted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), $2
         FROM unnest($1::bigint[]) AS i(id) CROSS JOIN LATERAL (SELECT platform, posted_at FROM posts WHERE id = i.id OFFSET 0) p`,
        [[...fresh], modelVersion],
      );
    }
    await tx.query('DELETE FROM pending_scores WHERE post_id = ANY($1::bigint[])', [postIds]);
    return fresh.size;
  }

  /**
   * Claims posts whose score job seems lost (e.g. a crash between commit and enqueue), oldest
   * first. Claiming restarts their clock, so a long backlog is re-enqueued once per period, not on
   * every sweep. Ordered by created_at so its index bounds the scan to the stranded rows: ordered
   * by post_id, every sweep (each fan-out tick) read the whole outbox, a backlog's every row.
   */
  async claimStrandedPending(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = (await this.db.query(
      `WITH claimed AS (
         UPDATE pending_scores SET created_at = now()
         -- = ANY(ARRAY(...)): a key probe per claimed row (IN may hash-join a scan of the outbox)
         WHERE post_id = ANY (ARRAY(
           SELECT post_id FROM pending_scores WHERE created_at < now() - make_interval(secs => $1)
           ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED))
         RETURNING post_id)
       SELECT post_id FROM claimed`,
      [olderThanSeconds, limit],
    )) as Array<{ post_id: string }>;
    return rows.map((row) => String(row.post_id));
  }

  /**
   * Posts published in [from, to) that have no score from `modelVersion`, in (posted_at, id) order
   * after the keyset `after`, one platform at a time so the (platform, posted_at) index serves it.
   */
  async findUnscored(
    platform: Platform,
    from: Date,
    to: Date,
    modelVersion: string,
    after: { postedAt: Date; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; postedAt: Date }>> {
    const rows = (await this.db.query(
      `SELECT p.id, p.posted_at FROM posts p
       WHERE p.platform = $1 AND p.posted_at >= $2 AND p.posted_at < $3
         AND (p.posted_at, p.id) > ($4::timestamptz, $5::bigint)
         AND NOT EXISTS (SELECT 1 FROM post_scores s WHERE s.post_id = p.id AND s.model_version = $6)
       ORDER BY p.posted_at, p.id LIMIT $7`,
      [
        platform,
        from.toISOString(),
        to.toISOString(),
        (after?.postedAt ?? new Date(0)).toISOString(),
        after?.id ?? '0',
        modelVersion,
        limit,
      ],
    )) as Array<{ id: string; posted_at: Date }>;
    return rows.map((row) => ({ id: String(row.id), postedAt: row.posted_at }));
  }

  /**
   * Marks every 5-minute bucket with posts in [from, to) for re-aggregation under `modelVersion`,
   * except those before the retention watermark: their rollups are kept, never rebuilt.
   */
  async markRangeDirty(from: Date, to: Date, modelVersion: string): Promise<number> {
    const rows = (await this.db.query(
      `WITH marked AS (
         INSERT INTO dirty_buckets (platform, bucket_start, model_version)
         SELECT DISTINCT platform, date_bin('5 minutes', posted_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'), $3
         FROM posts WHERE platform = ANY($4::text[]) AND posted_at >= $1 AND posted_at < $2
           AND posted_at >= coalesce((SELECT purged_before FROM retention_watermark), '-infinity')
         RETURNING 1)
       SELECT count(*)::int AS n FROM marked`,
      [from.toISOString(), to.toISOString(), modelVersion, PLATFORMS],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }
}
