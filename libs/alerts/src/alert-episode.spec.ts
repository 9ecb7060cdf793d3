import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EvaluationDecision, EvaluationStep, LifecycleState } from '@labpulse/timeseries';
import {
  AlertKeyState,
  EpisodeContext,
  INITIAL_ALERT_KEY_STATE,
  advanceEpisode,
  alertDedupeKey,
} from './alert-episode';

const HOUR = 3_600_000;
const firing: LifecycleState = { ...INITIAL_ALERT_KEY_STATE.lifecycle, status: 'firing' };
const normal: LifecycleState = INITIAL_ALERT_KEY_STATE.lifecycle;
const pending: LifecycleState = { ...normal, status: 'pending', pendingBuckets: 1 };

function step(
  at: number,
  decision: EvaluationDecision,
  state: LifecycleState,
  extra: Partial<EvaluationStep> = {},
): EvaluationStep {
  return {
    evaluation: { at, observed: 1, expected: 0, scale: 1, score: 5, n: 50, effect: 1, decision, reason: '' },
    state,
    transition: decision === 'fire' ? 'fired' : decision === 'resolve' ? 'resolved' : null,
    escalated: false,
    ...extra,
  };
}

function ctx(overrides: Partial<EpisodeContext> = {}): EpisodeContext {
  let n = 0;
  return { dedupeKey: 'k', repeatIntervalMs: 0, sendResolved: true, newEpisodeId: () => `ep${++n}`, ...overrides };
}

describe('alert episodes', () => {
  it('pending -> firing -> resolved emits firing and resolved, with increasing sequence', () => {
    const c = ctx();
    let s: AlertKeyState = INITIAL_ALERT_KEY_STATE;
    const kinds: string[] = [];
    const statuses: string[] = [];
    for (const st of [
      step(0, 'pending', pending),
      step(HOUR, 'fire', firing),
      step(2 * HOUR, 'hold', firing),
      step(3 * HOUR, 'resolve', normal),
    ]) {
      const t = advanceEpisode(s, st, c);
      s = t.state;
      kinds.push(...t.events.map((e) => `${e.kind}#${e.sequence}`));
      statuses.push(t.episode?.status ?? '-');
    }
    assert.deepEqual(kinds, ['firing#1', 'resolved#2']);
    assert.deepEqual(statuses, ['pending', 'firing', '-', 'resolved']);
    assert.equal(s.episode, null);
  });

  it('one episode per key: the pending episode is the one that fires', () => {
    const c = ctx();
    const a = advanceEpisode(INITIAL_ALERT_KEY_STATE, step(0, 'pending', pending), c);
    const b = advanceEpisode(a.state, step(HOUR, 'fire', firing), c);
    assert.equal(b.episode?.id, a.episode?.id);
    assert.equal(b.episode?.openedAt, 0);
    assert.equal(b.episode?.startsAt, HOUR);
  });

  it('a pending episode whose condition lapses is cancelled silently', () => {
    const c = ctx();
    const a = advanceEpisode(INITIAL_ALERT_KEY_STATE, step(0, 'pending', pending), c);
    const b = advanceEpisode(a.state, step(HOUR, 'ok', normal), c);
    assert.equal(b.episode?.status, 'cancelled');
    assert.deepEqual(b.events, []);
    assert.equal(b.state.episode, null);
  });

  it('reminds every repeat interval while firing, and escalates once', () => {
    const c = ctx({ repeatIntervalMs: 4 * HOUR });
    let s = advanceEpisode(INITIAL_ALERT_KEY_STATE, step(0, 'fire', firing), c).state;
    const kinds: string[] = [];
    for (let h = 1; h <= 11; h++) {
      const t = advanceEpisode(s, step(h * HOUR, 'hold', firing, { escalated: h === 6 }), c);
      s = t.state;
      kinds.push(...t.events.map((e) => `${e.kind}@${h}`));
    }
    // An escalation is a notification too, so the next reminder counts from it (6 + 4 = 10).
    assert.deepEqual(kinds, ['reminder@4', 'escalated@6', 'reminder@10']);
  });

  it('without sendResolved the episode still closes, silently', () => {
    const c = ctx({ sendResolved: false });
    const a = advanceEpisode(INITIAL_ALERT_KEY_STATE, step(0, 'fire', firing), c);
    const b = advanceEpisode(a.state, step(HOUR, 'resolve', normal), c);
    assert.equal(b.episode?.status, 'resolved');
    assert.deepEqual(b.events, []);
  });

  it('the dedupe key is a stable sha256 of rule, lab, platform, metric and direction', () => {
    const k = { ruleId: 'r', labId: 'anthropic', platform: 'x', metric: 'volume', direction: 'up' } as const;
    assert.match(alertDedupeKey(k), /^[0-9a-f]{64}$/);
    assert.equal(alertDedupeKey(k), alertDedupeKey({ ...k }));
    assert.notEqual(alertDedupeKey(k), alertDedupeKey({ ...k, platform: 'linkedin' }));
  });
});
