import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CoverageRow } from '@labpulse/persistence';
import { coverageNote, ruleCoverage } from './collection-coverage';

const H = Date.parse('2026-10-08T10:00:00Z');
const HOUR = 3_600_000;
const M5 = 5 * 60_000;
const row = (platform: string, slot: number, sources: number, healthy: number, paused = 0): CoverageRow => ({
  platform,
  bucketStart: new Date(H + slot * M5),
  sources,
  healthy,
  paused,
});
const hourOf = (platform: string, sources: number, healthy: number, paused = 0): CoverageRow[] =>
  Array.from({ length: 12 }, (_, i) => row(platform, i, sources, healthy, paused));

test('an hour is the mean of its 5-minute slots: a one-slot blip stays above 0.9', () => {
  const rows = Array.from({ length: 12 }, (_, i) => row('x', i, 1, i === 3 ? 0 : 1));
  const result = ruleCoverage(rows, 'x', [H], HOUR, 0.9);
  assert.equal(result.coverage.get(H), 11 / 12);
  assert.deepEqual(result.notCollecting, []);
  assert.equal(coverageNote(result), null);
});

test('a failing collector all hour is coverage 0; half the sources failing is 0.5', () => {
  assert.equal(ruleCoverage(hourOf('x', 1, 0), 'x', [H], HOUR, 0.9).coverage.get(H), 0);
  assert.equal(ruleCoverage([row('x', 0, 2, 1)], 'x', [H], M5, 0.9).coverage.get(H), 0.5);
});

test('a rule over all platforms leaves out a paused platform and evaluates the others, saying which', () => {
  const rows = [...hourOf('x', 1, 1), ...hourOf('linkedin', 2, 0, 2), ...hourOf('facebook', 1, 1)];
  const result = ruleCoverage(rows, 'all', [H], HOUR, 0.9);
  assert.equal(result.coverage.get(H), 1, 'x and facebook collected all hour: not suppressed');
  assert.deepEqual(result.excluded, ['linkedin']);
  assert.deepEqual(result.notCollecting, [{ platform: 'linkedin', state: 'paused', coverage: 0 }]);
  assert.match(coverageNote(result) ?? '', /left out: linkedin \(paused, coverage 0\)/);
});

test('a failing platform is named as failing, not paused', () => {
  const rows = [...hourOf('x', 1, 1), ...hourOf('facebook', 2, 0)];
  const result = ruleCoverage(rows, 'all', [H], HOUR, 0.9);
  assert.deepEqual(result.notCollecting, [{ platform: 'facebook', state: 'failing', coverage: 0 }]);
  assert.deepEqual(result.excluded, ['facebook']);
});

test('a rule on the paused platform itself is suppressed (its coverage), and other platforms do not matter to it', () => {
  const rows = [...hourOf('x', 1, 1), ...hourOf('linkedin', 1, 0, 1)];
  const linkedin = ruleCoverage(rows, 'linkedin', [H], HOUR, 0.9);
  assert.equal(linkedin.coverage.get(H), 0);
  assert.deepEqual(linkedin.excluded, [], 'a single-platform rule never evaluates another platform instead');
  assert.match(coverageNote(linkedin) ?? '', /^not collecting: linkedin \(paused/);
  const x = ruleCoverage(rows, 'x', [H], HOUR, 0.9);
  assert.equal(x.coverage.get(H), 1);
  assert.deepEqual(x.notCollecting, []);
});

test('an all-platform rule is suppressed only when no platform with known health was collecting', () => {
  const rows = [...hourOf('x', 1, 0, 1), ...hourOf('linkedin', 1, 0, 1)];
  const result = ruleCoverage(rows, 'all', [H], HOUR, 0.9);
  assert.ok((result.coverage.get(H) ?? 1) < 0.9, 'nothing collected: below min_coverage');
  assert.deepEqual(result.excluded, []);
  assert.deepEqual(
    result.notCollecting.map((p) => p.platform),
    ['linkedin', 'x'],
  );
});

test('a platform below the floor in any evaluated bucket is left out of the whole pass (baseline included)', () => {
  const rows = [...hourOf('x', 1, 1), row('linkedin', 0, 1, 1), row('linkedin', 12, 1, 0, 1)];
  const result = ruleCoverage(rows, 'all', [H, H + HOUR], HOUR, 0.9);
  assert.deepEqual(result.excluded, ['linkedin']);
  assert.equal(result.coverage.get(H + HOUR), 1, 'x has no known slot in the second hour: unknown is 1');
});

test('no known slot (file imports only, no collector) is 1: only a known outage suppresses', () => {
  assert.equal(ruleCoverage([], 'x', [H], HOUR, 0.9).coverage.get(H), 1);
  assert.equal(ruleCoverage([row('x', 0, 0, 0)], 'x', [H], M5, 0.9).coverage.get(H), 1);
  assert.equal(ruleCoverage([], 'all', [H], HOUR, 0.9).coverage.get(H), 1);
});
