import {
  BUCKET_MS,
  CountSpikeParams,
  DetectorResult,
  EvaluationPolicy,
  EvaluationStep,
  LifecycleState,
  MeanShiftParams,
  ProportionShiftParams,
  detectCountSpike,
  detectMeanShift,
  detectProportionShift,
  evaluateBucket,
  parseDuration,
  safeDetect,
} from '@labpulse/timeseries';
import { AlertRuleSpec, isShareMetric } from './alert-rule';
import { MIN_BASELINE_WINDOWS } from './alert-rule-validation';
import { MetricBucket, countSeries, meanSeries, proportionSeries } from './metric-bucket';

/** A validated rule turned into the numbers the detector and lifecycle run on. */
export interface CompiledRule {
  readonly bucketMs: number;
  readonly windowBuckets: number;
  readonly baselineBuckets: number;
  /** Buckets of history one evaluation reads (window + baseline), ending with the evaluated bucket. */
  readonly historyBuckets: number;
  readonly policy: EvaluationPolicy;
  readonly repeatIntervalMs: number;
  readonly detect: (history: readonly MetricBucket[]) => DetectorResult;
}

function ms(duration: string): number {
  const value = parseDuration(duration);
  if (value === null) throw new RangeError(`bad duration ${duration}; validate rules with validateAlertRule first`);
  return value;
}

export function compileAlertRule(rule: AlertRuleSpec): CompiledRule {
  const bucketMs = BUCKET_MS[rule.bucket];
  const windowBuckets = ms(rule.window) / bucketMs;
  const baselineBuckets = ms(rule.baseline) / bucketMs;
  const policy: EvaluationPolicy = {
    metricKind: rule.metric === 'volume' ? 'count' : isShareMetric(rule.metric) ? 'share' : 'mean',
    direction: rule.direction,
    minVolume: rule.minVolume,
    minEffect: rule.minEffect,
    minCoverage: rule.minCoverage,
    enterThreshold: rule.enterThreshold,
    exitThreshold: rule.exitThreshold,
    forBuckets: ms(rule.pendingFor) / bucketMs,
    resolveAfterBuckets: Math.max(1, ms(rule.resolveAfter) / bucketMs),
    cooldownMs: ms(rule.cooldown),
    escalationFactor: rule.escalationFactor,
  };
  return {
    bucketMs,
    windowBuckets,
    baselineBuckets,
    historyBuckets: windowBuckets + baselineBuckets,
    policy,
    repeatIntervalMs: ms(rule.repeatInterval),
    detect: makeDetector(rule, bucketMs, windowBuckets, baselineBuckets),
  };
}

function makeDetector(
  rule: AlertRuleSpec,
  bucketMs: number,
  windowBuckets: number,
  baselineBuckets: number,
): (history: readonly MetricBucket[]) => DetectorResult {
  if (rule.metric === 'volume') {
    const params: CountSpikeParams = {
      bucketMs,
      windowBuckets,
      baselineBuckets,
      baseline: rule.baselineKind,
      method: rule.detector === 'robust_z' ? 'median_mad' : 'mean_sd',
      // A day of windows before scoring; the seasonal baseline has ~3 samples a day.
      minBaselineSamples: rule.baselineKind === 'trailing' ? MIN_BASELINE_WINDOWS : 6,
      minScale: 1,
    };
    return (history) => detectCountSpike(countSeries(history), params);
  }
  if (isShareMetric(rule.metric)) {
    const params: ProportionShiftParams = { windowBuckets, baselineBuckets, minBaselineTrials: rule.minVolume };
    return (history) => detectProportionShift(proportionSeries(rule.metric, history), params);
  }
  const params: MeanShiftParams = { windowBuckets, baselineBuckets, minBaselineN: rule.minVolume, minPostSd: 0.1 };
  return (history) => detectMeanShift(meanSeries(history), params);
}

/**
 * Evaluates one closed bucket for one (rule, lab, platform). `history` is gap-free
 * (see fillMetricBuckets), oldest first, and ends with the bucket being evaluated;
 * pass `compiled.historyBuckets` of them. The coverage is the window's worst bucket.
 */
export function evaluateAlertRule(
  compiled: CompiledRule,
  state: LifecycleState,
  history: readonly MetricBucket[],
): EvaluationStep {
  if (history.length === 0) throw new RangeError('history must end with the evaluated bucket');
  const window = history.slice(-compiled.windowBuckets);
  const coverage = Math.min(...window.map((b) => b.coverage ?? 1));
  const at = history[history.length - 1].start;
  return evaluateBucket(state, { at, coverage, result: safeDetect(compiled.detect, history) }, compiled.policy);
}

/** The window an evaluation covered, epoch ms [start, end): `at` is the evaluated (newest) bucket's start. */
export function evaluationWindow(compiled: CompiledRule, at: number): { start: number; end: number } {
  const end = at + compiled.bucketMs;
  return { start: end - compiled.windowBuckets * compiled.bucketMs, end };
}
