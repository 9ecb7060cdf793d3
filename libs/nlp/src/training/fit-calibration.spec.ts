import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibrate } from '../model/calibration';
import { mulberry32 } from './ftrl-trainer';
import { fitCalibration, type Prediction } from './fit-calibration';

/** Predictions that are right 60% of the time but claim 95%: an overconfident model. */
function overconfident(n: number): Prediction[] {
  const rand = mulberry32(7);
  return Array.from({ length: n }, () => {
    const gold = Math.floor(rand() * 3);
    const said = rand() < 0.6 ? gold : (gold + 1 + Math.floor(rand() * 2)) % 3;
    const probs = [0.025, 0.025, 0.025];
    probs[said] = 0.95;
    return { probs, gold };
  });
}

test('an overconfident model gets a temperature above 1, and its confidence then matches its accuracy', () => {
  const preds = overconfident(3000);
  const cal = fitCalibration(preds);
  assert.ok(cal.temperature > 1.5, `temperature ${cal.temperature}`);
  const mean = preds.reduce((s, p) => s + Math.max(...calibrate([...p.probs], cal)), 0) / preds.length;
  assert.ok(Math.abs(mean - 0.6) < 0.05, `mean confidence ${mean}`);
});

test('class offsets stop a starved class from never being predicted (macro-F1, not accuracy)', () => {
  // The model always leans neutral by a little; the polar classes are right underneath.
  const preds: Prediction[] = [];
  for (let i = 0; i < 900; i++) {
    const gold = i % 3;
    const probs = [0.3, 0.4, 0.3];
    if (gold !== 1) probs[gold] = 0.38;
    preds.push({ probs: probs.map((p) => p / probs.reduce((a, b) => a + b, 0)), gold });
  }
  const cal = fitCalibration(preds);
  assert.ok(cal.bias[0] > 0 && cal.bias[2] > 0, JSON.stringify(cal));
  const right = preds.filter((p) => {
    const q = calibrate([...p.probs], cal);
    return q.indexOf(Math.max(...q)) === p.gold;
  }).length;
  assert.equal(right, preds.length);
});
