import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type TrendRow, ZERO_TREND_COUNTS } from '@labpulse/persistence';
import { buildSeries } from './trend-series';

const { posts: _posts, ...counts } = ZERO_TREND_COUNTS;
const row = (lab: string, platform: string, at: string, posts: number, extra: Partial<TrendRow> = {}): TrendRow => ({
  lab,
  platform,
  bucketStart: new Date(at),
  posts,
  ...counts,
  ...extra,
});
const starts = [new Date('2026-10-01T00:00:00Z'), new Date('2026-10-01T01:00:00Z')];
const labs = [
  { slug: 'a', name: 'A' },
  { slug: 'b', name: 'B' },
];

test('zero-filled series, measures from counts, share of voice among the requested labs', () => {
  const { series } = buildSeries({
    labs,
    groups: ['all'],
    starts,
    rows: [
      row('a', 'all', '2026-10-01T00:00:00Z', 3, {
        positive: 2,
        negative: 1,
        sentimentSum: 0.9,
        favor: 1,
        against: 2,
        stanceSum: -0.5,
      }),
      row('b', 'all', '2026-10-01T00:00:00Z', 1, { neutral: 1 }),
    ],
    coverage: [],
  });
  const [a, b] = series;
  assert.deepEqual(
    [
      a.points[0].volume,
      a.points[0].netSentiment,
      a.points[0].meanSentiment,
      a.points[0].meanStance,
      a.points[0].shareOfVoice,
    ],
    [3, 0.3333, 0.3, -0.1667, 0.75],
  );
  assert.deepEqual([a.points[1].volume, a.points[1].netSentiment, a.points[1].shareOfVoice], [0, null, null]);
  assert.equal(b.points[0].shareOfVoice, 0.25);
});

test('per-platform groups keep their own share of voice and coverage', () => {
  const { series, coverage } = buildSeries({
    labs,
    groups: ['x', 'linkedin'],
    starts,
    rows: [
      row('a', 'x', '2026-10-01T00:00:00Z', 1),
      row('b', 'x', '2026-10-01T00:00:00Z', 1),
      row('b', 'linkedin', '2026-10-01T01:00:00Z', 2),
    ],
    coverage: [{ platform: 'x', bucketStart: starts[1], sources: 2, healthy: 1, paused: 0 }],
  });
  assert.deepEqual(
    series.map((s) => [s.lab, s.platform, s.points.map((p) => p.shareOfVoice)]),
    [
      ['a', 'x', [0.5, null]],
      ['a', 'linkedin', [null, 0]],
      ['b', 'x', [0.5, null]],
      ['b', 'linkedin', [null, 1]],
    ],
  );
  assert.deepEqual(
    coverage[0].points.map((p) => [p.sources, p.healthy]),
    [
      [0, 0],
      [2, 1],
    ],
  );
  assert.deepEqual(
    coverage[1].points.map((p) => p.sources),
    [0, 0],
  );
});
