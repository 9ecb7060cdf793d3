import { DetectorResult, Direction, directionalEffect, directionalScore } from './detector-result';
import { EvaluationDecision, LifecyclePolicy, LifecycleSignal, LifecycleState, stepLifecycle } from './spike-lifecycle';

/** How the volume floor reads a result: a drop is judged on the volume that went missing. */
export type MetricKind = 'count' | 'share' | 'mean';

export interface GuardPolicy {
  readonly metricKind: MetricKind;
  readonly direction: Direction;
  /** Posts in the window (for a count going down: the expected posts) below which nothing is scored. */
  readonly minVolume: number;
  /** Directional effect floor: relative change for counts (1 = x2), absolute for shares (0.05 = 5 pp) and means. */
  readonly minEffect: number;
  /** Fraction of the window with healthy collection below which the bucket is not scored (0..1). */
  readonly minCoverage: number;
}

export type EvaluationPolicy = GuardPolicy & LifecyclePolicy;

export interface BucketInput {
  /** Epoch ms identifying the evaluated bucket (its start). */
  readonly at: number;
  /** The detector's output, or the reason there is none. */
  readonly result: DetectorResult | { readonly failure: 'warmup' | 'error'; readonly message: string };
  /** Fraction of the window whose sources were healthy; 1 when unknown. */
  readonly coverage?: number;
}

/** The record the worker stores for every evaluation (and `GET /v1/alert-evaluations` serves). */
export interface BucketEvaluation {
  readonly at: number;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly scale: number | null;
  /**
   * Directional score: how far the metric moved in the rule's direction (for `down`, a fall is
   * positive; for `both`, the absolute score). The number the enter/exit thresholds are compared
   * with; whether the metric rose or fell is `observed` against `expected`.
   */
  readonly score: number | null;
  readonly n: number | null;
  readonly effect: number | null;
  readonly decision: EvaluationDecision;
  /** Human-readable why, e.g. `n=4 < min_volume 10`. */
  readonly reason: string;
}

export interface EvaluationStep {
  readonly evaluation: BucketEvaluation;
  readonly state: LifecycleState;
  readonly transition: 'fired' | 'resolved' | null;
  readonly escalated: boolean;
}

export function isDetectorResult(value: BucketInput['result']): value is DetectorResult {
  return 'score' in value;
}

/**
 * Guards, then the lifecycle: one closed bucket in, one explained decision out.
 * Order matters: coverage and missing data freeze the state; the volume floor makes
 * any score meaningless; the effect floor only filters what would otherwise count.
 */
export function evaluateBucket(state: LifecycleState, input: BucketInput, policy: EvaluationPolicy): EvaluationStep {
  const { signal, reason } = toSignal(input, policy);
  const step = stepLifecycle(state, input.at, signal, policy);
  const r = isDetectorResult(input.result) ? input.result : null;
  const evaluation: BucketEvaluation = {
    at: input.at,
    observed: r ? finiteOrNull(r.observed) : null,
    expected: r ? finiteOrNull(r.expected) : null,
    scale: r ? finiteOrNull(r.scale) : null,
    score: r ? finiteOrNull(directionalScore(r.score, policy.direction)) : null,
    n: r ? r.n : null,
    effect: r ? finiteOrNull(r.effect) : null,
    decision: step.decision,
    reason: explain(step.decision, reason, r, policy),
  };
  return { evaluation, state: step.state, transition: step.transition, escalated: step.escalated };
}

function toSignal(input: BucketInput, policy: EvaluationPolicy): { signal: LifecycleSignal; reason: string } {
  const coverage = input.coverage ?? 1;
  if (coverage < policy.minCoverage) {
    return {
      signal: { kind: 'unknown', reason: 'coverage' },
      reason: `coverage ${round(coverage)} < min_coverage ${policy.minCoverage}`,
    };
  }
  if (!isDetectorResult(input.result)) {
    return { signal: { kind: 'unknown', reason: input.result.failure }, reason: input.result.message };
  }
  const r = input.result;
  const score = directionalScore(r.score, policy.direction);
  if (r.n === 0 && (policy.metricKind !== 'count' || r.expected >= policy.minVolume)) {
    // No posts where posts were expected (or a share/mean of nothing): an outage, not a spike or a crash.
    return { signal: { kind: 'unknown', reason: 'no_data' }, reason: `n=0, expected ${round(r.expected)}` };
  }
  const volume = guardedVolume(r, policy);
  if (volume < policy.minVolume) {
    return {
      signal: { kind: 'blocked', reason: 'min_volume', score },
      reason: `volume ${round(volume)} < min_volume ${policy.minVolume}`,
    };
  }
  const effect = directionalEffect(r.effect, r.score, policy.direction);
  if (effect < policy.minEffect) {
    return {
      signal: { kind: 'blocked', reason: 'min_effect', score },
      reason: `effect ${round(effect)} < min_effect ${policy.minEffect}`,
    };
  }
  return { signal: { kind: 'score', score }, reason: '' };
}

function guardedVolume(r: DetectorResult, policy: GuardPolicy): number {
  if (policy.metricKind !== 'count') return r.n;
  if (policy.direction === 'down') return r.expected;
  if (policy.direction === 'both') return Math.max(r.n, r.expected);
  return r.n;
}

function explain(
  decision: EvaluationDecision,
  guardReason: string,
  r: DetectorResult | null,
  policy: EvaluationPolicy,
): string {
  const z = r ? round(directionalScore(r.score, policy.direction)) : null;
  switch (decision) {
    case 'fire':
      return `score ${z} >= enter ${policy.enterThreshold}`;
    case 'hold':
      return `firing; score ${z ?? 'n/a'}${guardReason ? ` (${guardReason})` : ''}, exit below ${policy.exitThreshold}`;
    case 'resolve':
      return `score ${z ?? 'n/a'} < exit ${policy.exitThreshold} for ${policy.resolveAfterBuckets} bucket(s)`;
    case 'pending':
      return `score ${z} >= enter ${policy.enterThreshold}, waiting ${policy.forBuckets} bucket(s)`;
    case 'suppressed:cooldown':
      return `score ${z} >= enter ${policy.enterThreshold} within cooldown ${policy.cooldownMs} ms`;
    case 'ok':
      return `score ${z} < enter ${policy.enterThreshold}`;
    default:
      return guardReason;
  }
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
