import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AlertEventDraft,
  AlertKeyState,
  INITIAL_ALERT_KEY_STATE,
  advanceEpisode,
  alertDedupeKey,
} from './alert-episode';
import { AlertRuleSpec } from './alert-rule';
import { DEFAULT_ALERT_RULES } from './default-alert-rules';
import { MetricBucket, emptyMetricBucket, fillMetricBuckets } from './metric-bucket';
import { compileAlertRule, evaluateAlertRule, evaluationWindow } from './rule-evaluator';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const negativeRule = DEFAULT_ALERT_RULES.find((r) => r.metric === 'negative_share') as AlertRuleSpec;

/** Hourly rollups: ~100 posts/h, ~20 % negative; `surge` hours at 50 % negative. */
function hourly(hours: number, surge: ReadonlySet<number>): MetricBucket[] {
  return Array.from({ length: hours }, (_, h) => {
    const posts = 95 + (h % 11);
    const negative = surge.has(h) ? Math.round(posts / 2) : Math.round(posts * (0.18 + 0.01 * (h % 5)));
    return {
      ...emptyMetricBucket(START + h * HOUR),
      posts,
      negative,
      positive: 30,
      sentimentSum: 30 - negative,
      sentimentSumSquares: 30 + negative,
    };
  });
}

function runLab(lab: string, buckets: MetricBucket[], rule: AlertRuleSpec): AlertEventDraft[] {
  const compiled = compileAlertRule(rule);
  const dedupeKey = alertDedupeKey({
    ruleId: 'r1',
    labId: lab,
    platform: 'all',
    metric: rule.metric,
    direction: rule.direction,
  });
  let state: AlertKeyState = INITIAL_ALERT_KEY_STATE;
  let n = 0;
  const events: AlertEventDraft[] = [];
  for (let i = 0; i < buckets.length; i++) {
    const history = buckets.slice(Math.max(0, i + 1 - compiled.historyBuckets), i + 1);
    const step = evaluateAlertRule(compiled, state.lifecycle, history);
    const t = advanceEpisode(state, step, {
      dedupeKey,
      repeatIntervalMs: 0,
      sendResolved: true,
      newEpisodeId: () => `${lab}-${++n}`,
    });
    state = t.state;
    events.push(...t.events);
  }
  return events;
}

describe('rule evaluation, end to end on rollups', () => {
  it('a planted negative surge about one lab fires exactly once for it, none for the others, and resolves after', () => {
    const surge = new Set([200, 201, 202]);
    const events = {
      anthropic: runLab('anthropic', hourly(230, surge), negativeRule),
      openai: runLab('openai', hourly(230, new Set()), negativeRule),
      mistral: runLab('mistral', hourly(230, new Set()), negativeRule),
    };
    assert.deepEqual(
      events.anthropic.map((e) => [e.kind, (e.at - START) / HOUR, e.sequence]),
      [
        ['firing', 200, 1],
        ['resolved', 204, 2],
      ],
    );
    assert.equal(events.anthropic[0].evaluation.decision, 'fire');
    assert.ok((events.anthropic[0].evaluation.observed ?? 0) > 0.45);
    assert.deepEqual(events.openai, []);
    assert.deepEqual(events.mistral, []);
  });

  it('a failing source (low coverage) suppresses instead of reporting a crash in sentiment', () => {
    const buckets = hourly(200, new Set());
    // The platform stops collecting: few posts, mostly the negative ones that got through.
    buckets.push({ ...emptyMetricBucket(START + 200 * HOUR), posts: 40, negative: 30, coverage: 0.1 });
    const compiled = compileAlertRule(negativeRule);
    const step = evaluateAlertRule(
      compiled,
      INITIAL_ALERT_KEY_STATE.lifecycle,
      buckets.slice(-compiled.historyBuckets),
    );
    assert.equal(step.evaluation.decision, 'suppressed:coverage');
  });

  it('compiles every default rule and reads window + baseline buckets of history', () => {
    const volume = compileAlertRule(DEFAULT_ALERT_RULES[0]);
    assert.equal(volume.bucketMs, 300_000);
    assert.equal(volume.windowBuckets, 12);
    assert.equal(volume.historyBuckets, 12 + 2016);
    assert.equal(volume.policy.resolveAfterBuckets, 2);
    for (const rule of DEFAULT_ALERT_RULES) assert.ok(compileAlertRule(rule).historyBuckets > 0);
    const at = Date.parse('2026-03-03T20:55:00Z');
    assert.deepEqual(evaluationWindow(volume, at), {
      start: Date.parse('2026-03-03T20:00:00Z'),
      end: Date.parse('2026-03-03T21:00:00Z'),
    });
  });

  it('net sentiment falling fires on a negative turn', () => {
    const rule = DEFAULT_ALERT_RULES.find((r) => r.metric === 'net_sentiment') as AlertRuleSpec;
    const events = runLab('anthropic', hourly(200, new Set([190, 191])), rule);
    assert.equal(events[0]?.kind, 'firing');
    assert.equal((events[0].at - START) / HOUR, 190);
  });

  it('gap filling turns missing rows into empty buckets', () => {
    const rows = [{ ...emptyMetricBucket(START + HOUR), posts: 5 }];
    const filled = fillMetricBuckets(rows, START, START + 3 * HOUR, HOUR);
    assert.deepEqual(
      filled.map((b) => b.posts),
      [0, 5, 0],
    );
  });
});
