/**
 * Failures a connector reports, classified by what the poller must do about them.
 * Connectors throw these; the poll processor maps each one to a queue or source action.
 */
export abstract class ConnectorError extends Error {
  abstract readonly action: 'delay_platform' | 'pause_source' | 'auth_failed' | 'retry' | 'fail';
}

/** Platform-wide throttling (X 429 with x-rate-limit-reset, Facebook codes 4/17/32/613/80001). */
export class PlatformRateLimitedError extends ConnectorError {
  readonly action = 'delay_platform' as const;
  constructor(
    readonly resetAt: Date,
    reason: string,
  ) {
    super(reason);
    this.name = 'PlatformRateLimitedError';
  }
}

/** A quota that only waiting out a window fixes (X usage-capped, LinkedIn daily 429). */
export class SourceQuotaExceededError extends ConnectorError {
  readonly action = 'pause_source' as const;
  constructor(
    readonly resumeAt: Date,
    reason: string,
  ) {
    super(reason);
    this.name = 'SourceQuotaExceededError';
  }
}

/** 401, revoked or expired tokens (Facebook 190), access denied for the target. */
export class AuthFailedError extends ConnectorError {
  readonly action = 'auth_failed' as const;
  constructor(reason: string) {
    super(reason);
    this.name = 'AuthFailedError';
  }
}

/** 5xx, timeouts, connection resets: retried with backoff. */
export class TransientPlatformError extends ConnectorError {
  readonly action = 'retry' as const;
  constructor(
    reason: string,
    readonly retryAfter: Date | null = null,
  ) {
    super(reason);
    this.name = 'TransientPlatformError';
  }
}

/** A payload that does not match the contract; `field` names the offending path. */
export class MalformedPayloadError extends ConnectorError {
  readonly action = 'fail' as const;
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`malformed payload at ${field}: ${reason}`);
    this.name = 'MalformedPayloadError';
  }
}

/** The platform rejected the request itself (bad query, unknown page): fix the source. */
export class InvalidSourceError extends ConnectorError {
  readonly action = 'fail' as const;
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidSourceError';
  }
}
