import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isInstant } from './instant.validator';

test('instants with a zone, and plain dates (UTC), are accepted', () => {
  for (const value of [
    '2026-11-01',
    '2026-11-01T00:00:00Z',
    '2026-11-01T10:30Z',
    '2026-11-01T10:30:00.123456+05:30',
    '2026-11-01T10:30:00-0800',
  ]) {
    assert.ok(isInstant(value), value);
  }
});

test('no zone, impossible dates, out-of-range years and non-strings are refused', () => {
  for (const value of [
    '2026-11-01T00:00:00',
    '2026-02-30',
    '2026-13-01',
    '2026-11-01T25:00:00Z',
    '1969-12-31T23:59:59Z',
    '2200-01-01',
    'yesterday',
    '',
    20261101,
    ['2026-11-01'],
  ]) {
    assert.ok(!isInstant(value), String(value));
  }
});
