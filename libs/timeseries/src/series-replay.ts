import { BucketEvaluation, EvaluationPolicy, evaluateBucket } from './bucket-evaluation';
import { DetectorResult, InsufficientHistoryError, InvalidSeriesError } from './detector-result';
import { INITIAL_LIFECYCLE_STATE, LifecycleState } from './spike-lifecycle';

/**
 * Replays a whole series through the same streaming path the worker runs for one
 * bucket: at bucket i the detector sees only buckets <= i (causal), and the
 * lifecycle state is carried from one bucket to the next.
 */
export function replaySeries<T>(
  values: readonly T[],
  startMs: number,
  bucketMs: number,
  historyLength: number,
  detect: (history: readonly T[]) => DetectorResult,
  policy: EvaluationPolicy,
  initialState: LifecycleState = INITIAL_LIFECYCLE_STATE,
): BucketEvaluation[] {
  const out: BucketEvaluation[] = [];
  let state = initialState;
  for (let i = 0; i < values.length; i++) {
    const history = values.slice(Math.max(0, i + 1 - historyLength), i + 1);
    const step = evaluateBucket(state, { at: startMs + i * bucketMs, result: safeDetect(detect, history) }, policy);
    state = step.state;
    out.push(step.evaluation);
  }
  return out;
}

/** Detector failures become explained evaluations (`suppressed:warmup`, `error`), never spikes. */
export function safeDetect<T>(
  detect: (history: readonly T[]) => DetectorResult,
  history: readonly T[],
): DetectorResult | { failure: 'warmup' | 'error'; message: string } {
  try {
    return detect(history);
  } catch (err) {
    if (err instanceof InsufficientHistoryError) return { failure: 'warmup', message: err.message };
    if (err instanceof InvalidSeriesError) return { failure: 'error', message: err.message };
    throw err;
  }
}
