import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  INITIAL_LIFECYCLE_STATE,
  LifecyclePolicy,
  LifecycleSignal,
  LifecycleState,
  stepLifecycle,
} from './spike-lifecycle';

const HOUR = 3_600_000;
const t18: LifecyclePolicy = {
  enterThreshold: 4,
  exitThreshold: 2,
  forBuckets: 0,
  resolveAfterBuckets: 2,
  cooldownMs: 6 * HOUR,
  escalationFactor: 2,
};

function run(scores: readonly (number | LifecycleSignal)[], policy: LifecyclePolicy) {
  let state: LifecycleState = INITIAL_LIFECYCLE_STATE;
  return scores.map((s, i) => {
    const signal: LifecycleSignal = typeof s === 'number' ? { kind: 'score', score: s } : s;
    const step = stepLifecycle(state, (i + 1) * HOUR, signal, policy);
    state = step.state;
    return step;
  });
}

describe('hysteresis and cooldown (T18)', () => {
  it('fires once, holds through 3.9 and 4.1, resolves after two buckets below exit, then cools down', () => {
    const steps = run([4.2, 3.9, 4.1, 1.5, 1.8, 1.2, 4.3], t18);
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['fire', 'hold', 'hold', 'hold', 'resolve', 'ok', 'suppressed:cooldown'],
    );
    assert.deepEqual(
      steps.map((s) => s.transition),
      ['fired', null, null, null, 'resolved', null, null],
    );
  });

  it('an escalation (z 8.5 >= 2 x enter, above the last peak) opens a new episode despite the cooldown', () => {
    const steps = run([4.2, 3.9, 4.1, 1.5, 1.8, 1.2, 8.5], t18);
    assert.equal(steps[6].decision, 'fire');
    assert.equal(steps[6].escalated, true);
  });

  it('without an escalation factor the cooldown always holds', () => {
    const steps = run([4.2, 1, 1, 1, 9], { ...t18, escalationFactor: null });
    assert.equal(steps[4].decision, 'suppressed:cooldown');
  });

  it('resolves only below the exit threshold: a score between exit and enter keeps it firing', () => {
    const steps = run([5, 2.5, 2.1, 2.0, 3.9, 2.2, 1.9, 1.9], { ...t18, resolveAfterBuckets: 2 });
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['fire', 'hold', 'hold', 'hold', 'hold', 'hold', 'hold', 'resolve'],
    );
  });

  it('a bucket back above exit resets the resolve count', () => {
    const steps = run([5, 1, 3, 1, 1], t18);
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['fire', 'hold', 'hold', 'hold', 'resolve'],
    );
  });

  it('pending: fires only after the condition held `forBuckets` more buckets; a lapse resets it', () => {
    const steps = run([5, 1, 5, 5, 5], { ...t18, forBuckets: 2 });
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['pending', 'ok', 'pending', 'pending', 'fire'],
    );
  });

  it('unknown buckets (coverage, no_data, error) freeze the state', () => {
    const steps = run([5, { kind: 'unknown', reason: 'coverage' }, { kind: 'unknown', reason: 'error' }, 1, 1], t18);
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['fire', 'suppressed:coverage', 'error', 'hold', 'resolve'],
    );
    assert.equal(steps[2].state.status, 'firing');
  });

  it('a guard failing while firing counts toward resolving', () => {
    const steps = run(
      [5, { kind: 'blocked', reason: 'min_volume', score: 6 }, { kind: 'blocked', reason: 'min_volume', score: 6 }],
      t18,
    );
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['fire', 'hold', 'resolve'],
    );
  });

  it('the effect floor is reported only when the score would have fired', () => {
    const steps = run(
      [
        { kind: 'blocked', reason: 'min_effect', score: 1 },
        { kind: 'blocked', reason: 'min_effect', score: 5 },
      ],
      t18,
    );
    assert.deepEqual(
      steps.map((s) => s.decision),
      ['ok', 'suppressed:min_effect'],
    );
  });

  it('an escalation while firing is flagged once', () => {
    const steps = run([5, 9, 10, 3], t18);
    assert.deepEqual(
      steps.map((s) => s.escalated),
      [false, true, false, false],
    );
  });
});
