import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvaluationPolicy } from './bucket-evaluation';
import { CountSpikeParams, countSpikeHistoryLength, detectCountSpike } from './count-spike-detector';
import { InsufficientHistoryError, InvalidSeriesError } from './detector-result';
import { replaySeries } from './series-replay';

const HOUR = 3_600_000;
/** Hourly buckets, 1 h window, 7 d trailing baseline (T15's rule). */
const hourly: CountSpikeParams = {
  bucketMs: HOUR,
  windowBuckets: 1,
  baselineBuckets: 168,
  baseline: 'trailing',
  method: 'mean_sd',
  minBaselineSamples: 24,
  minScale: 1,
};
const policy: EvaluationPolicy = {
  metricKind: 'count',
  direction: 'up',
  minVolume: 10,
  minEffect: 0,
  minCoverage: 0.9,
  enterThreshold: 4,
  exitThreshold: 2,
  forBuckets: 0,
  resolveAfterBuckets: 2,
  cooldownMs: 24 * HOUR,
  escalationFactor: 2,
};

/** Deterministic PRNG (mulberry32) so fixtures are reproducible without timing or global state. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Negative binomial (mean, size) as a gamma-Poisson mixture: var = mean + mean^2 / size. */
function negativeBinomial(random: () => number, mean: number, size: number): number {
  // Marsaglia-Tsang gamma(size, mean / size); size >= 1 here.
  const d = size - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  let lambda: number;
  for (;;) {
    const u1 = random();
    const u2 = random();
    const z = Math.sqrt(-2 * Math.log(u1 || 1e-12)) * Math.cos(2 * Math.PI * u2);
    const v = (1 + c * z) ** 3;
    if (v > 0 && Math.log(random() || 1e-12) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
      lambda = (d * v * mean) / size;
      break;
    }
  }
  // Poisson(lambda) by inversion; lambda is ~40 here.
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 10_000) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

// The worker's streaming path, bucket by bucket, with the count detector.
const decisions = (values: number[], params = hourly, pol = policy) =>
  replaySeries(
    values,
    Date.parse('2025-01-06T00:00:00Z'),
    params.bucketMs,
    countSpikeHistoryLength(params),
    (history) => detectCountSpike(history, params),
    pol,
  ).map((e) => e.decision);

describe('rolling-window z-score on counts', () => {
  it('scores the newest window against the non-overlapping baseline windows', () => {
    // Baseline windows alternate 8 and 12: mean 10, sd ~2.01; observed 30.
    const values = [...Array.from({ length: 48 }, (_, i) => (i % 2 === 0 ? 8 : 12)), 30];
    const r = detectCountSpike(values, hourly);
    assert.equal(r.observed, 30);
    assert.equal(r.expected, 10);
    assert.equal(r.baselineN, 48);
    const sd = Math.sqrt((48 * 4) / 47);
    assert.ok(Math.abs(r.scale - Math.max(sd, Math.sqrt(10))) < 1e-12, 'Poisson floor sqrt(10) beats sd ~2.02');
    assert.ok(Math.abs(r.score - 20 / Math.sqrt(10)) < 1e-12);
    assert.ok(Math.abs(r.effect - 2) < 1e-12);
  });

  it('a flat series never fires', () => {
    assert.ok(decisions(new Array(400).fill(25)).every((d) => d !== 'fire'));
    assert.ok(decisions(new Array(400).fill(0)).every((d) => d !== 'fire'));
  });

  it('T15: a planted spike on NB(40, 10) counts fires once; the next, still high, bucket holds', () => {
    const random = rng(15);
    const values = Array.from({ length: 168 }, () => negativeBinomial(random, 40, 10));
    values.push(120, 110, 42, 38, 41);
    const d = decisions(values);
    assert.deepEqual(
      d.flatMap((x, i) => (x === 'fire' ? [i] : [])),
      [168],
    );
    assert.equal(d[169], 'hold');
  });

  it('cooldown suppresses a second spike within 24 h of the resolve', () => {
    const base = Array.from({ length: 100 }, (_, i) => 40 + (i % 5) - 2);
    const values = [...base, 120, 40, 40, 40, 40, 130, 40];
    const d = decisions(values);
    assert.equal(d[100], 'fire');
    assert.equal(d[102], 'resolve');
    assert.equal(d[105], 'suppressed:cooldown');
    assert.equal(d.filter((x) => x === 'fire').length, 1);
  });

  it('T16: a low-count baseline with 4 posts in the hour is suppressed by the volume floor', () => {
    const values = [...Array.from({ length: 48 }, (_, i) => i % 2), 4];
    const d = decisions(values);
    assert.equal(d[48], 'suppressed:min_volume');
  });

  it('T19c: NaN or negative counts throw a typed error, never a spike', () => {
    assert.throws(() => detectCountSpike([...new Array(30).fill(1), Number.NaN], hourly), InvalidSeriesError);
    assert.throws(() => detectCountSpike([...new Array(30).fill(1), -3], hourly), InvalidSeriesError);
    const d = decisions([...new Array(30).fill(40), -3, 40]);
    assert.equal(d[30], 'error');
  });

  it('too little history is a warm-up, not a score', () => {
    assert.throws(() => detectCountSpike(new Array(10).fill(5), hourly), InsufficientHistoryError);
    assert.equal(decisions([5, 5, 500])[2], 'suppressed:warmup');
  });

  it('the robust variant uses median and 1.4826 MAD', () => {
    const values = [...Array.from({ length: 48 }, (_, i) => [8, 10, 12][i % 3]), 40];
    const r = detectCountSpike(values, { ...hourly, method: 'median_mad' });
    assert.equal(r.expected, 10);
    assert.ok(Math.abs(r.scale - Math.max(1.4826 * 2, Math.sqrt(10))) < 1e-12);
  });

  it('the same-hour-of-day baseline reads whole days back, one window either side', () => {
    // 5-minute buckets, 1 h window: samples at 1 d, 2 d ... back, +-1 h.
    const params: CountSpikeParams = {
      ...hourly,
      bucketMs: 300_000,
      windowBuckets: 12,
      baselineBuckets: 2 * 288,
      baseline: 'same_hour_of_day',
      minBaselineSamples: 3,
    };
    const values = new Array(2 * 288 + 12).fill(1);
    const r = detectCountSpike(values, params);
    assert.equal(r.baselineN, 5); // day 1: 3 windows; day 2: 2 fit inside the history
    assert.equal(r.expected, 12);
  });
});
