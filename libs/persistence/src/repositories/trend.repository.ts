import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLLUP_COUNT_COLUMNS } from './rollup-columns';

/** Widths stored in trend_buckets (and source_health_buckets). */
export type BucketWidth = '5m' | 'hour' | 'day';
/** Calendar units derived at query time from stored rows with Postgres' date_trunc(unit, ts, zone). */
export type CalendarUnit = 'hour' | 'day' | 'week';

/** Local calendar bucketing: stored rows are grouped by date_trunc(unit, bucket_start, timeZone). */
export interface DerivedBuckets {
  unit: CalendarUnit;
  /** An IANA name Postgres knows (see timeZoneNames); callers validate it first. */
  timeZone: string;
}

export interface TrendQuery {
  labs: string[];
  /** Which stored rows to read. */
  width: BucketWidth;
  from: Date;
  to: Date;
  /** Empty means every platform. */
  platforms: string[];
  /** Absent: one bucket per stored row start. */
  derive?: DerivedBuckets;
  /** One row per platform instead of platforms summed (then `platform` is 'all'). */
  byPlatform?: boolean;
}

export interface TrendCounts {
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
  likes: number;
  comments: number;
  shares: number;
}

/** A bucket or period nobody posted in. */
export const ZERO_TREND_COUNTS: Readonly<TrendCounts> = Object.freeze({
  posts: 0,
  positive: 0,
  neutral: 0,
  negative: 0,
  unscored: 0,
  favor: 0,
  against: 0,
  stanceNeutral: 0,
  sentimentSum: 0,
  stanceSum: 0,
  likes: 0,
  comments: 0,
  shares: 0,
});

export interface TrendRow extends TrendCounts {
  lab: string;
  /** The platform, or 'all' when platforms are summed. */
  platform: string;
  bucketStart: Date;
}

/** One slice of a period, read from rows of one width: [from, to) must be aligned to that width. */
export interface PeriodSlice {
  period: string;
  width: BucketWidth;
  from: Date;
  to: Date;
}

export interface PeriodTotals extends TrendCounts {
  period: string;
  lab: string;
}

export interface ZoneOffsetProfile {
  /** The offset is zero all along: buckets are the UTC ones. */
  utc: boolean;
  /** Every UTC offset in the range is a whole number of hours: hour rows can be regrouped exactly. */
  wholeHours: boolean;
  /** Every offset is a multiple of five minutes: 5-minute rows can be regrouped exactly. */
  fiveMinutes: boolean;
}

const SUM_COLUMNS = ROLLUP_COUNT_COLUMNS;

/** Whether a query sums every platform, so trend_buckets_all_platforms holds its rows. */
function allPlatforms(platforms: string[], byPlatform = false): boolean {
  return platforms.length === 0 && !byPlatform;
}

/**
 * Epoch milliseconds, not timestamptz: parsing thousands of timestamp strings in the driver costs
 * more than the query itself.
 */
function epochMs(bucket: string): string {
  return `(extract(epoch FROM ${bucket}) * 1000)::float8`;
}

/** One row's rollup columns, as float8 like sums() (the row of a single bucket is its own sum). */
function columns(alias: string): string {
  return [...SUM_COLUMNS, 'sentiment_sum', 'stance_sum'].map((c) => `${alias}.${c}::float8 AS ${c}`).join(', ');
}

/** The summed rollup columns. */
function sums(alias: string): string {
  // float8 accumulates far faster than numeric (what sum(bigint) gives) and is exact below 2^53.
  return [
    ...SUM_COLUMNS.map((c) => `sum(${alias}.${c}::float8) AS ${c}`),
    `sum(${alias}.sentiment_sum)::float8 AS sentiment_sum`,
    `sum(${alias}.stance_sum)::float8 AS stance_sum`,
  ].join(', ');
}

// Sampling steps for listing local bucket starts: shorter than any bucket of the unit can be
// (a local hour may be 30 minutes long across a Lord Howe DST change; a day is at least 23 h).
const GRID_STEP: Record<CalendarUnit, string> = { hour: '5 minutes', day: '6 hours', week: '1 day' };

/** One rollup bucket of a lab, summed over the platforms asked for. */
export interface MetricRow {
  readonly start: number;
  readonly posts: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly favor: number;
  readonly against: number;
  readonly stanceNeutral: number;
}

export type RollupWidth = '5m' | 'hour' | 'day';

/** Reads the rollups only; never the posts. */
@Injectable()
export class TrendRepository {
  constructor(private readonly db: DataSource) {}

  async query(q: TrendQuery): Promise<TrendRow[]> {
    const params: unknown[] = [q.width, q.labs, q.from.toISOString(), q.to.toISOString()];
    let bucket = 't.bucket_start';
    if (q.derive) {
      params.push(q.derive.unit, q.derive.timeZone);
      bucket = 'date_trunc($5, t.bucket_start, $6)';
    }
    const range = `t.bucket_width = $1 AND t.lab_slug = ANY($2::text[]) AND t.bucket_start >= $3 AND t.bucket_start < $4`;
    // Every platform summed, in stored buckets: one all-platforms row per bucket and lab, read as it is.
    const sql = allPlatforms(q.platforms, q.byPlatform)
      ? q.derive
        ? `SELECT t.lab_slug, 'all'::text AS platform, ${epochMs(bucket)} AS bucket_ms, ${sums('t')}
           FROM trend_buckets_all_platforms t WHERE ${range} GROUP BY 1, 2, 3`
        : `SELECT t.lab_slug, 'all'::text AS platform, ${epochMs(bucket)} AS bucket_ms, ${columns('t')}
           FROM trend_buckets_all_platforms t WHERE ${range}`
      : `SELECT t.lab_slug, ${q.byPlatform ? 't.platform' : `'all'::text`} AS platform, ${epochMs(bucket)} AS bucket_ms, ${sums('t')}
         FROM trend_buckets t
         WHERE ${range} AND (cardinality($${params.push(q.platforms)}::text[]) = 0 OR t.platform = ANY($${params.length}::text[]))
         GROUP BY 1, 2, 3`;
    const rows = (await this.db.query(sql, params)) as Array<Record<string, unknown>>;
    // Sorted here, not by ORDER BY: Postgres then hash-aggregates instead of sorting thousands of
    // rows by a collated text key, several times slower.
    return rows
      .map((r) => ({
        lab: String(r.lab_slug),
        platform: String(r.platform),
        bucketStart: new Date(Number(r.bucket_ms)),
        ...toCounts(r),
      }))
      .sort(
        (a, b) =>
          compare(a.lab, b.lab) || compare(a.platform, b.platform) || a.bucketStart.getTime() - b.bucketStart.getTime(),
      );
  }

  /** Totals per period and lab over slices of stored rows (see PeriodSlice). */
  async totals(labs: string[], platforms: string[], slices: PeriodSlice[]): Promise<PeriodTotals[]> {
    if (slices.length === 0) return [];
    const every = allPlatforms(platforms);
    const rows = (await this.db.query(
      `SELECT r.period, t.lab_slug, ${sums('t')}
       FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::timestamptz[]) AS r(period, width, from_at, to_at)
       JOIN ${every ? 'trend_buckets_all_platforms' : 'trend_buckets'} t
         ON t.bucket_width = r.width AND t.bucket_start >= r.from_at AND t.bucket_start < r.to_at
       WHERE t.lab_slug = ANY($5::text[]) ${every ? '' : 'AND t.platform = ANY($6::text[])'}
       GROUP BY 1, 2
       ORDER BY 1, 2`,
      [
        slices.map((s) => s.period),
        slices.map((s) => s.width),
        slices.map((s) => s.from.toISOString()),
        slices.map((s) => s.to.toISOString()),
        labs,
        ...(every ? [] : [platforms]),
      ],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({ period: String(r.period), lab: String(r.lab_slug), ...toCounts(r) }));
  }

  /**
   * Starts of the local buckets covering [from, to), computed with the same date_trunc that
   * groups the rows, so a zero-filled series and the rows always agree (DST included).
   */
  async localBucketStarts(derive: DerivedBuckets, from: Date, to: Date): Promise<Date[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT date_trunc($1, g, $2) AS start
       FROM generate_series(date_trunc($1, $3::timestamptz, $2), $4::timestamptz - interval '1 microsecond', $5::interval) AS g
       UNION SELECT date_trunc($1, $4::timestamptz - interval '1 microsecond', $2)
       ORDER BY 1`,
      [derive.unit, derive.timeZone, from.toISOString(), to.toISOString(), GRID_STEP[derive.unit]],
    )) as Array<{ start: Date }>;
    return rows.map((row) => row.start);
  }

  /** Whether a zone's UTC offsets over [from, to] (sampled hourly, Postgres' tz database) allow exact regrouping. */
  async zoneOffsetProfile(timeZone: string, from: Date, to: Date): Promise<ZoneOffsetProfile> {
    const [row] = (await this.db.query(
      `SELECT coalesce(bool_and(o = 0), true) AS utc, coalesce(bool_and(o % 3600 = 0), true) AS whole_hours,
         coalesce(bool_and(o % 300 = 0), true) AS five_minutes
       FROM (SELECT extract(epoch FROM (g AT TIME ZONE $1) - (g AT TIME ZONE 'UTC'))::int AS o
             FROM generate_series($2::timestamptz, $3::timestamptz, interval '1 hour') AS g) AS offsets`,
      [timeZone, from.toISOString(), to.toISOString()],
    )) as Array<{ utc: boolean; whole_hours: boolean; five_minutes: boolean }>;
    return { utc: row.utc, wholeHours: row.whole_hours, fiveMinutes: row.five_minutes };
  }

  /** IANA zone names this Postgres knows; a name outside this list must never reach a query. */
  async timeZoneNames(): Promise<string[]> {
    const rows = (await this.db.query('SELECT name FROM pg_timezone_names')) as Array<{ name: string }>;
    return rows.map((row) => row.name);
  }

  /** Rollup rows of one lab in [from, to), summed over every platform when `platform` is 'all'. */
  /** `excluded`: platforms left out of an `all` rule (they were not collecting). */
  async metricRows(
    labSlug: string,
    platform: string,
    width: RollupWidth,
    from: number,
    to: number,
    excluded: readonly string[] = [],
  ): Promise<MetricRow[]> {
    const rows = (await this.db.query(
      `SELECT bucket_start, sum(posts)::int AS posts, sum(positive)::int AS positive, sum(neutral)::int AS neutral,
         sum(negative)::int AS negative, sum(favor)::int AS favor, sum(against)::int AS against,
         sum(stance_neutral)::int AS stance_neutral
       FROM trend_buckets
       WHERE bucket_width = $1 AND lab_slug = $2 AND ($3 = 'all' OR platform = $3) AND bucket_start >= $4 AND bucket_start < $5
         AND NOT (platform = ANY ($6::text[]))
       GROUP BY bucket_start ORDER BY bucket_start`,
      [width, labSlug, platform, new Date(from).toISOString(), new Date(to).toISOString(), [...excluded]],
    )) as Array<Record<string, number> & { bucket_start: Date }>;
    return rows.map((r) => ({
      start: r.bucket_start.getTime(),
      posts: r.posts,
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      favor: r.favor,
      against: r.against,
      stanceNeutral: r.stance_neutral,
    }));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toCounts(r: Record<string, unknown>): TrendCounts {
  return {
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
    likes: Number(r.likes),
    comments: Number(r.comments),
    shares: Number(r.shares),
  };
}
