import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoverageRow } from '@labpulse/persistence';
import { bucketCoverage } from './collection-coverage';

const H = Date.parse('2026-10-08T10:00:00Z');
const M5 = 5 * 60_000;
const row = (platform: string, slot: number, sources: number, healthy: number): CoverageRow => ({
  platform,
  bucketStart: new Date(H + slot * M5),
  sources,
  healthy,
});

test('an hour is the mean of its 5-minute slots: a one-slot blip stays above 0.9', () => {
  const rows = Array.from({ length: 12 }, (_, i) => row('x', i, 1, i === 3 ? 0 : 1));
  assert.equal(bucketCoverage(rows, 'x', [H], 3_600_000).get(H), 11 / 12);
});

test('a failing collector all hour is coverage 0; half the sources failing is 0.5', () => {
  assert.equal(bucketCoverage(Array.from({ length: 12 }, (_, i) => row('x', i, 1, 0)), 'x', [H], 3_600_000).get(H), 0);
  assert.equal(bucketCoverage([row('x', 0, 2, 1)], 'x', [H], M5).get(H), 0.5);
});

test('all platforms pooled take the worst platform; other platforms do not affect a platform rule', () => {
  const rows = [row('x', 0, 1, 1), row('linkedin', 0, 2, 0)];
  assert.equal(bucketCoverage(rows, 'all', [H], M5).get(H), 0);
  assert.equal(bucketCoverage(rows, 'x', [H], M5).get(H), 1);
});

test('no known slot (file imports only, no collector) is 1: only a known failure suppresses', () => {
  assert.equal(bucketCoverage([], 'x', [H], 3_600_000).get(H), 1);
  assert.equal(bucketCoverage([row('x', 0, 0, 0)], 'x', [H], M5).get(H), 1);
});
