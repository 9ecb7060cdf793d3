/**
 * Svix's retry schedule: attempts at 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h
 * (8 attempts, the last about 27 h 35 min after the first), each delay with +-20 % jitter.
 * Pure and configurable so tests run it on a fake clock or a shortened table.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Delay before attempt n + 1 after attempt n failed (n = 1..7). */
export const SVIX_RETRY_DELAYS_MS: readonly number[] = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

export interface RetryPolicy {
  /** delaysMs[i] is the wait after the (i + 1)-th failed attempt; its length + 1 is the attempt budget. */
  readonly delaysMs: readonly number[];
  /** Relative jitter: each delay is scaled by a factor in [1 - jitter, 1 + jitter]. */
  readonly jitter: number;
  /** Retry-After values above this are clamped to it. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  delaysMs: SVIX_RETRY_DELAYS_MS,
  jitter: 0.2,
  maxRetryAfterMs: 24 * HOUR,
};

export function maxDeliveryAttempts(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  return policy.delaysMs.length + 1;
}

/**
 * Wait before the next attempt, given how many attempts have failed so far (1 after
 * the first). Null when the budget is spent. A Retry-After from the receiver is a floor:
 * max(scheduled delay, retryAfter), with retryAfter clamped to maxRetryAfterMs.
 * `random` returns [0, 1); pass `() => 0.5` for no jitter.
 */
export function nextRetryDelayMs(
  failedAttempts: number,
  options: { readonly retryAfterMs?: number | null; readonly random?: () => number } = {},
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number | null {
  if (!Number.isInteger(failedAttempts) || failedAttempts < 1)
    throw new RangeError('failedAttempts must be an integer >= 1');
  if (failedAttempts > policy.delaysMs.length) return null;
  const random = options.random ?? Math.random;
  const scheduled = policy.delaysMs[failedAttempts - 1] * (1 + policy.jitter * (2 * random() - 1));
  const retryAfter =
    options.retryAfterMs == null ? 0 : Math.min(Math.max(0, options.retryAfterMs), policy.maxRetryAfterMs);
  return Math.round(Math.max(scheduled, retryAfter));
}

/** Cumulative offsets of every attempt from the first, without jitter (0, 5 s, 5 min 5 s, ...). */
export function retryTimeline(policy: RetryPolicy = DEFAULT_RETRY_POLICY): number[] {
  const out = [0];
  for (const d of policy.delaysMs) out.push(out[out.length - 1] + d);
  return out;
}

/** Retry-After as delta-seconds or an HTTP-date, in ms from `nowMs`; null when absent or malformed. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value == null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * SECOND;
  if (!/[a-z]/i.test(text)) return null;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}
