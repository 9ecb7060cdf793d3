import { type CoverageRow, type TrendCounts, type TrendRow, ZERO_TREND_COUNTS } from '@labpulse/persistence';
import { ratio } from './trend-series';
import type { TrendField } from './trends-query.dto';

/** The rollup counts of one bucket, in this order, `STRIDE` numbers apart in a series' array. */
export const COUNT_FIELDS = Object.keys(ZERO_TREND_COUNTS) as ReadonlyArray<keyof TrendCounts>;
export const STRIDE = COUNT_FIELDS.length;
// Where each count sits in a bucket's STRIDE numbers.
const {
  posts: POSTS,
  positive: POSITIVE,
  neutral: NEUTRAL,
  negative: NEGATIVE,
  unscored: UNSCORED,
  favor: FAVOR,
  against: AGAINST,
  stanceNeutral: STANCE_NEUTRAL,
  sentimentSum: SENTIMENT,
  stanceSum: STANCE,
  likes: LIKES,
  comments: COMMENTS,
  shares: SHARES,
} = Object.fromEntries(COUNT_FIELDS.map((field, i) => [field, i])) as Record<keyof TrendCounts, number>;

/** A point measure; `c[o + k]` is count k of the bucket, `total` the volume of every requested lab in its group. */
export type Measure = Exclude<TrendField, 'coverage'>;
type MeasureOf = (c: Float64Array, o: number, total: number) => number | null;

/** How each point measure derives from the counts (compare's totals use `measures()`, tested equal). */
export const MEASURES: Record<Measure, MeasureOf> = {
  volume: (c, o) => c[o + POSTS],
  positive: (c, o) => c[o + POSITIVE],
  neutral: (c, o) => c[o + NEUTRAL],
  negative: (c, o) => c[o + NEGATIVE],
  unscored: (c, o) => c[o + UNSCORED],
  netSentiment: (c, o) => ratio(c[o + POSITIVE] - c[o + NEGATIVE], c[o + POSITIVE] + c[o + NEUTRAL] + c[o + NEGATIVE]),
  meanSentiment: (c, o) => ratio(c[o + SENTIMENT], c[o + POSITIVE] + c[o + NEUTRAL] + c[o + NEGATIVE]),
  favor: (c, o) => c[o + FAVOR],
  against: (c, o) => c[o + AGAINST],
  stanceNeutral: (c, o) => c[o + STANCE_NEUTRAL],
  meanStance: (c, o) => ratio(c[o + STANCE], c[o + FAVOR] + c[o + AGAINST] + c[o + STANCE_NEUTRAL]),
  shareOfVoice: (c, o, total) => ratio(c[o + POSTS], total),
  likes: (c, o) => c[o + LIKES],
  comments: (c, o) => c[o + COMMENTS],
  shares: (c, o) => c[o + SHARES],
};

/** Every point measure, in answer order (TREND_FIELDS without coverage). */
export const ALL_MEASURES = Object.keys(MEASURES) as Measure[];

/** One lab's counts in one platform group ('all' or a platform), bucket i at `counts[i * STRIDE]`. */
export interface MatrixSeries {
  lab: string;
  name: string;
  platform: string;
  counts: Float64Array;
}

export interface MatrixCoverage {
  platform: string;
  sources: Int32Array;
  healthy: Int32Array;
}

/**
 * A trend answer as numbers: one dense, zero-filled array per series over every bucket start, so a
 * quiet bucket reads as 0 and rendering allocates no per-point objects (see trend-render.ts).
 */
export interface TrendMatrix {
  starts: number[];
  series: MatrixSeries[];
  coverage: MatrixCoverage[];
}

export function emptyMatrix(
  labs: ReadonlyArray<{ slug: string; name: string }>,
  groups: readonly string[],
  starts: readonly Date[],
): TrendMatrix {
  const n = starts.length;
  return {
    starts: starts.map((s) => s.getTime()),
    series: labs.flatMap((lab) =>
      groups.map((platform) => ({ lab: lab.slug, name: lab.name, platform, counts: new Float64Array(n * STRIDE) })),
    ),
    coverage: groups.map((platform) => ({ platform, sources: new Int32Array(n), healthy: new Int32Array(n) })),
  };
}

/** Writes one bucket's counts at `o` in COUNT_FIELDS order (spelt out: a keyed loop over field names is several times slower). */
export function writeCounts(target: Float64Array, o: number, c: TrendCounts): void {
  target[o + POSTS] = c.posts;
  target[o + POSITIVE] = c.positive;
  target[o + NEUTRAL] = c.neutral;
  target[o + NEGATIVE] = c.negative;
  target[o + UNSCORED] = c.unscored;
  target[o + FAVOR] = c.favor;
  target[o + AGAINST] = c.against;
  target[o + STANCE_NEUTRAL] = c.stanceNeutral;
  target[o + SENTIMENT] = c.sentimentSum;
  target[o + STANCE] = c.stanceSum;
  target[o + LIKES] = c.likes;
  target[o + COMMENTS] = c.comments;
  target[o + SHARES] = c.shares;
}

/** Copies rollup rows into the matrix; a row whose start is not a bucket of the answer is ignored. */
export function fillRows(matrix: TrendMatrix, rows: readonly TrendRow[], coverage: readonly CoverageRow[]): void {
  const index = new Map(matrix.starts.map((start, i) => [start, i]));
  const series = new Map(matrix.series.map((s) => [`${s.lab}|${s.platform}`, s.counts]));
  for (const row of rows) {
    const i = index.get(row.bucketStart.getTime());
    const counts = series.get(`${row.lab}|${row.platform}`);
    if (i === undefined || !counts) continue;
    writeCounts(counts, i * STRIDE, row);
  }
  const groups = new Map(matrix.coverage.map((c) => [c.platform, c]));
  for (const row of coverage) {
    const i = index.get(row.bucketStart.getTime());
    const group = groups.get(row.platform);
    if (i === undefined || !group) continue;
    group.sources[i] = row.sources;
    group.healthy[i] = row.healthy;
  }
}

/** Per platform group, the volume of every requested lab in each bucket (share of voice's denominator). */
export function groupTotals(matrix: TrendMatrix): Map<string, Float64Array> {
  const n = matrix.starts.length;
  const totals = new Map<string, Float64Array>();
  for (const s of matrix.series) {
    let sum = totals.get(s.platform);
    if (!sum) totals.set(s.platform, (sum = new Float64Array(n)));
    for (let i = 0; i < n; i += 1) sum[i] += s.counts[i * STRIDE + POSTS];
  }
  return totals;
}
