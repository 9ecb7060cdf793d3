import type { AlertMetric, MetricBucket } from '@labpulse/alerts';
import type { MetricRow, RollupWidth } from '@labpulse/persistence';
import type { BucketSize } from '@labpulse/timeseries';

/** Rule bucket sizes and the rollup widths that store them. */
export const ROLLUP_WIDTH: Readonly<Record<BucketSize, RollupWidth>> = { '5m': '5m', '1h': 'hour', '1d': 'day' };

/**
 * One rollup row as the detectors read it for `metric`. Volume counts every post naming the lab;
 * sentiment shares and net sentiment count only scored posts (an unscorable language is not
 * neutral), and net sentiment uses label counts: sum = positive - negative, sum of squares =
 * positive + negative, i.e. the API's netSentiment.
 */
export function toMetricBucket(row: MetricRow, metric: AlertMetric): MetricBucket {
  const scored = row.positive + row.neutral + row.negative;
  return {
    start: row.start,
    posts: metric === 'volume' ? row.posts : scored,
    negative: row.negative,
    positive: row.positive,
    stanceAgainst: row.against,
    stanceFavor: row.favor,
    stanceTotal: row.favor + row.against + row.stanceNeutral,
    sentimentSum: row.positive - row.negative,
    sentimentSumSquares: row.positive + row.negative,
  };
}
