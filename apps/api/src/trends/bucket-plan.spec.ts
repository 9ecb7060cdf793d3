import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBuckets } from './bucket-plan';

const UTC = { utc: true, wholeHours: true, fiveMinutes: true };
const PARIS = { utc: false, wholeHours: true, fiveMinutes: true };
const KOLKATA = { utc: false, wholeHours: false, fiveMinutes: true };
const ODD = { utc: false, wholeHours: false, fiveMinutes: false };

test('UTC reads stored widths; weeks regroup day rows', () => {
  assert.deepEqual(planBuckets('hour', 'UTC', UTC), { read: 'hour' });
  assert.deepEqual(planBuckets('day', 'UTC', UTC), { read: 'day' });
  assert.deepEqual(planBuckets('week', 'UTC', UTC), { read: 'day', derive: { unit: 'week', timeZone: 'UTC' } });
});

test('whole-hour zones: hours are the UTC hours; days and weeks regroup hour rows', () => {
  assert.deepEqual(planBuckets('hour', 'Europe/Paris', PARIS), { read: 'hour' });
  assert.equal(
    planBuckets('day', 'Europe/Paris', PARIS) && (planBuckets('day', 'Europe/Paris', PARIS) as { read: string }).read,
    'hour',
  );
  assert.deepEqual((planBuckets('week', 'Europe/Paris', PARIS) as { derive: unknown }).derive, {
    unit: 'week',
    timeZone: 'Europe/Paris',
  });
});

test('half-hour zones regroup 5-minute rows, over a shorter range', () => {
  const day = planBuckets('day', 'Asia/Kolkata', KOLKATA) as { read: string; maxSpanMs: number };
  assert.equal(day.read, '5m');
  assert.equal(day.maxSpanMs, 31 * 86_400_000);
  assert.deepEqual((planBuckets('hour', 'Asia/Kolkata', KOLKATA) as { derive: unknown }).derive, {
    unit: 'hour',
    timeZone: 'Asia/Kolkata',
  });
  assert.deepEqual(planBuckets('5m', 'Asia/Kolkata', KOLKATA), { read: '5m' });
});

test('offsets that are not multiples of 5 minutes cannot be served', () => {
  assert.equal(typeof planBuckets('day', 'Africa/Monrovia', ODD), 'string');
});
