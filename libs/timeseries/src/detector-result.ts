/** What every detector returns for one evaluated window; the units are the metric's own. */
export interface DetectorResult {
  /** The current window's value: a count, a share (0..1) or a mean. */
  readonly observed: number;
  /** The baseline's estimate of that value. */
  readonly expected: number;
  /** The noise scale the score is measured in (sigma, robust sigma or standard error). */
  readonly scale: number;
  /** Signed score: (observed - expected) / scale; positive means above the baseline. */
  readonly score: number;
  /** Posts in the current window (the volume guard's input). */
  readonly n: number;
  /** Signed effect size: relative change for counts, absolute difference for shares and means. */
  readonly effect: number;
  /** Baseline sample size: windows for count detectors, posts for proportion and mean tests. */
  readonly baselineN: number;
}

export type Direction = 'up' | 'down' | 'both';

/** Thrown for input a detector must never score (NaN, negative counts, k > n). */
export class InvalidSeriesError extends Error {
  constructor(
    readonly index: number,
    reason: string,
  ) {
    super(`invalid series value at index ${index}: ${reason}`);
    this.name = 'InvalidSeriesError';
  }
}

/** Thrown when there is too little history to form a baseline. */
export class InsufficientHistoryError extends Error {
  constructor(
    readonly have: number,
    readonly need: number,
  ) {
    super(`insufficient history: ${have} baseline samples, need ${need}`);
    this.name = 'InsufficientHistoryError';
  }
}

/** The score seen through the rule's direction: larger is always "more alarming". */
export function directionalScore(score: number, direction: Direction): number {
  if (direction === 'up') return score;
  if (direction === 'down') return -score;
  return Math.abs(score);
}

export function directionalEffect(effect: number, score: number, direction: Direction): number {
  if (direction === 'up') return effect;
  if (direction === 'down') return -effect;
  return Math.sign(score) * effect;
}
