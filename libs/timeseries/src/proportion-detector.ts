import { DetectorResult, InsufficientHistoryError, InvalidSeriesError } from './detector-result';

/** k of n: e.g. negative posts out of all posts in a bucket. */
export interface ProportionPoint {
  readonly successes: number;
  readonly trials: number;
}

export interface TwoProportionZ {
  /** Share in the current window. */
  readonly p1: number;
  /** Share in the baseline. */
  readonly p0: number;
  /** Pooled share under the null hypothesis of no change. */
  readonly pooled: number;
  /** Standard error of p1 - p0 under the null. */
  readonly standardError: number;
  /** (p1 - p0) / standardError; 0 when the standard error is 0. */
  readonly z: number;
}

/**
 * Two-proportion z-test with pooled variance (statsmodels `proportions_ztest`):
 * z = (p1 - p0) / sqrt(p(1 - p)(1/n1 + 1/n0)), p = (k1 + k0) / (n1 + n0).
 */
export function twoProportionZ(k1: number, n1: number, k0: number, n0: number): TwoProportionZ {
  checkCounts(k1, n1, 0);
  checkCounts(k0, n0, 1);
  if (n1 === 0 || n0 === 0) throw new RangeError('two-proportion test needs n1 > 0 and n0 > 0');
  const p1 = k1 / n1;
  const p0 = k0 / n0;
  const pooled = (k1 + k0) / (n1 + n0);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  const z = standardError > 0 ? (p1 - p0) / standardError : 0;
  return { p1, p0, pooled, standardError, z };
}

export interface ProportionShiftParams {
  /** Window length in buckets. */
  readonly windowBuckets: number;
  /** Baseline length in buckets, before the window. */
  readonly baselineBuckets: number;
  /** Fewest baseline posts needed to score. */
  readonly minBaselineTrials: number;
}

/**
 * Share in the newest window against the pooled share of the trailing baseline
 * (which excludes the window, so the two samples are independent). `history` is
 * oldest first and ends with the newest closed bucket.
 */
export function detectProportionShift(
  history: readonly ProportionPoint[],
  params: ProportionShiftParams,
): DetectorResult {
  const end = history.length;
  const windowStart = Math.max(0, end - params.windowBuckets);
  const baselineStart = Math.max(0, windowStart - params.baselineBuckets);
  let k1 = 0;
  let n1 = 0;
  let k0 = 0;
  let n0 = 0;
  for (let i = baselineStart; i < end; i++) {
    const { successes, trials } = history[i];
    checkCounts(successes, trials, i);
    if (i >= windowStart) {
      k1 += successes;
      n1 += trials;
    } else {
      k0 += successes;
      n0 += trials;
    }
  }
  if (n0 < Math.max(1, params.minBaselineTrials)) throw new InsufficientHistoryError(n0, params.minBaselineTrials);
  const p0 = k0 / n0;
  if (n1 === 0) {
    // The share is undefined with no posts: report it as such; the volume guard suppresses it.
    return { observed: Number.NaN, expected: p0, scale: Number.NaN, score: 0, n: 0, effect: 0, baselineN: n0 };
  }
  const t = twoProportionZ(k1, n1, k0, n0);
  return {
    observed: t.p1,
    expected: t.p0,
    scale: t.standardError,
    score: t.z,
    n: n1,
    effect: t.p1 - t.p0,
    baselineN: n0,
  };
}

function checkCounts(k: number, n: number, index: number): void {
  if (!Number.isInteger(n) || n < 0) throw new InvalidSeriesError(index, `trials must be an integer >= 0, got ${n}`);
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new InvalidSeriesError(index, `successes must be an integer in [0, trials], got ${k} of ${n}`);
  }
}
