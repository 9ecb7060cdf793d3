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

test('a pause of the rule’s own platform ends a firing episode with no_data, and the rule fires anew once it collects', () => {
  // The spike at hour 200 fires; hours 201-205 the platform is paused (coverage 0) while the spike
  // would still be high; from hour 206 it collects again and the spike is still there.
  const s = series().map((b, i) => {
    if (i >= 201 && i <= 205) return { ...b, posts: 0, coverage: 0 };
    if (i === 206) return { ...b, posts: 150 };
    return b;
  });
  const from = 195;
  const out = runKeyPass({
    compiled,
    dedupeKey: 'k',
    sendResolved: true,
    stored: { lifecycle: null, evaluatedThrough: null, episode: null },
    series: s.slice(from - compiled.historyBuckets + 1, 208),
    first: START + from * HOUR,
    last: START + 207 * HOUR,
    newEpisodeId: ids(),
    paused: { platform: 'x' },
  });
  const byHour = new Map(out.evaluations.map((e) => [(e.at - START) / HOUR, e]));
  assert.equal(byHour.get(200)?.decision, 'fire');
  const ended = byHour.get(201)!;
  assert.equal(ended.decision, 'no_data');
  assert.match(ended.reason, /x paused by its quota/);
  assert.equal(ended.alertId, 'ep1');
  // The rest of the pause is plain suppression with no episode attached, not a frozen firing one.
  for (let h = 202; h <= 205; h++) {
    assert.equal(byHour.get(h)?.decision, 'suppressed:coverage');
    assert.equal(byHour.get(h)?.alertId, null);
  }
  // No cooldown from the pause: the spike still there after it fires a new episode.
  assert.equal(byHour.get(206)?.decision, 'fire');
  assert.deepEqual(
    out.events.map((e) => [e.draft.kind, e.episode.id, e.draft.evaluation.decision]),
    [
      ['firing', 'ep1', 'fire'],
      ['resolved', 'ep1', 'no_data'],
      ['firing', 'ep2', 'fire'],
    ],
  );
});

test('a failing (not paused) platform keeps the episode frozen', () => {
  const s = series().map((b, i) => (i >= 201 && i <= 203 ? { ...b, posts: 0, coverage: 0 } : b));
  const out = runKeyPass({
    compiled,
    dedupeKey: 'k',
    sendResolved: true,
    stored: { lifecycle: null, evaluatedThrough: null, episode: null },
    series: s.slice(195 - compiled.historyBuckets + 1, 204),
    first: START + 195 * HOUR,
    last: START + 203 * HOUR,
    newEpisodeId: ids(),
  });
  const during = out.evaluations.filter((e) => e.at >= START + 201 * HOUR);
  assert.deepEqual(
    during.map((e) => [e.decision, e.alertId]),
    [
      ['suppressed:coverage', 'ep1'],
      ['suppressed:coverage', 'ep1'],
      ['suppressed:coverage', 'ep1'],
    ],
  );
  assert.deepEqual(
    out.events.map((e) => e.draft.kind),
    ['firing'],
  );
});
