import { DetectorResult, InsufficientHistoryError, InvalidSeriesError } from './detector-result';

/**
 * Per-bucket sufficient statistics of a per-post score (e.g. sentiment in [-1, 1]).
 * With only label counts, net sentiment is sum = positive - negative and
 * sumSquares = positive + negative (each post scores -1, 0 or +1).
 */
export interface MeanPoint {
  readonly sum: number;
  readonly sumSquares: number;
  readonly n: number;
}

export interface MeanShiftParams {
  readonly windowBuckets: number;
  readonly baselineBuckets: number;
  /** Fewest baseline posts needed to score. */
  readonly minBaselineN: number;
  /** Floor on the per-post standard deviation, so a unanimous baseline does not give infinite z. */
  readonly minPostSd: number;
}

/**
 * Mean of the window against the baseline mean, in units of the standard error of
 * the difference: z = (m1 - m0) / (s0 * sqrt(1/n1 + 1/n0)), s0 the baseline per-post sd.
 */
export function detectMeanShift(history: readonly MeanPoint[], params: MeanShiftParams): DetectorResult {
  const end = history.length;
  const windowStart = Math.max(0, end - params.windowBuckets);
  const baselineStart = Math.max(0, windowStart - params.baselineBuckets);
  const window = { sum: 0, sumSquares: 0, n: 0 };
  const base = { sum: 0, sumSquares: 0, n: 0 };
  for (let i = baselineStart; i < end; i++) {
    const p = history[i];
    if (!Number.isInteger(p.n) || p.n < 0) throw new InvalidSeriesError(i, `n must be an integer >= 0, got ${p.n}`);
    if (!Number.isFinite(p.sum) || !Number.isFinite(p.sumSquares) || p.sumSquares < 0) {
      throw new InvalidSeriesError(i, 'sum and sumSquares must be finite, sumSquares >= 0');
    }
    const target = i >= windowStart ? window : base;
    target.sum += p.sum;
    target.sumSquares += p.sumSquares;
    target.n += p.n;
  }
  if (base.n < Math.max(2, params.minBaselineN)) throw new InsufficientHistoryError(base.n, params.minBaselineN);
  const m0 = base.sum / base.n;
  if (window.n === 0) {
    // No posts, no mean: never divide by zero, never alert; the volume guard explains it.
    return { observed: Number.NaN, expected: m0, scale: Number.NaN, score: 0, n: 0, effect: 0, baselineN: base.n };
  }
  const m1 = window.sum / window.n;
  const variance = Math.max(0, (base.sumSquares - base.n * m0 * m0) / (base.n - 1));
  const sd = Math.max(Math.sqrt(variance), params.minPostSd);
  const scale = sd * Math.sqrt(1 / window.n + 1 / base.n);
  return {
    observed: m1,
    expected: m0,
    scale,
    score: (m1 - m0) / scale,
    n: window.n,
    effect: m1 - m0,
    baselineN: base.n,
  };
}
