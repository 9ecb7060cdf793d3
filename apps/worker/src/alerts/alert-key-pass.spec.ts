import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type MetricBucket, compileAlertRule, defaultRuleSettings, emptyMetricBucket } from '@labpulse/alerts';
import { runKeyPass } from './alert-key-pass';

const HOUR = 3_600_000;
const START = Date.parse('2026-10-01T00:00:00Z');
const rule = {
  ...defaultRuleSettings('volume'),
  name: 'r',
  labId: 'anthropic',
  platform: 'x' as const,
  metric: 'volume' as const,
  bucket: '1h' as const,
  window: '1h',
  resolveAfter: '2h',
};
const compiled = compileAlertRule(rule);

/** 9 days of ~40/h, a spike of 150 at hour 200, back to ~40 after. */
function series(): MetricBucket[] {
  return Array.from({ length: 216 }, (_, i) => ({
    ...emptyMetricBucket(START + i * HOUR),
    posts: i === 200 ? 150 : 40 + ((i * 7) % 11) - 5,
  }));
}

function ids(): () => string {
  let n = 0;
  return () => `ep${++n}`;
}

test('one pass: fire, hold, resolve; events carry increasing sequences; evaluations point at the episode', () => {
  const s = series();
  const first = START + (216 - 30) * HOUR;
  const out = runKeyPass({
    compiled,
    dedupeKey: 'k',
    sendResolved: true,
    stored: { lifecycle: null, evaluatedThrough: null, episode: null },
    series: s.slice(216 - 30 - compiled.historyBuckets + 1),
    first,
    last: START + 215 * HOUR,
    newEpisodeId: ids(),
  });
  const decisions = out.evaluations.map((e) => e.decision);
  assert.equal(decisions.filter((d) => d === 'fire').length, 1);
  assert.equal(out.evaluations.find((e) => e.decision === 'fire')?.at, START + 200 * HOUR);
  assert.deepEqual(
    out.events.map((e) => [e.draft.kind, e.draft.sequence, e.episode.id]),
    [
      ['firing', 1, 'ep1'],
      ['resolved', 2, 'ep1'],
    ],
  );
  assert.deepEqual(
    out.episodes.map((e) => [e.id, e.status]),
    [['ep1', 'resolved']],
  );
  const open = out.evaluations.filter((e) => e.alertId === 'ep1').map((e) => e.decision);
  assert.deepEqual(open, ['fire', 'hold', 'resolve']);
});

test('two passes that resume from the stored state decide exactly what one pass does', () => {
  const s = series();
  const from = 216 - 30;
  const base = { compiled, dedupeKey: 'k', sendResolved: true };
  const whole = runKeyPass({
    ...base,
    stored: { lifecycle: null, evaluatedThrough: null, episode: null },
    series: s.slice(from - compiled.historyBuckets + 1),
    first: START + from * HOUR,
    last: START + 215 * HOUR,
    newEpisodeId: ids(),
  });
  const split = 201;
  const a = runKeyPass({
    ...base,
    stored: { lifecycle: null, evaluatedThrough: null, episode: null },
    series: s.slice(from - compiled.historyBuckets + 1, split + 1),
    first: START + from * HOUR,
    last: START + split * HOUR,
    newEpisodeId: ids(),
  });
  const openEpisode = a.episodes.find((e) => e.status === 'firing') ?? null;
  const b = runKeyPass({
    ...base,
    stored: { lifecycle: a.lifecycle, evaluatedThrough: START + split * HOUR, episode: openEpisode },
    series: s.slice(split + 1 - compiled.historyBuckets + 1),
    first: START + (split + 1) * HOUR,
    last: START + 215 * HOUR,
    newEpisodeId: ids(),
  });
  assert.deepEqual(
    [...a.evaluations, ...b.evaluations].map((e) => [e.at, e.decision, e.alertId]),
    whole.evaluations.map((e) => [e.at, e.decision, e.alertId]),
  );
  assert.deepEqual(
    [...a.events, ...b.events].map((e) => [e.draft.kind, e.draft.sequence]),
    whole.events.map((e) => [e.draft.kind, e.draft.sequence]),
  );
});
