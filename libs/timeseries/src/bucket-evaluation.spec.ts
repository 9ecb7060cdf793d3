import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvaluationPolicy, evaluateBucket } from './bucket-evaluation';
import { DetectorResult } from './detector-result';
import { INITIAL_LIFECYCLE_STATE } from './spike-lifecycle';

const volume: EvaluationPolicy = {
  metricKind: 'count',
  direction: 'up',
  minVolume: 10,
  minEffect: 0.5,
  minCoverage: 0.9,
  enterThreshold: 4,
  exitThreshold: 2,
  forBuckets: 0,
  resolveAfterBuckets: 1,
  cooldownMs: 0,
  escalationFactor: null,
};

function result(partial: Partial<DetectorResult>): DetectorResult {
  return { observed: 0, expected: 0, scale: 1, score: 0, n: 0, effect: 0, baselineN: 100, ...partial };
}

const decide = (r: DetectorResult, policy = volume, coverage?: number) =>
  evaluateBucket(INITIAL_LIFECYCLE_STATE, { at: 0, result: r, coverage }, policy).evaluation;

describe('guards before the lifecycle', () => {
  it('records observed, expected, score, n and a reason with every decision', () => {
    const e = decide(result({ observed: 120, expected: 40, scale: 14, score: 80 / 14, n: 120, effect: 2 }));
    assert.equal(e.decision, 'fire');
    assert.deepEqual([e.observed, e.expected, e.n], [120, 40, 120]);
    assert.match(e.reason, /score 5\.714 >= enter 4/);
  });

  it('poor coverage suppresses before anything else (a failing source is not a crash in sentiment)', () => {
    const e = decide(result({ observed: 0, expected: 40, score: -9, n: 0 }), { ...volume, direction: 'down' }, 0.2);
    assert.equal(e.decision, 'suppressed:coverage');
  });

  it('T19a: no posts where the baseline expects many is no_data, not a volume drop', () => {
    const e = decide(result({ observed: 0, expected: 60, score: -7, n: 0, effect: -1 }), {
      ...volume,
      direction: 'down',
    });
    assert.equal(e.decision, 'no_data');
  });

  it('a drop is judged on the expected volume, and fires in the down direction', () => {
    const e = decide(result({ observed: 5, expected: 60, score: -6, n: 5, effect: -55 / 60 }), {
      ...volume,
      direction: 'down',
    });
    assert.equal(e.decision, 'fire');
    assert.equal(
      decide(result({ observed: 5, expected: 60, score: -6, n: 5, effect: -55 / 60 })).decision,
      'suppressed:min_volume',
    );
  });

  it('both directions use |score| and the effect in the score direction', () => {
    const e = decide(result({ observed: 5, expected: 60, score: -6, n: 5, effect: -55 / 60 }), {
      ...volume,
      direction: 'both',
    });
    assert.equal(e.decision, 'fire');
  });

  it('a non-finite value is stored as null', () => {
    const e = decide(result({ observed: Number.NaN, expected: 0.2, scale: Number.NaN, n: 0 }), {
      ...volume,
      metricKind: 'share',
    });
    assert.equal(e.observed, null);
    assert.equal(e.scale, null);
  });

  it('detector failures become warm-up or error decisions', () => {
    const warm = evaluateBucket(
      INITIAL_LIFECYCLE_STATE,
      { at: 0, result: { failure: 'warmup', message: 'need 24' } },
      volume,
    );
    assert.equal(warm.evaluation.decision, 'suppressed:warmup');
    assert.equal(warm.evaluation.reason, 'need 24');
  });
});
