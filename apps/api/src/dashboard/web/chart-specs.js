// @ts-check
/** From a /v1/trends answer to the two charts: volume and net sentiment per lab over time. */
import { formatCount, formatNet } from './format.js';
import { styleOf } from './palette.js';
import { INTERVAL_LABELS, formatBucket, formatPeriod } from './time.js';

/** @typedef {import('./types.js').TrendsResponse} TrendsResponse */
/** @typedef {import('./types.js').TrendSeries} TrendSeries */
/** @typedef {import('./time-chart.js').ChartSpec} ChartSpec */
/** @typedef {import('./time.js').Interval} Interval */
/** @typedef {import('./palette.js').LabStyle} LabStyle */

/**
 * Net sentiment of a bucket with fewer scored posts than this is not drawn: with 1 to 4 posts it
 * swings between −1 and +1 on a single post. Its n still shows in the legend and the table.
 */
export const MIN_SCORED_POSTS = 5;

/**
 * @param {TrendsResponse} trends
 * @param {boolean[]} gaps per bucket: collection was down
 * @param {Map<string, LabStyle>} styles each lab's colour and dash
 * @param {(index: number) => void} onSelect a bucket was clicked
 * @returns {{ volume: ChartSpec, sentiment: ChartSpec }}
 */
export function chartSpecs(trends, gaps, styles, onSelect) {
  const interval = /** @type {Interval} */ (trends.interval);
  const starts = trends.series[0]?.points.map((p) => p.start) ?? [];
  const period = formatPeriod(trends.from, trends.to);
  const per = INTERVAL_LABELS[interval].toLowerCase();
  /** @param {TrendSeries} s @param {Array<number | null>} values @param {number[]} [counts] */
  const line = (s, values, counts) => ({ label: s.name, ...styleOf(styles, s.lab), values, counts });

  // A bucket where collection was down and nothing arrived is unknown, not zero: a break in the line.
  const volumes = trends.series.map((s) => s.points.map((p, j) => (gaps[j] && p.volume === 0 ? null : p.volume)));
  const scored = trends.series.map((s) => s.points.map((p) => p.positive + p.neutral + p.negative));
  const nets = trends.series.map((s, i) =>
    s.points.map((p, j) => (scored[i][j] >= MIN_SCORED_POSTS ? p.netSentiment : null)),
  );
  return {
    volume: {
      id: 'volume',
      caption: `Posts per ${per}, ${period} (UTC)`,
      starts,
      interval,
      gaps,
      series: trends.series.map((s, i) => line(s, volumes[i])),
      format: (v) => (v === null ? 'no data' : formatCount(v)),
      yLabel: 'Posts',
      integer: true,
      summary: `Posts per ${per}, ${period}. ${trends.series.map((s, i) => volumeSummary(s.name, volumes[i], starts, interval)).join(' ')}`,
      onSelect,
    },
    sentiment: {
      id: 'sentiment',
      caption: `Net sentiment per ${per}, ${period} (UTC): (positive − negative) / scored posts`,
      starts,
      interval,
      gaps,
      series: trends.series.map((s, i) => line(s, nets[i], scored[i])),
      format: netText,
      yRange: [-1, 1],
      yLabel: 'Net sentiment',
      summary: `Net sentiment per ${per}, from −1 (all negative) to +1 (all positive), ${period}. ${trends.series.map((s, i) => netSummary(s.name, nets[i], scored[i], starts, interval)).join(' ')} Buckets with fewer than ${MIN_SCORED_POSTS} scored posts are not drawn (too few to read); n is the number of scored posts.`,
      onSelect,
    },
  };
}

/**
 * A net sentiment with its sample: "+0.25 (n = 12)", "too few (n = 3)"; without n (axis ticks) the value alone.
 * @param {number | null} value null when not drawn
 * @param {number} [n] scored posts in the bucket
 */
function netText(value, n) {
  if (n === undefined) return value === null ? 'no posts' : formatNet(value);
  if (n === 0) return 'no scored posts';
  return value === null ? `too few (n = ${formatCount(n)})` : `${formatNet(value)} (n = ${formatCount(n)})`;
}

/**
 * "OpenAI: 42 posts, most on 24 Nov 2026 (9)."
 * @param {string} name
 * @param {Array<number | null>} values
 * @param {string[]} starts
 * @param {Interval} interval
 */
function volumeSummary(name, values, starts, interval) {
  const total = values.reduce((/** @type {number} */ n, v) => n + (v ?? 0), 0);
  if (total === 0) return `${name}: no posts.`;
  const peak = values.reduce((/** @type {number} */ best, v, i) => ((v ?? 0) > (values[best] ?? 0) ? i : best), 0);
  return `${name}: ${formatCount(total)} posts, most on ${formatBucket(starts[peak], interval)} (${formatCount(values[peak] ?? 0)}).`;
}

/**
 * "OpenAI: latest +0.20 (24 Nov 2026), between −0.50 and +0.60."
 * @param {string} name
 * @param {Array<number | null>} values
 * @param {number[]} scored scored posts per bucket
 * @param {string[]} starts
 * @param {Interval} interval
 */
function netSummary(name, values, scored, starts, interval) {
  const known = values.map((v, i) => ({ v, i })).filter((x) => x.v !== null);
  if (known.length === 0) {
    const n = scored.reduce((sum, c) => sum + c, 0);
    return n === 0
      ? `${name}: no scored posts.`
      : `${name}: ${formatCount(n)} scored ${n === 1 ? 'post' : 'posts'}, too few in any one ${INTERVAL_LABELS[interval].toLowerCase()} to draw.`;
  }
  const last = known[known.length - 1];
  const all = known.map((x) => /** @type {number} */ (x.v));
  return `${name}: latest ${formatNet(last.v)} (${formatBucket(starts[last.i], interval)}), between ${formatNet(Math.min(...all))} and ${formatNet(Math.max(...all))}.`;
}
