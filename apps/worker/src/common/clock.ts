/** Injection token of the worker's Clock. */
export const CLOCK = Symbol('CLOCK');

/**
 * Where delivery and evaluation read the time. Tests inject a clock that jumps ahead instead of
 * waiting, so a 27-hour retry schedule runs in milliseconds with real timestamps on its own timeline.
 */
export interface Clock {
  /** Epoch ms. */
  now(): number;
  /** Real milliseconds to wait for `ms` of this clock's time (a test clock advances itself and answers 0). */
  realDelayMs(ms: number): number;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  realDelayMs: (ms) => ms,
};
