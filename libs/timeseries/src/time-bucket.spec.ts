import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bucketRangeUtc, floorUtc, lastClosedBucketUtc, parseDuration } from './time-bucket';

const iso = (d: Date): string => d.toISOString();

describe('UTC buckets', () => {
  it('floors to 5 minutes, hours and days', () => {
    const t = Date.parse('2025-06-01T13:47:12.345Z');
    assert.equal(iso(floorUtc(t, '5m')), '2025-06-01T13:45:00.000Z');
    assert.equal(iso(floorUtc(t, '1h')), '2025-06-01T13:00:00.000Z');
    assert.equal(iso(floorUtc(new Date(t), '1d')), '2025-06-01T00:00:00.000Z');
  });

  it('ranges are half-open and start at the floor', () => {
    const r = bucketRangeUtc(Date.parse('2025-06-01T13:47:00Z'), Date.parse('2025-06-01T14:00:00Z'), '5m');
    assert.deepEqual(r.map(iso), ['2025-06-01T13:45:00.000Z', '2025-06-01T13:50:00.000Z', '2025-06-01T13:55:00.000Z']);
  });

  it('the newest closed bucket is the last one whose end plus the allowed lateness has passed', () => {
    assert.equal(
      iso(lastClosedBucketUtc(Date.parse('2025-06-01T14:12:00Z'), '5m', 10 * 60_000)),
      '2025-06-01T13:55:00.000Z',
    );
  });
});

describe('durations', () => {
  it('parses', () => {
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('7d'), 7 * 86_400_000);
    assert.equal(parseDuration('0m'), 0);
    assert.equal(parseDuration('1.5h'), null);
    assert.equal(parseDuration('-1h'), null);
    assert.equal(parseDuration('h'), null);
  });
});
