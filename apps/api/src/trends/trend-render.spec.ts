import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type TrendRow, ZERO_TREND_COUNTS } from '@labpulse/persistence';
import { ALL_MEASURES, COUNT_FIELDS, emptyMatrix, fillRows, type Measure, STRIDE } from './trend-matrix';
import { jsonNumber, type TrendsAnswer, trendsCsv, trendsJson } from './trend-render';
import { measures, ratio } from './trend-series';
import { TREND_FIELDS } from './trends-query.dto';
import { seededRandom } from '@labpulse/testing';

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
const head = (fields: Measure[] = ALL_MEASURES): TrendsAnswer['head'] => ({
  interval: 'hour',
  tz: 'UTC',
  from: starts[0].toISOString(),
  to: '2026-10-01T02:00:00.000Z',
  platforms: 'all',
  groupBy: 'lab',
  closed: true,
  fields,
});

type Json = Record<string, any>;

test('zero-filled series, measures from counts, share of voice among the requested labs', () => {
  const matrix = emptyMatrix(labs, ['all'], starts);
  fillRows(
    matrix,
    [
      row('a', 'all', '2026-10-01T00:00:00Z', 3, {
        positive: 2,
        negative: 1,
        sentimentSum: 0.9,
        favor: 1,
        against: 2,
        stanceSum: -0.5,
      }),
      row('b', 'all', '2026-10-01T00:00:00Z', 1, { neutral: 1 }),
      row('a', 'all', '2026-10-02T00:00:00Z', 7), // not a bucket of the answer
    ],
    [],
  );
  const [a, b] = (JSON.parse(trendsJson({ head: head(), matrix, withCoverage: false })) as Json).series as Json[];
  const p = a.points as Json[];
  assert.deepEqual(
    [p[0].volume, p[0].netSentiment, p[0].meanSentiment, p[0].meanStance, p[0].shareOfVoice],
    [3, 0.3333, 0.3, -0.1667, 0.75],
  );
  assert.deepEqual([p[1].volume, p[1].netSentiment, p[1].shareOfVoice], [0, null, null]);
  assert.equal((b.points as Json[])[0].shareOfVoice, 0.25);
});

test('per-platform groups keep their own share of voice and coverage', () => {
  const matrix = emptyMatrix(labs, ['x', 'linkedin'], starts);
  fillRows(
    matrix,
    [
      row('a', 'x', '2026-10-01T00:00:00Z', 1),
      row('b', 'x', '2026-10-01T00:00:00Z', 1),
      row('b', 'linkedin', '2026-10-01T01:00:00Z', 2),
    ],
    [{ platform: 'x', bucketStart: starts[1], sources: 2, healthy: 1, paused: 0 }],
  );
  const answer = JSON.parse(trendsJson({ head: head(), matrix, withCoverage: true })) as Json;
  assert.deepEqual(
    (answer.series as Json[]).map((s) => [s.lab, s.platform, (s.points as Json[]).map((p) => p.shareOfVoice)]),
    [
      ['a', 'x', [0.5, null]],
      ['a', 'linkedin', [null, 0]],
      ['b', 'x', [0.5, null]],
      ['b', 'linkedin', [null, 1]],
    ],
  );
  const [x, linkedin] = answer.coverage as Json[];
  assert.deepEqual(
    (x.points as Json[]).map((p) => [p.start, p.sources, p.healthy]),
    [
      ['2026-10-01T00:00:00.000Z', 0, 0],
      ['2026-10-01T01:00:00.000Z', 2, 1],
    ],
  );
  assert.deepEqual(
    (linkedin.points as Json[]).map((p) => p.sources),
    [0, 0],
  );
});

test('the written JSON equals JSON.stringify of point objects built with measures() (what compare uses)', () => {
  const random = seededRandom(7);
  const int = (max: number) => Math.floor(random() * max);
  const hours = Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2026, 9, 1, i)));
  for (const fields of [ALL_MEASURES, ['shareOfVoice', 'volume', 'meanStance'] as Measure[]]) {
    const matrix = emptyMatrix(labs, ['x', 'facebook'], hours);
    for (const s of matrix.series) {
      for (let i = 0; i < hours.length; i += 1) {
        if (random() < 0.3) continue; // quiet buckets
        const [positive, neutral, negative, favor, against, stanceNeutral] = [
          int(9),
          int(9),
          int(9),
          int(5),
          int(5),
          int(5),
        ];
        const values = [
          positive + neutral + negative + int(3),
          positive,
          neutral,
          negative,
          int(3),
          favor,
          against,
          stanceNeutral,
          (random() - 0.5) * (positive + neutral + negative),
          (random() - 0.5) * (favor + against + stanceNeutral),
          int(1e9) * 7,
          int(50),
          int(50),
        ];
        s.counts.set(values, i * STRIDE);
      }
    }
    matrix.coverage[0].sources.fill(3);
    matrix.coverage[0].healthy.fill(2);
    const written = trendsJson({ head: head(fields), matrix, withCoverage: true });
    const isoStarts = hours.map((h) => h.toISOString());
    const totals = (platform: string, i: number) =>
      matrix.series.filter((s) => s.platform === platform).reduce((sum, s) => sum + s.counts[i * STRIDE], 0);
    const expected = {
      ...head(fields),
      series: matrix.series.map((s) => ({
        lab: s.lab,
        name: s.name,
        platform: s.platform,
        points: isoStarts.map((start, i) => {
          const c = Object.fromEntries(COUNT_FIELDS.map((f, k) => [f, s.counts[i * STRIDE + k]]));
          const all: Record<string, unknown> = {
            ...measures(c as unknown as typeof ZERO_TREND_COUNTS),
            shareOfVoice: ratio(c.posts, totals(s.platform, i)),
            likes: c.likes,
            comments: c.comments,
            shares: c.shares,
          };
          return Object.fromEntries([['start', start], ...fields.map((f) => [f, all[f]])]);
        }),
      })),
      coverage: matrix.coverage.map((c) => ({
        platform: c.platform,
        points: isoStarts.map((start, i) => ({ start, sources: c.sources[i], healthy: c.healthy[i] })),
      })),
    };
    assert.equal(written, JSON.stringify(expected));
  }
});

test('jsonNumber writes what JSON.stringify writes', () => {
  const random = seededRandom(11);
  const values = [0, -0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e21, 0.5, -0.5, 1e-7, 123456.7891, null];
  for (let i = 0; i < 50_000; i += 1) {
    const d = 1 + Math.floor(random() * 5000);
    values.push(ratio(Math.floor(random() * 2 * d) - d, d), Math.round((random() - 0.5) * 2e6) / 1e4, random() * 1e3);
  }
  for (const v of values) assert.equal(jsonNumber(v), JSON.stringify(v), String(v));
});

test('the full point lists every measure in TREND_FIELDS order', () => {
  assert.deepEqual(
    ALL_MEASURES,
    TREND_FIELDS.filter((f) => f !== 'coverage'),
  );
});

test('CSV: one row per lab, platform group and bucket, with the group coverage', () => {
  const matrix = emptyMatrix(labs, ['all'], starts);
  fillRows(
    matrix,
    [row('a', 'all', '2026-10-01T00:00:00Z', 3, { positive: 3 })],
    [{ platform: 'all', bucketStart: starts[0], sources: 2, healthy: 2, paused: 0 }],
  );
  const csv = trendsCsv({ head: head(['volume', 'netSentiment']), matrix, withCoverage: true });
  assert.equal(
    csv,
    [
      'lab,platform,start,volume,net_sentiment,sources,healthy_sources',
      'a,all,2026-10-01T00:00:00.000Z,3,1,2,2',
      'a,all,2026-10-01T01:00:00.000Z,0,,0,0',
      'b,all,2026-10-01T00:00:00.000Z,0,,2,2',
      'b,all,2026-10-01T01:00:00.000Z,0,,0,0',
      '',
    ].join('\r\n'),
  );
});
