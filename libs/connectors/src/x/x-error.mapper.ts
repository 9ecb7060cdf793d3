import {
  AuthFailedError,
  InvalidSourceError,
  PlatformRateLimitedError,
  SourceQuotaExceededError,
  TransientPlatformError,
  type ConnectorError,
} from '../connector-errors';
import { parseRetryAfter, type PlatformResponse } from '../http/platform-http.client';
import { isJsonObject } from '../payload/payload-reader';
import type { RateLimitSnapshot } from '../source-connector';

/** Docs: on 429 wait max(reset − now, 60 s) (docs/platform-apis.md#x-rate-limits). */
const MIN_RATE_LIMIT_WAIT_MS = 60_000;
/** A 429 without x-rate-limit-reset: assume a full 15-minute window. */
const DEFAULT_RATE_LIMIT_WINDOW_MS = 15 * 60_000;

/** Maps a non-200 X response to the error the poller acts on (docs/platform-apis.md#x-errors). */
export function mapXError(response: PlatformResponse, now: Date, redact: (text: string) => string): ConnectorError {
  const { status, body } = response;
  const problem = describeProblem(body, redact);
  if (status === 429) {
    if (problemType(body) === 'usage-capped') {
      const period = isJsonObject(body) && body.period === 'Daily' ? 'Daily' : 'Monthly';
      return new SourceQuotaExceededError(usageCapResumeAt(period, now), `X usage cap reached: ${problem}`);
    }
    return new PlatformRateLimitedError(rateLimitResetAt(response.headers, now), `X rate limit reached: ${problem}`);
  }
  if (status === 401) return new AuthFailedError(`X rejected the bearer token (401): ${problem}`);
  if (status === 403) return new AuthFailedError(`X refused access (403): ${problem}`);
  if (status >= 500 || status === 408) {
    return new TransientPlatformError(`X answered ${status}: ${problem}`, parseRetryAfter(response.headers, now));
  }
  return new InvalidSourceError(`X rejected the request (${status}): ${problem}`);
}

/** When an X 429 window ends: x-rate-limit-reset, but at least a minute away. */
export function rateLimitResetAt(headers: Headers, now: Date): Date {
  const reset = Number(headers.get('x-rate-limit-reset'));
  const waitMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 - now.getTime() : DEFAULT_RATE_LIMIT_WINDOW_MS;
  return new Date(now.getTime() + Math.max(waitMs, MIN_RATE_LIMIT_WAIT_MS));
}

/** A usage cap lifts when its period ends: the next UTC midnight or the first of next month. */
export function usageCapResumeAt(period: 'Daily' | 'Monthly', now: Date): Date {
  return period === 'Daily'
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
}

export function readXRateLimit(headers: Headers): RateLimitSnapshot | undefined {
  const number = (name: string): number | null => {
    const value = headers.get(name);
    return value !== null && Number.isFinite(Number(value)) ? Number(value) : null;
  };
  const limit = number('x-rate-limit-limit');
  const remaining = number('x-rate-limit-remaining');
  const reset = number('x-rate-limit-reset');
  if (limit === null && remaining === null && reset === null) return undefined;
  return { limit, remaining, resetAt: reset === null ? null : new Date(reset * 1000), usagePercent: null };
}

/** The suffix of a Problem's `type` URI, whose prefix varies between twitter.com and x.com. */
function problemType(body: unknown): string | null {
  return isJsonObject(body) && typeof body.type === 'string' ? (body.type.split('/').pop() ?? null) : null;
}

/** Problem form ({title, detail, type}) or legacy form ({errors: [{code, message}]}), both handled. */
function describeProblem(body: unknown, redact: (text: string) => string): string {
  if (!isJsonObject(body)) return 'no readable body';
  const parts: string[] = [];
  const type = problemType(body);
  if (type && type !== 'about:blank') parts.push(type);
  const text = typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : null;
  if (text) parts.push(text);
  if (typeof body.reason === 'string') parts.push(`reason: ${body.reason}`);
  if (Array.isArray(body.errors)) {
    for (const error of body.errors.slice(0, 3)) {
      if (!isJsonObject(error)) continue;
      const code = typeof error.code === 'number' ? `code ${error.code} ` : '';
      if (typeof error.message === 'string') parts.push(`${code}${error.message}`);
    }
  }
  return redact(parts.length > 0 ? parts.join('; ') : 'no detail');
}
