import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export type BucketWidth = '5m' | 'hour' | 'day';

export interface TrendQuery {
  labs: string[];
  width: BucketWidth;
  from: Date;
  to: Date;
  /** Empty means every platform, summed. */
  platforms: string[];
}

export interface TrendRow {
  lab: string;
  bucketStart: Date;
  posts: number;
  positive: number;
  neutral: number;
  negative: number;
  unscored: number;
  favor: number;
  against: number;
  stanceNeutral: number;
  sentimentSum: number;
  stanceSum: number;
}

/** Reads the rollups only; never the posts. */
@Injectable()
export class TrendRepository {
  constructor(private readonly db: DataSource) {}

  async query(q: TrendQuery): Promise<TrendRow[]> {
    const rows = (await this.db.query(
      `SELECT lab_slug, bucket_start,
         sum(posts)::int AS posts, sum(positive)::int AS positive, sum(neutral)::int AS neutral,
         sum(negative)::int AS negative, sum(unscored)::int AS unscored, sum(favor)::int AS favor,
         sum(against)::int AS against, sum(stance_neutral)::int AS stance_neutral,
         sum(sentiment_sum)::float8 AS sentiment_sum, sum(stance_sum)::float8 AS stance_sum
       FROM trend_buckets
       WHERE bucket_width = $1 AND lab_slug = ANY($2::text[]) AND bucket_start >= $3 AND bucket_start < $4
         AND (cardinality($5::text[]) = 0 OR platform = ANY($5::text[]))
       GROUP BY lab_slug, bucket_start
       ORDER BY lab_slug, bucket_start`,
      [q.width, q.labs, q.from.toISOString(), q.to.toISOString(), q.platforms],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      lab: String(r.lab_slug),
      bucketStart: r.bucket_start as Date,
      posts: Number(r.posts),
      positive: Number(r.positive),
      neutral: Number(r.neutral),
      negative: Number(r.negative),
      unscored: Number(r.unscored),
      favor: Number(r.favor),
      against: Number(r.against),
      stanceNeutral: Number(r.stance_neutral),
      sentimentSum: Number(r.sentiment_sum),
      stanceSum: Number(r.stance_sum),
    }));
  }
}
