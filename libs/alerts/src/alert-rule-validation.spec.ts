import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ALERT_RULES, defaultRuleSettings } from './default-alert-rules';
import { validateAlertRule } from './alert-rule-validation';

function errorsOf(input: unknown, knownLabIds?: ReadonlySet<string>): Record<string, string> {
  const r = validateAlertRule(input, { knownLabIds });
  assert.equal(r.ok, false, 'expected validation errors');
  return r.ok ? {} : Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
}

const base = { name: 'Anthropic negative share', labId: 'anthropic', platform: 'x', metric: 'negative_share' };

describe('alert rule validation', () => {
  it('every default rule is valid', () => {
    for (const rule of DEFAULT_ALERT_RULES) assert.equal(validateAlertRule(rule).ok, true, rule.name);
  });

  it('fills omitted settings from the metric defaults', () => {
    const r = validateAlertRule(base, { knownLabIds: new Set(['anthropic']) });
    assert.ok(r.ok);
    assert.equal(r.rule.detector, 'two_proportion');
    assert.equal(r.rule.minVolume, defaultRuleSettings('negative_share').minVolume);
    const all = validateAlertRule({ name: 'all labs', metric: 'volume' });
    assert.ok(all.ok);
    assert.equal(all.rule.labId, null);
    assert.equal(all.rule.platform, 'all');
  });

  it('T19d: each invalid combination names its field', () => {
    assert.match(errorsOf({ ...base, enterThreshold: 0 }).enterThreshold, /greater than 0/);
    assert.match(errorsOf({ ...base, bucket: '1h', window: '90m' }).window, /multiple of the bucket/);
    assert.match(errorsOf({ ...base, enterThreshold: 3, exitThreshold: 3 }).exitThreshold, /lower than enterThreshold/);
    assert.match(errorsOf({ ...base, minVolume: -1 }).minVolume, /at least 0/);
    // min_volume is a Postgres integer: a larger one was a 500 from the database (issue 7 fuzz).
    assert.match(errorsOf({ ...base, minVolume: 2_147_483_648 }).minVolume, /at most 2147483647/);
    assert.match(errorsOf({ ...base, labId: 'nope' }, new Set(['anthropic'])).labId, /unknown lab/);
    assert.match(
      errorsOf({ name: 'x', metric: 'volume', detector: 'two_proportion' }).detector,
      /does not apply to volume/,
    );
    assert.match(errorsOf({ ...base, detector: 'zscore' }).detector, /two_proportion/);
  });

  it('reports every error at once, and unknown fields', () => {
    const e = errorsOf({ ...base, direction: 'sideways', window: 'soon', minEffect: 1.5, cooldowns: '1h' });
    assert.deepEqual(Object.keys(e).sort(), ['cooldowns', 'direction', 'minEffect', 'window']);
  });

  it('checks the baseline, durations, coverage and escalation', () => {
    assert.match(errorsOf({ name: 'v', metric: 'volume', baseline: '6h' }).baseline, /24 windows/);
    assert.match(errorsOf({ ...base, baseline: '90m' }).baseline, /multiple of the window/);
    assert.match(errorsOf({ ...base, resolveAfter: '0m' }).resolveAfter, /greater than zero/);
    assert.match(errorsOf({ ...base, pendingFor: '30m' }).pendingFor, /multiple of the bucket/);
    assert.match(errorsOf({ ...base, minCoverage: 2 }).minCoverage, /0 to 1/);
    assert.match(errorsOf({ ...base, escalationFactor: 1 }).escalationFactor, /above 1/);
    assert.match(errorsOf({ ...base, baselineKind: 'same_hour_of_day' }).baselineKind, /volume only/);
    assert.match(errorsOf({ ...base, metric: 'mood' }).metric, /one of/);
    assert.equal(validateAlertRule({ ...base, escalationFactor: null }).ok, true);
  });

  it('rejects a non-object body', () => {
    assert.deepEqual(errorsOf([1, 2]), { '(body)': 'must be a JSON object' });
  });
});
