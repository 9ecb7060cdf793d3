import { DetectorResult, InsufficientHistoryError, InvalidSeriesError } from './detector-result';
import { MAD_TO_SIGMA, mean, median, medianAbsoluteDeviation, standardDeviation } from './series-stats';
import { DAY_MS } from './time-bucket';

/**
 * Rolling-window z-score for counts (volume): the sum of the last `windowBuckets`
 * closed buckets against the sums of earlier, non-overlapping windows of the same
 * length inside a trailing baseline. Non-overlapping samples keep the baseline cheap
 * (168 samples for 1 h in 7 d) and roughly independent.
 */
export interface CountSpikeParams {
  /** Bucket length in ms (5 min, 1 h ...); needed for the seasonal baseline. */
  readonly bucketMs: number;
  /** Window length in buckets (1 h of 5-minute buckets = 12). */
  readonly windowBuckets: number;
  /** Trailing baseline length in buckets, not counting the current window (7 d of 5-minute buckets = 2016). */
  readonly baselineBuckets: number;
  /** `trailing`: every earlier window; `same_hour_of_day`: windows a whole number of days back (+-1 window). */
  readonly baseline: 'trailing' | 'same_hour_of_day';
  /** `mean_sd`: classic z; `median_mad`: robust z (1.4826 MAD). */
  readonly method: 'mean_sd' | 'median_mad';
  /** Fewest baseline windows needed to score at all. */
  readonly minBaselineSamples: number;
  /** Absolute floor on the scale, so a flat baseline does not make every blip infinite. */
  readonly minScale: number;
}

/** Buckets of history `detectCountSpike` reads: the current window plus the baseline. */
export function countSpikeHistoryLength(params: CountSpikeParams): number {
  return params.windowBuckets + params.baselineBuckets;
}

/**
 * Scores the newest window. `history` is gap-free (missing buckets filled with 0 by
 * the caller), oldest first, and ends with the newest closed bucket; anything older
 * than window + baseline is ignored, so the worker can pass a fixed-length slice.
 */
export function detectCountSpike(history: readonly number[], params: CountSpikeParams): DetectorResult {
  const w = params.windowBuckets;
  const end = history.length;
  const start = Math.max(0, end - countSpikeHistoryLength(params));
  for (let i = start; i < end; i++) {
    const v = history[i];
    if (!Number.isFinite(v) || v < 0) throw new InvalidSeriesError(i, `expected a finite count >= 0, got ${v}`);
  }
  if (end < w) throw new InsufficientHistoryError(0, params.minBaselineSamples);

  const observed = windowSum(history, end - w, end);
  const samples = baselineSamples(history, start, end, params);
  if (samples.length < params.minBaselineSamples) {
    throw new InsufficientHistoryError(samples.length, params.minBaselineSamples);
  }

  let expected: number;
  let spread: number;
  if (params.method === 'median_mad') {
    expected = median(samples);
    spread = MAD_TO_SIGMA * medianAbsoluteDeviation(samples, expected);
  } else {
    expected = mean(samples);
    spread = standardDeviation(samples, expected);
  }
  // Counts cannot be less noisy than Poisson: sqrt(expected) is the floor that keeps
  // a quiet, flat baseline from turning every blip into a huge z.
  const scale = Math.max(spread, Math.sqrt(expected), params.minScale);
  const score = (observed - expected) / scale;
  // Relative change, measured against at least one post so an empty baseline stays finite.
  const effect = (observed - expected) / Math.max(expected, 1);
  return { observed, expected, scale, score, n: observed, effect, baselineN: samples.length };
}

function windowSum(values: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += values[i];
  return total;
}

function baselineSamples(history: readonly number[], start: number, end: number, params: CountSpikeParams): number[] {
  const w = params.windowBuckets;
  const samples: number[] = [];
  if (params.baseline === 'trailing') {
    for (let right = end - w; right - w >= start; right -= w) samples.push(windowSum(history, right - w, right));
    return samples;
  }
  const dayBuckets = Math.round(DAY_MS / params.bucketMs);
  for (let days = 1; end - days * dayBuckets - w >= start; days++) {
    // The same time of day, plus one window either side to absorb a slightly early or late rhythm.
    for (const shift of [-w, 0, w]) {
      const right = end - days * dayBuckets + shift;
      if (right - w >= start && right <= end - w) samples.push(windowSum(history, right - w, right));
    }
  }
  return samples;
}
