import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvaluationPolicy, evaluateBucket } from './bucket-evaluation';
import { InvalidSeriesError } from './detector-result';
import { detectProportionShift, twoProportionZ } from './proportion-detector';
import { INITIAL_LIFECYCLE_STATE } from './spike-lifecycle';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);

const sharePolicy: EvaluationPolicy = {
  metricKind: 'share',
  direction: 'up',
  minVolume: 30,
  minEffect: 0.05,
  minCoverage: 0.9,
  enterThreshold: 3,
  exitThreshold: 1.5,
  forBuckets: 0,
  resolveAfterBuckets: 2,
  cooldownMs: 86_400_000,
  escalationFactor: 2,
};

describe('two-proportion z-test', () => {
  it('matches a hand calculation (T17 window 1: 20/50 vs 400/2000)', () => {
    const t = twoProportionZ(20, 50, 400, 2000);
    // p = 420 / 2050; se = sqrt(p (1 - p) (1/50 + 1/2000)); z = 0.2 / se
    const p = 420 / 2050;
    const se = Math.sqrt(p * (1 - p) * (1 / 50 + 1 / 2000));
    close(t.pooled, p);
    close(t.standardError, se);
    close(t.z, 0.2 / se);
    assert.equal(t.z.toFixed(2), '3.46');
  });

  it('T17 window 2: 3/5 vs 400/2000 gives z = 2.23', () => {
    assert.equal(twoProportionZ(3, 5, 400, 2000).z.toFixed(2), '2.23');
  });

  it('is 0 when both samples are all or nothing', () => {
    assert.equal(twoProportionZ(0, 10, 0, 100).z, 0);
    assert.equal(twoProportionZ(10, 10, 100, 100).z, 0);
  });

  it('rejects impossible counts', () => {
    assert.throws(() => twoProportionZ(6, 5, 1, 10), InvalidSeriesError);
    assert.throws(() => twoProportionZ(1.5, 5, 1, 10), InvalidSeriesError);
  });
});

describe('proportion shift detector with guards (T17)', () => {
  const params = { windowBuckets: 1, baselineBuckets: 24, minBaselineTrials: 30 };
  // Baseline: 24 buckets of 100 posts, 400 negative overall (20 %), then the window.
  const baseline = Array.from({ length: 24 }, (_, i) => ({ successes: i < 16 ? 17 : 16, trials: i < 16 ? 83 : 84 }));

  it('fires at z 3.46 with observed 0.40 and expected 0.20', () => {
    assert.equal(
      baseline.reduce((a, b) => a + b.successes, 0),
      400,
    );
    assert.equal(
      baseline.reduce((a, b) => a + b.trials, 0),
      2000,
    );
    const r = detectProportionShift([...baseline, { successes: 20, trials: 50 }], params);
    const step = evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r }, sharePolicy);
    assert.equal(step.evaluation.decision, 'fire');
    close(step.evaluation.observed ?? 0, 0.4);
    close(step.evaluation.expected ?? 0, 0.2);
    assert.equal(step.evaluation.score?.toFixed(2), '3.46');
    assert.equal(step.evaluation.n, 50);
  });

  it('3 of 5 is suppressed by the volume floor', () => {
    const r = detectProportionShift([...baseline, { successes: 3, trials: 5 }], params);
    assert.equal(r.score.toFixed(2), '2.23');
    const step = evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r }, sharePolicy);
    assert.equal(step.evaluation.decision, 'suppressed:min_volume');
  });

  it('a significant but tiny shift is suppressed by the effect floor', () => {
    const big = Array.from({ length: 24 }, () => ({ successes: 2000, trials: 10_000 }));
    const r = detectProportionShift([...big, { successes: 2150, trials: 10_000 }], params);
    assert.ok(r.score > 3);
    const step = evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r }, { ...sharePolicy, minEffect: 0.05 });
    assert.equal(step.evaluation.decision, 'suppressed:min_effect');
  });

  it('a window with no posts is no_data, without a division by zero', () => {
    const r = detectProportionShift([...baseline, { successes: 0, trials: 0 }], params);
    const step = evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r }, sharePolicy);
    assert.equal(step.evaluation.decision, 'no_data');
    assert.equal(step.evaluation.observed, null);
  });
});
