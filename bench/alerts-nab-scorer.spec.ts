import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NAB_STANDARD_PROFILE,
  normalisedNabScore,
  probationaryLength,
  scaledSigmoid,
  scoreNabFile,
} from './alerts-nab-scorer';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} != ${b}`);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** 100 rows: probation = floor(0.15 * 100) = 15; one window over rows 40..59. */
const ROWS = 100;
const WINDOW: [number, number][] = [[40, 59]];
const detect = (...rows: number[]) => Array.from({ length: ROWS }, (_, i) => rows.includes(i));

describe('NAB scorer (sweeper.py semantics, standard profile)', () => {
  it('probation is 15 % of rows, at most 750', () => {
    assert.equal(probationaryLength(100, 0.15), 15);
    assert.equal(probationaryLength(15_902, 0.15), 750);
  });

  it('scaled sigmoid: 0.98661 at the left edge, 0 at the right edge, -1 from 3 on', () => {
    close(scaledSigmoid(-1), 2 * sigmoid(5) - 1);
    close(scaledSigmoid(-1), 0.9866142981514305);
    assert.equal(scaledSigmoid(0), 0);
    assert.equal(scaledSigmoid(3), -1);
  });

  it('the null detector scores 0 (normalised) and -1 per window (raw)', () => {
    const f = scoreNabFile(detect(), WINDOW);
    assert.equal(f.raw, -1);
    assert.equal(f.nullScore, -1);
    assert.equal(f.windowsHit, 0);
    assert.equal(normalisedNabScore([f]), 0);
  });

  it('a detection at the left edge scores tpWeight: perfect = 100', () => {
    const f = scoreNabFile(detect(40), WINDOW);
    close(f.raw, 1);
    close(normalisedNabScore([f]), 100);
  });

  it('only the earliest detection in a window counts, by the scaled sigmoid of its position', () => {
    // Row 50 in [40, 59]: position -(59 - 50 + 1) / 20 = -0.5.
    const expected = (2 * sigmoid(2.5) - 1) / (2 * sigmoid(5) - 1);
    close(scoreNabFile(detect(50), WINDOW).raw, expected);
    const both = scoreNabFile(detect(50, 55), WINDOW);
    close(both.raw, expected);
    assert.equal(both.detectionsInWindows, 2);
    assert.equal(both.falsePositives, 0);
  });

  it('a false positive before any window costs 0.11; after a window, 0.11 x sigmoid of the distance', () => {
    const early = scoreNabFile(detect(20, 40), WINDOW);
    close(early.raw, 1 - 0.11);
    assert.equal(early.falsePositives, 1);
    // Row 69: |59 - 69| / (20 - 1) past the window.
    const late = scoreNabFile(detect(40, 69), WINDOW);
    close(late.raw, 1 + 0.11 * (2 * sigmoid(-5 * (10 / 19)) - 1));
    // Further away the cost approaches the full -0.11.
    const far = scoreNabFile(detect(40, 99), WINDOW);
    close(far.raw, 1 - 0.11 * (1 - 2 * sigmoid(-5 * (40 / 19))));
  });

  it('detections in the probationary period are ignored', () => {
    const f = scoreNabFile(detect(3, 14), WINDOW);
    assert.equal(f.falsePositives, 0);
    assert.equal(f.raw, -1);
  });

  it('normalises over files: 100 (raw - null) / (perfect - null)', () => {
    const a = scoreNabFile(detect(40), WINDOW); // +1
    const b = scoreNabFile(detect(), [
      [30, 39],
      [70, 79],
    ]); // -2
    close(normalisedNabScore([a, b]), (100 * (-1 - -3)) / (3 - -3));
    assert.equal(NAB_STANDARD_PROFILE.fpWeight, 0.11);
  });
});
