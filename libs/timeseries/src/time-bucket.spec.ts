import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bucketRangeInZone,
  bucketRangeUtc,
  floorInZone,
  floorUtc,
  formatDuration,
  hourOfWeek,
  isBucketClosed,
  lastClosedBucketUtc,
  parseDuration,
  zoneOffsetMs,
} from './time-bucket';

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

  it('a bucket is closed only after its end plus the allowed lateness', () => {
    const start = Date.parse('2025-06-01T13:00:00Z');
    assert.equal(isBucketClosed(start, '1h', Date.parse('2025-06-01T14:05:00Z'), 10 * 60_000), false);
    assert.equal(isBucketClosed(start, '1h', Date.parse('2025-06-01T14:10:00Z'), 10 * 60_000), true);
    assert.equal(
      iso(lastClosedBucketUtc(Date.parse('2025-06-01T14:12:00Z'), '5m', 10 * 60_000)),
      '2025-06-01T13:55:00.000Z',
    );
  });
});

describe('zoned buckets (Intl)', () => {
  it('a New York day starts at local midnight and is 23 h long on the spring-forward day', () => {
    const day = floorInZone(Date.parse('2024-03-10T20:00:00Z'), '1d', 'America/New_York');
    assert.equal(iso(day), '2024-03-10T05:00:00.000Z');
    const days = bucketRangeInZone(
      Date.parse('2024-03-10T05:00:00Z'),
      Date.parse('2024-03-12T00:00:00Z'),
      '1d',
      'America/New_York',
    );
    assert.deepEqual(days.map(iso), ['2024-03-10T05:00:00.000Z', '2024-03-11T04:00:00.000Z']);
  });

  it('the repeated hour on the fall-back day is two distinct buckets', () => {
    const hours = bucketRangeInZone(
      Date.parse('2024-11-03T04:00:00Z'),
      Date.parse('2024-11-03T08:00:00Z'),
      '1h',
      'America/New_York',
    );
    assert.deepEqual(hours.map(iso), [
      '2024-11-03T04:00:00.000Z',
      '2024-11-03T05:00:00.000Z',
      '2024-11-03T06:00:00.000Z',
      '2024-11-03T07:00:00.000Z',
    ]);
    const days = bucketRangeInZone(
      Date.parse('2024-11-03T04:00:00Z'),
      Date.parse('2024-11-05T00:00:00Z'),
      '1d',
      'America/New_York',
    );
    assert.deepEqual(days.map(iso), ['2024-11-03T04:00:00.000Z', '2024-11-04T05:00:00.000Z']);
  });

  it('half-hour offsets floor hours on the local clock', () => {
    assert.equal(zoneOffsetMs(Date.parse('2024-01-01T00:00:00Z'), 'Asia/Kolkata'), 5.5 * 3_600_000);
    assert.equal(
      iso(floorInZone(Date.parse('2024-01-01T00:10:00Z'), '1h', 'Asia/Kolkata')),
      '2023-12-31T23:30:00.000Z',
    );
  });

  it('never returns a start after the instant, and is idempotent', () => {
    for (const zone of ['Europe/London', 'America/Santiago', 'Australia/Lord_Howe', 'UTC']) {
      for (let t = Date.parse('2024-03-30T00:00:00Z'); t < Date.parse('2024-04-08T00:00:00Z'); t += 37 * 60_000) {
        for (const size of ['5m', '1h', '1d'] as const) {
          const f = floorInZone(t, size, zone).getTime();
          assert.ok(f <= t, `${zone} ${size} ${new Date(t).toISOString()}`);
          assert.equal(floorInZone(f, size, zone).getTime(), f);
        }
      }
    }
  });

  it('hour of week is Monday-based, in UTC or a zone', () => {
    assert.equal(hourOfWeek(Date.parse('2025-06-02T00:30:00Z')), 0); // a Monday
    assert.equal(hourOfWeek(Date.parse('2025-06-01T23:30:00Z')), 6 * 24 + 23);
    assert.equal(hourOfWeek(Date.parse('2025-06-02T00:30:00Z'), 'America/New_York'), 6 * 24 + 20);
  });
});

describe('durations', () => {
  it('parses and formats', () => {
    assert.equal(parseDuration('5m'), 300_000);
    assert.equal(parseDuration('7d'), 7 * 86_400_000);
    assert.equal(parseDuration('0m'), 0);
    assert.equal(parseDuration('1.5h'), null);
    assert.equal(parseDuration('-1h'), null);
    assert.equal(parseDuration('h'), null);
    assert.equal(formatDuration(3_600_000), '1h');
    assert.equal(formatDuration(90_000), '90s');
  });
});
