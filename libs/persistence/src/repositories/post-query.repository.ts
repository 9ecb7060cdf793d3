import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const POST_SORTS = ['recent', 'engagement', 'most_negative'] as const;
export type PostSort = (typeof POST_SORTS)[number];

/** Keyset position: the sort key of the last row served (as Postgres text, lossless) and its post id. */
export interface PostPosition {
  key: string;
  postId: string;
}

export interface LabPostQuery {
  lab: string;
  modelVersion: string;
  sort: PostSort;
  platform?: string;
  stance?: 'favor' | 'against' | 'neutral';
  sentiment?: 'positive' | 'neutral' | 'negative';
  from?: Date;
  to?: Date;
  after?: PostPosition;
  limit: number;
}

export interface LabPost {
  postId: string;
  platform: string;
  externalId: string;
  /** Set for comments: the platform id of the post commented on. */
  parentExternalId: string | null;
  url: string | null;
  authorId: string | null;
  authorName: string | null;
  text: string;
  language: string | null;
  postedAt: Date;
  likes: number;
  comments: number;
  shares: number;
  quotes: number | null;
  impressions: number | null;
  /** False when the model could not score the post's language. */
  scored: boolean;
  sentimentLabel: string | null;
  sentimentScore: number | null;
  sentimentConfidence: number | null;
  stance: string | null;
  stanceScore: number | null;
  stanceConfidence: number | null;
  evidence: string;
  evidenceStart: number;
  evidenceEnd: number;
  /** This row's position, for the next page's `after`. */
  position: PostPosition;
}

interface SortSpec {
  /** The sort key as lossless text (microseconds, float4 shortest-exact). */
  key: string;
  order: string;
  /** Rows strictly after the position ($k, $i) in this order; cast so a bad key is a type error, not a wrong page. */
  after: (k: string, i: string) => string;
  extra?: string;
}

// Each order is served by one index on post_lab_mentions (lab_slug, model_version, <key>, post_id).
const SORTS: Record<PostSort, SortSpec> = {
  recent: {
    key: `to_char(m.posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    order: 'm.posted_at DESC, m.post_id DESC',
    after: (k, i) => `(m.posted_at, m.post_id) < (${k}::timestamptz, ${i}::bigint)`,
  },
  engagement: {
    key: 'm.engagement::text',
    order: 'm.engagement DESC, m.post_id DESC',
    after: (k, i) => `(m.engagement, m.post_id) < (${k}::bigint, ${i}::bigint)`,
  },
  most_negative: {
    key: 'm.sentiment_score::text',
    order: 'm.sentiment_score ASC, m.post_id ASC',
    after: (k, i) => `(m.sentiment_score, m.post_id) > (${k}::real, ${i}::bigint)`,
    // Posts without a sentiment (unscorable languages) have no place in this order.
    extra: 'm.sentiment_score IS NOT NULL',
  },
};

export type TopPostFilter = 'negative' | 'positive' | 'against' | 'favor' | 'any';

export interface TopPostRow {
  platform: 'x' | 'linkedin' | 'facebook';
  externalId: string;
  url: string | null;
}

/** Drill-down reads of a lab's scored posts, keyset-paginated. */
@Injectable()
export class PostQueryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The model version the lab's newest daily rollup was built from, so drill-down rows agree with
   * the trends; falls back to any version with mentions when nothing is aggregated yet.
   */
  async currentModelVersion(lab: string): Promise<string | null> {
    const [row] = (await this.db.query(
      `SELECT coalesce(
         (SELECT model_version FROM trend_buckets WHERE bucket_width = 'day' AND lab_slug = $1 ORDER BY bucket_start DESC LIMIT 1),
         (SELECT model_version FROM post_lab_mentions WHERE lab_slug = $1 LIMIT 1)) AS v`,
      [lab],
    )) as Array<{ v: string | null }>;
    return row?.v ?? null;
  }

  async page(q: LabPostQuery): Promise<LabPost[]> {
    const sort = SORTS[q.sort];
    const params: unknown[] = [q.lab, q.modelVersion];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    // Only the filters given become conditions, so the planner sees the plain index range each time.
    const where = ['m.lab_slug = $1', 'm.model_version = $2'];
    if (sort.extra) where.push(sort.extra);
    if (q.platform) where.push(`m.platform = ${param(q.platform)}`);
    if (q.stance) where.push(`m.stance = ${param(q.stance)}`);
    if (q.sentiment) where.push(`m.sentiment_label = ${param(q.sentiment)}`);
    if (q.from) where.push(`m.posted_at >= ${param(q.from.toISOString())}`);
    if (q.to) where.push(`m.posted_at < ${param(q.to.toISOString())}`);
    if (q.after) where.push(sort.after(param(q.after.key), param(q.after.postId)));
    const rows = (await this.db.query(
      `SELECT m.post_id::text AS post_id, p.platform, p.external_id, p.parent_external_id, p.url, p.author_id, p.author_name, p.text, p.language,
         p.posted_at, p.likes, p.comments, p.shares, p.quotes, p.impressions, coalesce(s.scored, false) AS scored,
         s.sentiment_label, s.sentiment_score, s.sentiment_confidence, m.stance, m.stance_score, m.stance_confidence,
         m.evidence, m.evidence_start, m.evidence_end, ${sort.key} AS sort_key
       FROM post_lab_mentions m
       JOIN posts p ON p.id = m.post_id
       LEFT JOIN post_scores s ON s.post_id = m.post_id AND s.model_version = m.model_version
       WHERE ${where.join(' AND ')}
       ORDER BY ${sort.order}
       LIMIT ${param(q.limit)}`,
      params,
    )) as Array<Record<string, unknown>>;
    return rows.map(toPost);
  }

  /** The most engaging posts behind an alert, by platform id and original URL (never bodies). */
  async topPosts(
    labSlug: string,
    platform: string,
    from: number,
    to: number,
    filter: TopPostFilter,
    limit: number,
  ): Promise<TopPostRow[]> {
    const rows = (await this.db.query(
      `SELECT p.platform, p.external_id, p.url
       FROM post_lab_mentions m
       JOIN posts p ON p.id = m.post_id
       JOIN post_scores s ON s.post_id = m.post_id AND s.model_version = m.model_version
       WHERE m.lab_slug = $1 AND ($2 = 'all' OR p.platform = $2) AND p.posted_at >= $3 AND p.posted_at < $4
         AND CASE $5 WHEN 'negative' THEN s.sentiment_label = 'negative' WHEN 'positive' THEN s.sentiment_label = 'positive'
                     WHEN 'against' THEN m.stance = 'against' WHEN 'favor' THEN m.stance = 'favor' ELSE true END
       GROUP BY p.id ORDER BY max(p.likes + p.comments + p.shares) DESC, p.id LIMIT $6`,
      [labSlug, platform, new Date(from).toISOString(), new Date(to).toISOString(), filter, limit],
    )) as Array<{ platform: TopPostRow['platform']; external_id: string; url: string | null }>;
    // Only web links: an import may carry anything in `url`.
    return rows.map((r) => ({
      platform: r.platform,
      externalId: r.external_id,
      url: r.url && /^https?:\/\//i.test(r.url) ? r.url : null,
    }));
  }
}

function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function toPost(r: Record<string, unknown>): LabPost {
  return {
    postId: String(r.post_id),
    platform: String(r.platform),
    externalId: String(r.external_id),
    parentExternalId: (r.parent_external_id as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    authorId: (r.author_id as string | null) ?? null,
    authorName: (r.author_name as string | null) ?? null,
    text: String(r.text),
    language: (r.language as string | null) ?? null,
    postedAt: r.posted_at as Date,
    likes: Number(r.likes),
    comments: Number(r.comments),
    shares: Number(r.shares),
    quotes: nullableNumber(r.quotes),
    impressions: nullableNumber(r.impressions),
    scored: Boolean(r.scored),
    sentimentLabel: (r.sentiment_label as string | null) ?? null,
    sentimentScore: nullableNumber(r.sentiment_score),
    sentimentConfidence: nullableNumber(r.sentiment_confidence),
    stance: (r.stance as string | null) ?? null,
    stanceScore: nullableNumber(r.stance_score),
    stanceConfidence: nullableNumber(r.stance_confidence),
    evidence: String(r.evidence),
    evidenceStart: Number(r.evidence_start),
    evidenceEnd: Number(r.evidence_end),
    position: { key: String(r.sort_key), postId: String(r.post_id) },
  };
}
