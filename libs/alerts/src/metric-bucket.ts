import type { MeanPoint, ProportionPoint } from '@labpulse/timeseries';
import type { AlertMetric } from './alert-rule';

/**
 * One closed rollup bucket for a (lab, platform) as the worker reads it. Counts are
 * posts in the bucket; the stance counts cover the posts that name the lab with a
 * stance judgement. With label counts only, pass sentimentSum = positive - negative
 * and sentimentSumSquares = positive + negative.
 */
export interface MetricBucket {
  /** Bucket start, epoch ms (UTC). */
  readonly start: number;
  readonly posts: number;
  readonly negative: number;
  readonly positive: number;
  readonly stanceAgainst: number;
  readonly stanceFavor: number;
  readonly stanceTotal: number;
  readonly sentimentSum: number;
  readonly sentimentSumSquares: number;
  /** Fraction of the bucket with healthy collection (sources' health); 1 when unknown. */
  readonly coverage?: number;
}

export function emptyMetricBucket(start: number): MetricBucket {
  return {
    start,
    posts: 0,
    negative: 0,
    positive: 0,
    stanceAgainst: 0,
    stanceFavor: 0,
    stanceTotal: 0,
    sentimentSum: 0,
    sentimentSumSquares: 0,
  };
}

export function countSeries(buckets: readonly MetricBucket[]): number[] {
  return buckets.map((b) => b.posts);
}

export function proportionSeries(metric: AlertMetric, buckets: readonly MetricBucket[]): ProportionPoint[] {
  switch (metric) {
    case 'negative_share':
      return buckets.map((b) => ({ successes: b.negative, trials: b.posts }));
    case 'positive_share':
      return buckets.map((b) => ({ successes: b.positive, trials: b.posts }));
    case 'stance_against_share':
      return buckets.map((b) => ({ successes: b.stanceAgainst, trials: b.stanceTotal }));
    case 'stance_favor_share':
      return buckets.map((b) => ({ successes: b.stanceFavor, trials: b.stanceTotal }));
    default:
      throw new RangeError(`${metric} is not a share metric`);
  }
}

export function meanSeries(buckets: readonly MetricBucket[]): MeanPoint[] {
  return buckets.map((b) => ({ sum: b.sentimentSum, sumSquares: b.sentimentSumSquares, n: b.posts }));
}

/** Gap-fills sparse rollup rows into one bucket per step in [from, to): a missing row had no posts. */
export function fillMetricBuckets(
  rows: readonly MetricBucket[],
  from: number,
  to: number,
  bucketMs: number,
): MetricBucket[] {
  const byStart = new Map<number, MetricBucket>();
  for (const row of rows) byStart.set(row.start, row);
  const out: MetricBucket[] = [];
  for (let t = from; t < to; t += bucketMs) out.push(byStart.get(t) ?? emptyMetricBucket(t));
  return out;
}
