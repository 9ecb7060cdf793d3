import type { DataSource } from 'typeorm';

export interface RollupFixture {
  lab: string;
  platform: 'x' | 'facebook' | 'linkedin';
  width: '5m' | 'hour' | 'day';
  /** Bucket start, epoch ms. */
  start: number;
  posts: number;
  positive?: number;
  neutral?: number;
  negative?: number;
  favor?: number;
  against?: number;
  stanceNeutral?: number;
}

/**
 * Writes trend_buckets rows directly (the evaluator reads nothing else), so a week of history
 * costs one statement instead of thousands of posts through the pipeline.
 */
export async function seedRollups(db: DataSource, rows: readonly RollupFixture[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const chunk = rows.slice(i, i + 5_000);
    const col = <T>(pick: (r: RollupFixture) => T): T[] => chunk.map(pick);
    await db.query(
      `INSERT INTO trend_buckets (lab_slug, platform, bucket_width, bucket_start, model_version, posts, positive, neutral, negative,
         unscored, favor, against, stance_neutral, sentiment_sum, stance_sum, likes, comments, shares)
       SELECT lab, platform, width, start, 'fixture', posts, positive, neutral, negative, 0, favor, against, stance_neutral, 0, 0, 0, 0, 0
       FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[], $11::int[])
         AS r(lab, platform, width, start, posts, positive, neutral, negative, favor, against, stance_neutral)
       ON CONFLICT (lab_slug, platform, bucket_width, bucket_start) DO UPDATE SET posts = EXCLUDED.posts, positive = EXCLUDED.positive,
         neutral = EXCLUDED.neutral, negative = EXCLUDED.negative, favor = EXCLUDED.favor, against = EXCLUDED.against,
         stance_neutral = EXCLUDED.stance_neutral`,
      [
        col((r) => r.lab),
        col((r) => r.platform),
        col((r) => r.width),
        col((r) => new Date(r.start).toISOString()),
        col((r) => r.posts),
        col((r) => r.positive ?? 0),
        col((r) => r.neutral ?? r.posts - (r.positive ?? 0) - (r.negative ?? 0)),
        col((r) => r.negative ?? 0),
        col((r) => r.favor ?? 0),
        col((r) => r.against ?? 0),
        col((r) => r.stanceNeutral ?? 0),
      ],
    );
  }
}

export { seededRandom } from '@labpulse/testing';
