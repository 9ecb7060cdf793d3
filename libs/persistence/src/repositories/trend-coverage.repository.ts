import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BucketWidth, DerivedBuckets } from './trend.repository';

export interface CoverageQuery {
  width: BucketWidth;
  from: Date;
  to: Date;
  /** Empty means every platform. */
  platforms: string[];
  derive?: DerivedBuckets;
  byPlatform?: boolean;
}

export interface CoverageRow {
  /** The platform, or 'all'. */
  platform: string;
  bucketStart: Date;
  /** Platform sources whose poll outcomes cover some of the bucket. */
  sources: number;
  /** Of those, the ones whose latest poll outcome in the bucket succeeded (a retried failure is healthy). */
  healthy: number;
  /** Of those, the ones paused by a platform quota: not collecting, but not failing either. */
  paused: number;
}

/**
 * How many collectors were working in each bucket, read from source_coverage_buckets (stored
 * buckets) or source_health_buckets (buckets derived for a time zone), both filled by
 * SourceRepository.recordOutcome. Zero sources means nothing was collecting, which is not silence.
 */
@Injectable()
export class TrendCoverageRepository {
  constructor(private readonly db: DataSource) {}

  async coverage(q: CoverageQuery): Promise<CoverageRow[]> {
    const params: unknown[] = [q.width, q.from.toISOString(), q.to.toISOString(), q.platforms];
    const platform = q.byPlatform ? 'h.platform' : `'all'::text`;
    let sql: string;
    if (q.derive) {
      // A derived bucket spans several stored buckets of each source: count each source once.
      params.push(q.derive.unit, q.derive.timeZone);
      sql = `SELECT ${platform} AS platform, date_trunc($5, h.bucket_start, $6) AS bucket_start,
               count(DISTINCT h.source_id)::int AS sources,
               (count(DISTINCT h.source_id) - count(DISTINCT h.source_id) FILTER (WHERE h.failed OR h.paused))::int AS healthy,
               count(DISTINCT h.source_id) FILTER (WHERE h.paused)::int AS paused
             FROM source_health_buckets h
             WHERE h.bucket_width = $1 AND h.bucket_start >= $2 AND h.bucket_start < $3
               AND (cardinality($4::text[]) = 0 OR h.platform = ANY($4::text[]))
             GROUP BY 1, 2`;
    } else {
      // A stored bucket: the per-platform counts the triggers keep (one row per platform, not per source).
      sql = `SELECT ${platform} AS platform, h.bucket_start, sum(h.sources)::int AS sources,
               sum(h.sources - h.unhealthy)::int AS healthy, sum(h.paused)::int AS paused
             FROM source_coverage_buckets h
             WHERE h.bucket_width = $1 AND h.bucket_start >= $2 AND h.bucket_start < $3
               AND (cardinality($4::text[]) = 0 OR h.platform = ANY($4::text[]))
             GROUP BY 1, 2
             HAVING sum(h.sources) > 0`;
    }
    const rows = (await this.db.query(sql, params)) as Array<{
      platform: string;
      bucket_start: Date;
      sources: number;
      healthy: number;
      paused: number;
    }>;
    // Sorted here rather than by ORDER BY, so Postgres may hash-aggregate.
    return rows
      .map((r) => ({
        platform: r.platform,
        bucketStart: r.bucket_start,
        sources: r.sources,
        healthy: r.healthy,
        paused: r.paused,
      }))
      .sort((a, b) =>
        a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : a.bucketStart.getTime() - b.bucketStart.getTime(),
      );
  }
}
