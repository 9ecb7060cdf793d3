import type { AlertMetric, AlertRuleSpec } from './alert-rule';

/**
 * Settings a rule gets for whatever the request leaves out, per metric. The volume
 * settings are the ones `npm run bench:alerts` measures on NAB's tweet volumes
 * (docs/alerting.md); the share and sentiment ones follow docs/alerting.md#default-rules.
 */
export function defaultRuleSettings(
  metric: AlertMetric,
): Omit<AlertRuleSpec, 'name' | 'labId' | 'platform' | 'metric'> {
  const common = {
    baseline: '7d',
    baselineKind: 'trailing',
    pendingFor: '0m',
    cooldown: '24h',
    escalationFactor: 2,
    repeatInterval: '24h',
    minCoverage: 0.9,
    sendResolved: true,
    severity: 'warning',
    enabled: true,
  } as const;
  if (metric === 'volume') {
    return {
      ...common,
      direction: 'up',
      detector: 'zscore',
      bucket: '5m',
      window: '1h',
      enterThreshold: 4,
      exitThreshold: 2,
      minVolume: 10,
      minEffect: 0.5,
      resolveAfter: '10m',
    };
  }
  if (metric === 'net_sentiment') {
    return {
      ...common,
      direction: 'down',
      detector: 'mean_z',
      bucket: '1h',
      window: '1h',
      enterThreshold: 3,
      exitThreshold: 1.5,
      minVolume: 30,
      minEffect: 0.1,
      resolveAfter: '2h',
    };
  }
  return {
    ...common,
    direction: 'up',
    detector: 'two_proportion',
    bucket: '1h',
    window: '1h',
    enterThreshold: 3,
    exitThreshold: 1.5,
    minVolume: 30,
    minEffect: 0.05,
    resolveAfter: '2h',
  };
}

function rule(name: string, metric: AlertMetric, overrides: Partial<AlertRuleSpec> = {}): AlertRuleSpec {
  return { name, labId: null, platform: 'all', metric, ...defaultRuleSettings(metric), ...overrides };
}

/** Seeded so alerts work out of the box: every lab, all platforms pooled. */
export const DEFAULT_ALERT_RULES: readonly AlertRuleSpec[] = [
  rule('Volume spike', 'volume'),
  rule('Negative share rising', 'negative_share'),
  rule('Stance against rising', 'stance_against_share'),
  rule('Net sentiment falling', 'net_sentiment', { severity: 'info' }),
];
