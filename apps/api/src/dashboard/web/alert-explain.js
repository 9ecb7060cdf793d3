// @ts-check
/** An alert in words: which measure moved, how far from what was expected, and why it fired. */
import { formatCount, formatNet, formatPercent, formatScore } from './format.js';

/** @typedef {import('./types.js').Alert} Alert */
/** @typedef {import('./types.js').AlertDetail} AlertDetail */
/** @typedef {import('./types.js').Evaluation} Evaluation */

const METRICS = /** @type {Record<string, string>} */ ({
  volume: 'Volume',
  net_sentiment: 'Net sentiment',
  negative_share: 'Negative share',
  stance_against_share: 'Share of posts against',
  stance_favor_share: 'Share of posts in favour',
});
const VERBS = /** @type {Record<string, string>} */ ({ up: 'rose', down: 'fell', both: 'moved' });
const PLATFORMS = /** @type {Record<string, string>} */ ({
  all: 'all platforms',
  x: 'X',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
});

/** @param {string} metric */
export function metricLabel(metric) {
  return METRICS[metric] ?? metric.replaceAll('_', ' ');
}

/** @param {string} platform */
export function platformLabel(platform) {
  return PLATFORMS[platform] ?? platform;
}

/**
 * A value of the alert's metric as people read it.
 * @param {string} metric
 * @param {number | null} value
 */
export function formatMetric(metric, value) {
  if (value === null) return 'n/a';
  if (metric === 'volume') return `${formatCount(Math.round(value * 10) / 10)} posts`;
  if (metric === 'net_sentiment') return formatNet(value);
  return formatPercent(value);
}

/**
 * The decision that best explains the episode: the one that fired it, else the newest.
 * @param {AlertDetail} detail
 * @returns {Evaluation | undefined}
 */
export function keyEvaluation(detail) {
  return detail.evaluations.find((e) => e.decision === 'fire') ?? detail.evaluations[0];
}

/**
 * "Negative share rose: 42.0% observed against 12.0% expected (score 4.1, 230 posts); score 4.1 >= enter 3."
 * @param {Alert} alert
 * @param {AlertDetail | null} detail null when the details could not be read
 */
export function explainAlert(alert, detail) {
  const what = `${metricLabel(alert.metric)} ${VERBS[alert.direction] ?? 'moved'} on ${platformLabel(alert.platform)}`;
  const evaluation = detail ? keyEvaluation(detail) : undefined;
  if (!evaluation) return `${what}.`;
  const measured = `${formatMetric(alert.metric, evaluation.observed)} observed against ${formatMetric(alert.metric, evaluation.expected)} expected`;
  const stats = [
    evaluation.score === null ? null : `score ${formatScore(evaluation.score, 1)}`,
    evaluation.n === null ? null : `n = ${formatCount(evaluation.n)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${what}: ${measured}${stats ? ` (${stats})` : ''}. Decision: ${evaluation.decision}, ${evaluation.reason}.`;
}
