import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mean, median, medianAbsoluteDeviation, normalCdf, quantile, standardDeviation } from './series-stats';

describe('series statistics', () => {
  it('computes the usual estimators', () => {
    assert.equal(mean([1, 2, 3, 4]), 2.5);
    assert.ok(Math.abs(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) - Math.sqrt(32 / 7)) < 1e-12);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.9), 4.6);
    assert.equal(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9]), 1);
    assert.equal(standardDeviation([3]), 0);
  });

  it('normal CDF within 1e-7', () => {
    assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(normalCdf(1.96) - 0.9750021) < 1e-6);
    assert.ok(Math.abs(normalCdf(-3.46) - 2.7009e-4) < 1e-6);
  });
});
