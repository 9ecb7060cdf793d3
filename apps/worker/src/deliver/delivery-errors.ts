/**
 * Thrown by the deliver processor after a failed attempt that will be retried: BullMQ's custom
 * backoff (webhookBackoff) reads the wait from it, which already includes Retry-After and jitter.
 */
export class RetryLaterError extends Error {
  constructor(
    readonly retryDelayMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Wait before BullMQ re-runs a failed deliver job. */
export function webhookBackoff(attemptsMade: number, _type?: string, error?: Error): number {
  if (error instanceof RetryLaterError) return error.retryDelayMs;
  // Not an HTTP outcome (database or Redis trouble): retry soon, growing to a minute.
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, attemptsMade - 1));
}
