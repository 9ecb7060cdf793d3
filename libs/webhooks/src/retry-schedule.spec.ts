import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_RETRY_POLICY,
  maxDeliveryAttempts,
  nextRetryDelayMs,
  parseRetryAfter,
  retryTimeline,
} from './retry-schedule';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const noJitter = { random: () => 0.5 };

describe('Svix retry schedule', () => {
  it('T13: 8 attempts at 0, 5 s, 5 m 5 s, 35 m 5 s, 2 h 35 m 5 s, 7 h 35 m 5 s, 17 h 35 m 5 s, 27 h 35 m 5 s', () => {
    assert.equal(maxDeliveryAttempts(), 8);
    assert.deepEqual(retryTimeline(), [
      0,
      5 * S,
      5 * M + 5 * S,
      35 * M + 5 * S,
      2 * H + 35 * M + 5 * S,
      7 * H + 35 * M + 5 * S,
      17 * H + 35 * M + 5 * S,
      27 * H + 35 * M + 5 * S,
    ]);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => nextRetryDelayMs(n, noJitter));
    assert.deepEqual(delays, [5 * S, 5 * M, 30 * M, 2 * H, 5 * H, 10 * H, 10 * H]);
    assert.equal(nextRetryDelayMs(8, noJitter), null);
  });

  it('jitter stays within +-20 %', () => {
    assert.equal(nextRetryDelayMs(1, { random: () => 0 }), 4 * S);
    assert.equal(nextRetryDelayMs(1, { random: () => 0.999999 }), 6 * S);
  });

  it('T8: Retry-After is a floor, clamped at 24 h', () => {
    assert.equal(nextRetryDelayMs(1, { ...noJitter, retryAfterMs: 120 * S }), 120 * S);
    assert.equal(nextRetryDelayMs(3, { ...noJitter, retryAfterMs: 120 * S }), 30 * M);
    assert.equal(nextRetryDelayMs(1, { ...noJitter, retryAfterMs: 72 * H }), 24 * H);
  });

  it('is configurable (a shortened table for tests)', () => {
    const fast = { ...DEFAULT_RETRY_POLICY, delaysMs: [10, 20], jitter: 0 };
    assert.equal(maxDeliveryAttempts(fast), 3);
    assert.deepEqual(
      [1, 2, 3].map((n) => nextRetryDelayMs(n, {}, fast)),
      [10, 20, null],
    );
    assert.throws(() => nextRetryDelayMs(0), RangeError);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-03-03T21:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120 * S);
    assert.equal(parseRetryAfter('Tue, 03 Mar 2026 21:02:00 GMT', now), 120 * S);
    assert.equal(parseRetryAfter('Tue, 03 Mar 2026 20:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter('-5', now), null);
    assert.equal(parseRetryAfter(undefined, now), null);
  });
});
