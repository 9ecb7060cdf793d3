import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvaluationPolicy, evaluateBucket } from './bucket-evaluation';
import { InvalidSeriesError } from './detector-result';
import { detectMeanShift } from './mean-shift-detector';
import { INITIAL_LIFECYCLE_STATE } from './spike-lifecycle';

const params = { windowBuckets: 1, baselineBuckets: 10, minBaselineN: 30, minPostSd: 0.1 };

describe('mean shift (net sentiment)', () => {
  it('matches a hand calculation from label counts', () => {
    // Baseline: 10 buckets of 100 posts, 30 positive and 20 negative each: mean 0.1.
    const base = Array.from({ length: 10 }, () => ({ sum: 30 - 20, sumSquares: 30 + 20, n: 100 }));
    // Window: 50 posts, 5 positive, 25 negative: mean -0.4.
    const r = detectMeanShift([...base, { sum: 5 - 25, sumSquares: 30, n: 50 }], params);
    const variance = (500 - 1000 * 0.1 * 0.1) / 999; // (sum x^2 - n m^2) / (n - 1)
    const se = Math.sqrt(variance) * Math.sqrt(1 / 50 + 1 / 1000);
    assert.ok(Math.abs(r.expected - 0.1) < 1e-12);
    assert.ok(Math.abs(r.observed - -0.4) < 1e-12);
    assert.ok(Math.abs(r.score - -0.5 / se) < 1e-9);
    const policy: EvaluationPolicy = {
      metricKind: 'mean',
      direction: 'down',
      minVolume: 30,
      minEffect: 0.1,
      minCoverage: 0.9,
      enterThreshold: 3,
      exitThreshold: 1.5,
      forBuckets: 0,
      resolveAfterBuckets: 2,
      cooldownMs: 0,
      escalationFactor: null,
    };
    assert.equal(evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r }, policy).evaluation.decision, 'fire');
  });

  it('T19b: n = 0 in the window is no_data: no division by zero, no alert', () => {
    const base = Array.from({ length: 10 }, () => ({ sum: 10, sumSquares: 50, n: 100 }));
    const r = detectMeanShift([...base, { sum: 0, sumSquares: 0, n: 0 }], params);
    assert.equal(r.n, 0);
    assert.ok(Number.isNaN(r.observed));
    const policy: EvaluationPolicy = {
      metricKind: 'mean',
      direction: 'both',
      minVolume: 30,
      minEffect: 0,
      minCoverage: 0,
      enterThreshold: 3,
      exitThreshold: 1.5,
      forBuckets: 0,
      resolveAfterBuckets: 1,
      cooldownMs: 0,
      escalationFactor: null,
    };
    const e = evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r }, policy).evaluation;
    assert.equal(e.decision, 'no_data');
    assert.equal(e.observed, null);
  });

  it('rejects non-finite sums', () => {
    assert.throws(() => detectMeanShift([{ sum: Number.NaN, sumSquares: 1, n: 1 }], params), InvalidSeriesError);
  });
});
