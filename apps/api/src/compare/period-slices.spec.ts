import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodSlices } from './period-slices';

const view = (from: string, to: string) =>
  periodSlices('p', new Date(from), new Date(to)).map(
    (s) => `${s.width} ${s.from.toISOString().slice(5, 16)}..${s.to.toISOString().slice(5, 16)}`,
  );

test('whole days come from day rows', () => {
  assert.deepEqual(view('2026-10-01T00:00:00Z', '2026-10-08T00:00:00Z'), ['day 10-01T00:00..10-08T00:00']);
});

test('ragged ends come from hour rows, then 5-minute rows', () => {
  assert.deepEqual(view('2026-10-01T21:05:00Z', '2026-10-03T02:50:00Z'), [
    '5m 10-01T21:05..10-01T22:00',
    'hour 10-01T22:00..10-02T00:00',
    'day 10-02T00:00..10-03T00:00',
    'hour 10-03T00:00..10-03T02:00',
    '5m 10-03T02:00..10-03T02:50',
  ]);
});

test('short periods inside one hour or one day use the finest rows needed', () => {
  assert.deepEqual(view('2026-10-01T10:05:00Z', '2026-10-01T10:20:00Z'), ['5m 10-01T10:05..10-01T10:20']);
  assert.deepEqual(view('2026-10-01T10:00:00Z', '2026-10-01T13:00:00Z'), ['hour 10-01T10:00..10-01T13:00']);
  assert.deepEqual(view('2026-10-01T10:00:00Z', '2026-10-01T10:00:00Z'), []);
});

test('slices tile the period exactly', () => {
  const from = new Date('2026-03-07T13:35:00Z');
  const to = new Date('2026-05-19T04:10:00Z');
  const slices = periodSlices('p', from, to);
  assert.equal(slices[0].from.getTime(), from.getTime());
  assert.equal(slices[slices.length - 1].to.getTime(), to.getTime());
  for (let i = 1; i < slices.length; i += 1) assert.equal(slices[i].from.getTime(), slices[i - 1].to.getTime());
});
