import { BUCKET_MS, BUCKET_SIZES, DAY_MS, parseDuration } from '@labpulse/timeseries';
import {
  ALERT_DETECTORS,
  ALERT_DIRECTIONS,
  ALERT_METRICS,
  ALERT_PLATFORMS,
  ALERT_SEVERITIES,
  AlertRuleSpec,
  BASELINE_KINDS,
  DETECTORS_BY_METRIC,
  isShareMetric,
} from './alert-rule';
import { defaultRuleSettings } from './default-alert-rules';

export interface FieldError {
  /** The offending field, as named in the API (`exitThreshold`, `window` ...). */
  readonly field: string;
  readonly message: string;
}

export type RuleValidationResult =
  { readonly ok: true; readonly rule: AlertRuleSpec } | { readonly ok: false; readonly errors: readonly FieldError[] };

export interface RuleValidationOptions {
  /** When given, `labId` must be one of these (or null). */
  readonly knownLabIds?: ReadonlySet<string>;
}

const RULE_FIELDS: readonly (keyof AlertRuleSpec)[] = [
  'name',
  'labId',
  'platform',
  'metric',
  'direction',
  'detector',
  'bucket',
  'window',
  'baseline',
  'baselineKind',
  'enterThreshold',
  'exitThreshold',
  'minVolume',
  'minEffect',
  'pendingFor',
  'resolveAfter',
  'cooldown',
  'escalationFactor',
  'repeatInterval',
  'minCoverage',
  'sendResolved',
  'severity',
  'enabled',
];
const MAX_BASELINE_MS = 90 * DAY_MS;
/** Count detectors need this many baseline windows (CountSpikeParams.minBaselineSamples). */
export const MIN_BASELINE_WINDOWS = 24;

/**
 * Validates a rule from the API (create, or a full replacement). Omitted settings take
 * the metric's defaults; every error names its field so the API can answer 400 with them.
 */
export function validateAlertRule(input: unknown, options: RuleValidationOptions = {}): RuleValidationResult {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string): void => {
    errors.push({ field, message });
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(RULE_FIELDS as readonly string[]).includes(key)) fail(key, 'unknown field');
  }

  const metric = raw.metric;
  if (!isOneOf(ALERT_METRICS, metric)) {
    fail('metric', `must be one of ${ALERT_METRICS.join(', ')}`);
    return { ok: false, errors };
  }
  const merged: Record<string, unknown> = { ...defaultRuleSettings(metric), ...raw };
  const m = merged;

  if (typeof m.name !== 'string' || m.name.trim() === '' || m.name.length > 200)
    fail('name', 'must be a non-empty string of at most 200 characters');
  if (m.labId === undefined) m.labId = null;
  if (m.labId !== null && (typeof m.labId !== 'string' || m.labId === ''))
    fail('labId', 'must be a lab id or null for every lab');
  else if (typeof m.labId === 'string' && options.knownLabIds && !options.knownLabIds.has(m.labId))
    fail('labId', `unknown lab ${m.labId}`);
  if (m.platform === undefined) m.platform = 'all';
  if (!isOneOf(ALERT_PLATFORMS, m.platform)) fail('platform', `must be one of ${ALERT_PLATFORMS.join(', ')}`);
  if (!isOneOf(ALERT_DIRECTIONS, m.direction)) fail('direction', `must be one of ${ALERT_DIRECTIONS.join(', ')}`);
  if (!isOneOf(ALERT_DETECTORS, m.detector)) fail('detector', `must be one of ${ALERT_DETECTORS.join(', ')}`);
  else if (!DETECTORS_BY_METRIC[metric].includes(m.detector)) {
    fail('detector', `${m.detector} does not apply to ${metric}; use ${DETECTORS_BY_METRIC[metric].join(' or ')}`);
  }
  if (!isOneOf(BASELINE_KINDS, m.baselineKind)) fail('baselineKind', `must be one of ${BASELINE_KINDS.join(', ')}`);
  else if (m.baselineKind === 'same_hour_of_day' && metric !== 'volume')
    fail('baselineKind', 'same_hour_of_day applies to volume only');
  if (!isOneOf(ALERT_SEVERITIES, m.severity)) fail('severity', `must be one of ${ALERT_SEVERITIES.join(', ')}`);
  for (const field of ['sendResolved', 'enabled'] as const)
    if (typeof m[field] !== 'boolean') fail(field, 'must be a boolean');

  const bucketMs = isOneOf(BUCKET_SIZES, m.bucket) ? BUCKET_MS[m.bucket] : null;
  if (bucketMs === null) fail('bucket', `must be one of ${BUCKET_SIZES.join(', ')}`);
  const duration = (field: string, allowZero: boolean): number | null => {
    const value = m[field];
    const ms = typeof value === 'string' ? parseDuration(value) : null;
    if (ms === null) {
      fail(field, 'must be a duration such as 5m, 1h or 7d');
      return null;
    }
    if (!allowZero && ms === 0) {
      fail(field, 'must be greater than zero');
      return null;
    }
    return ms;
  };
  const windowMs = duration('window', false);
  const baselineMs = duration('baseline', false);
  const pendingMs = duration('pendingFor', true);
  const resolveMs = duration('resolveAfter', false);
  duration('cooldown', true);
  const repeatMs = duration('repeatInterval', true);
  if (bucketMs !== null) {
    if (windowMs !== null && windowMs % bucketMs !== 0)
      fail('window', `must be a multiple of the bucket (${String(m.bucket)})`);
    if (pendingMs !== null && pendingMs % bucketMs !== 0)
      fail('pendingFor', `must be a multiple of the bucket (${String(m.bucket)})`);
    if (resolveMs !== null && resolveMs % bucketMs !== 0)
      fail('resolveAfter', `must be a multiple of the bucket (${String(m.bucket)})`);
    if (repeatMs !== null && repeatMs !== 0 && repeatMs < bucketMs)
      fail('repeatInterval', 'must be 0m (never) or at least one bucket');
  }
  if (windowMs !== null && baselineMs !== null) {
    if (baselineMs % windowMs !== 0) fail('baseline', 'must be a multiple of the window');
    else if (baselineMs > MAX_BASELINE_MS) fail('baseline', 'must be at most 90d');
    else if (metric === 'volume' && m.baselineKind === 'trailing' && baselineMs / windowMs < MIN_BASELINE_WINDOWS) {
      fail('baseline', `must hold at least ${MIN_BASELINE_WINDOWS} windows for a count detector`);
    } else if (m.baselineKind === 'same_hour_of_day' && baselineMs < 2 * DAY_MS)
      fail('baseline', 'same_hour_of_day needs at least 2d');
  }

  const enter = m.enterThreshold;
  const exit = m.exitThreshold;
  if (!isFiniteNumber(enter) || enter <= 0) fail('enterThreshold', 'must be a number greater than 0');
  if (!isFiniteNumber(exit) || exit < 0) fail('exitThreshold', 'must be a number at least 0');
  else if (isFiniteNumber(enter) && exit >= enter)
    fail('exitThreshold', 'must be lower than enterThreshold (hysteresis)');
  // min_volume is a Postgres integer.
  if (!Number.isInteger(m.minVolume) || (m.minVolume as number) < 0 || (m.minVolume as number) > 2_147_483_647) {
    fail('minVolume', 'must be an integer at least 0 and at most 2147483647');
  }
  if (!isFiniteNumber(m.minEffect) || m.minEffect < 0) fail('minEffect', 'must be a number at least 0');
  else if (isShareMetric(metric) && m.minEffect >= 1)
    fail('minEffect', 'is a share difference for share metrics and must be below 1');
  else if (metric === 'net_sentiment' && m.minEffect >= 2)
    fail('minEffect', 'is a difference in mean sentiment and must be below 2');
  if (m.escalationFactor !== null && (!isFiniteNumber(m.escalationFactor) || m.escalationFactor <= 1)) {
    fail('escalationFactor', 'must be a number above 1, or null to disable escalations');
  }
  if (!isFiniteNumber(m.minCoverage) || m.minCoverage < 0 || m.minCoverage > 1)
    fail('minCoverage', 'must be a number from 0 to 1');

  if (errors.length > 0) return { ok: false, errors };
  const rule = {} as Record<string, unknown>;
  for (const field of RULE_FIELDS) rule[field] = m[field];
  return { ok: true, rule: rule as unknown as AlertRuleSpec };
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
