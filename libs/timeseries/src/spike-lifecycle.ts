/**
 * Hysteresis and cooldown for one alert key, as a pure step function: the caller
 * stores the returned state and passes it back with the next closed bucket.
 *
 *   normal --score >= enter--> pending --held `forBuckets` more--> firing
 *   firing --score < exit for `resolveAfterBuckets`--> normal (resolved, cooldown starts)
 *
 * A score between exit and enter keeps a firing alert firing (no flapping). During the
 * cooldown a new episode opens only for an escalation (score >= escalationFactor * enter).
 */

export type EvaluationDecision =
  | 'fire'
  | 'hold'
  | 'resolve'
  | 'pending'
  | 'ok'
  | 'suppressed:min_volume'
  | 'suppressed:min_effect'
  | 'suppressed:cooldown'
  | 'suppressed:coverage'
  | 'suppressed:warmup'
  | 'no_data'
  | 'error';

export type LifecycleStatus = 'normal' | 'pending' | 'firing';

export interface LifecycleState {
  readonly status: LifecycleStatus;
  /** Consecutive buckets the enter condition has held (pending and the firing bucket). */
  readonly pendingBuckets: number;
  /** Consecutive buckets below the exit threshold while firing. */
  readonly belowExitBuckets: number;
  /** Epoch ms of the bucket that fired the open episode. */
  readonly firingSince: number | null;
  /** Epoch ms of the last resolve; the cooldown runs from here. */
  readonly lastResolvedAt: number | null;
  /** Highest directional score in the open episode. */
  readonly peakScore: number | null;
  /** Peak of the last resolved episode: an escalation must beat what was already reported. */
  readonly lastPeakScore: number | null;
}

export const INITIAL_LIFECYCLE_STATE: LifecycleState = {
  status: 'normal',
  pendingBuckets: 0,
  belowExitBuckets: 0,
  firingSince: null,
  lastResolvedAt: null,
  peakScore: null,
  lastPeakScore: null,
};

export interface LifecyclePolicy {
  /** T_enter: a directional score at or above this opens (or keeps pending) an episode. */
  readonly enterThreshold: number;
  /** T_exit < T_enter: a firing episode resolves only below this. */
  readonly exitThreshold: number;
  /** Extra consecutive buckets the condition must hold before firing (Prometheus `for`); 0 fires at once. */
  readonly forBuckets: number;
  /** Consecutive buckets below T_exit needed to resolve (`keep_firing_for`). */
  readonly resolveAfterBuckets: number;
  /** No new episode this long after a resolve. */
  readonly cooldownMs: number;
  /**
   * A score >= factor * T_enter marks an escalation, and overrides the cooldown when it also
   * beats the last episode's peak (a worse event, not the same one again); null disables both.
   */
  readonly escalationFactor: number | null;
}

/** One bucket's input to the lifecycle, after the guards have looked at it. */
export type LifecycleSignal =
  /** Guards passed: the directional score decides. */
  | { readonly kind: 'score'; readonly score: number }
  /** The condition is not met this bucket for a guard reason (counts toward resolving). */
  | { readonly kind: 'blocked'; readonly reason: 'min_volume' | 'min_effect'; readonly score: number }
  /** Nothing can be known this bucket: the state is frozen. */
  | { readonly kind: 'unknown'; readonly reason: 'coverage' | 'no_data' | 'error' | 'warmup' };

export interface LifecycleStep {
  readonly state: LifecycleState;
  readonly decision: EvaluationDecision;
  /** Set on the bucket that changes the episode. */
  readonly transition: 'fired' | 'resolved' | null;
  /** True on the first bucket of an episode whose score reaches escalationFactor * T_enter. */
  readonly escalated: boolean;
}

const UNKNOWN_DECISIONS: Readonly<Record<'coverage' | 'no_data' | 'error' | 'warmup', EvaluationDecision>> = {
  coverage: 'suppressed:coverage',
  no_data: 'no_data',
  error: 'error',
  warmup: 'suppressed:warmup',
};

export function stepLifecycle(
  state: LifecycleState,
  at: number,
  signal: LifecycleSignal,
  policy: LifecyclePolicy,
): LifecycleStep {
  if (signal.kind === 'unknown') {
    return { state, decision: UNKNOWN_DECISIONS[signal.reason], transition: null, escalated: false };
  }
  const escalationLevel = policy.escalationFactor === null ? null : policy.escalationFactor * policy.enterThreshold;

  if (state.status === 'firing') {
    const conditionHolds = signal.kind === 'score' && signal.score >= policy.exitThreshold;
    if (conditionHolds) {
      const peak = Math.max(state.peakScore ?? signal.score, signal.score);
      const escalated =
        escalationLevel !== null && signal.score >= escalationLevel && (state.peakScore ?? 0) < escalationLevel;
      return {
        state: { ...state, belowExitBuckets: 0, peakScore: peak },
        decision: 'hold',
        transition: null,
        escalated,
      };
    }
    const below = state.belowExitBuckets + 1;
    if (below >= policy.resolveAfterBuckets) {
      const resolved: LifecycleState = {
        status: 'normal',
        pendingBuckets: 0,
        belowExitBuckets: 0,
        firingSince: null,
        lastResolvedAt: at,
        peakScore: null,
        lastPeakScore: state.peakScore,
      };
      return { state: resolved, decision: 'resolve', transition: 'resolved', escalated: false };
    }
    return { state: { ...state, belowExitBuckets: below }, decision: 'hold', transition: null, escalated: false };
  }

  const calm: LifecycleState = { ...state, status: 'normal', pendingBuckets: 0 };
  if (signal.kind === 'blocked') {
    // A guard fails: say so only when the score would otherwise have counted, or for
    // the volume floor, which makes any score meaningless.
    const loud = signal.reason === 'min_volume' || signal.score >= policy.enterThreshold;
    return { state: calm, decision: loud ? `suppressed:${signal.reason}` : 'ok', transition: null, escalated: false };
  }
  if (signal.score < policy.enterThreshold) return { state: calm, decision: 'ok', transition: null, escalated: false };

  const escalating = escalationLevel !== null && signal.score >= escalationLevel;
  const cooling = state.lastResolvedAt !== null && at - state.lastResolvedAt < policy.cooldownMs;
  const worse = escalating && signal.score > (state.lastPeakScore ?? Number.NEGATIVE_INFINITY);
  if (cooling && !worse) return { state: calm, decision: 'suppressed:cooldown', transition: null, escalated: false };

  const pendingBuckets = state.pendingBuckets + 1;
  if (pendingBuckets <= policy.forBuckets) {
    return {
      state: { ...state, status: 'pending', pendingBuckets },
      decision: 'pending',
      transition: null,
      escalated: false,
    };
  }
  const firing: LifecycleState = {
    status: 'firing',
    pendingBuckets,
    belowExitBuckets: 0,
    firingSince: at,
    lastResolvedAt: state.lastResolvedAt,
    peakScore: signal.score,
    lastPeakScore: state.lastPeakScore,
  };
  return { state: firing, decision: 'fire', transition: 'fired', escalated: escalating };
}
