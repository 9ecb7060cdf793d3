import {
  AuthFailedError,
  InvalidSourceError,
  PlatformRateLimitedError,
  TransientPlatformError,
  type ConnectorError,
} from '../connector-errors';
import { parseRetryAfter, type PlatformResponse } from '../http/platform-http.client';
import { isJsonObject, type JsonObject } from '../payload/payload-reader';
import type { RateLimitSnapshot } from '../source-connector';

/** Throttle codes (docs/platform-apis.md#facebook-rate-limits): app 4, user 17, pages 32, custom 613, business use case 80000–80014. */
const THROTTLE_CODES = new Set([4, 17, 32, 613]);
const BUC_THROTTLE = { from: 80000, to: 80014 };
/** Token problems (docs/platform-apis.md#facebook-errors): 190 expired/invalid, 102 session, and the OAuth subcodes. */
const AUTH_CODES = new Set([102, 190]);
const AUTH_SUBCODES = new Set([458, 459, 460, 463, 464, 467]);
/**
 * When a throttled answer gives no estimated_time_to_regain_access: the app and user windows roll
 * over an hour, so a quarter of it is a reasonable first wait.
 */
export const FACEBOOK_THROTTLE_FALLBACK_MS = 15 * 60_000;

export interface GraphError {
  code: number | null;
  subcode: number | null;
  message: string;
  isTransient: boolean;
}

/** The `error` envelope of a Graph response (docs/platform-apis.md#facebook-errors); null when the body has none. */
export function readGraphError(body: unknown): GraphError | null {
  if (!isJsonObject(body) || !isJsonObject(body.error)) return null;
  const error: JsonObject = body.error;
  return {
    code: typeof error.code === 'number' ? error.code : null,
    subcode: typeof error.error_subcode === 'number' ? error.error_subcode : null,
    message: typeof error.message === 'string' ? error.message : 'no message',
    isTransient: error.is_transient === true,
  };
}

/** Classifies by error code, not HTTP status: Graph throttles with 400/403 (docs/platform-apis.md#facebook-rate-limits). */
export function mapFacebookError(
  response: PlatformResponse,
  now: Date,
  redact: (text: string) => string,
): ConnectorError {
  const error = readGraphError(response.body);
  if (!error) {
    const reason = `Facebook answered ${response.status} without a Graph error body`;
    return response.status >= 500 || response.status === 429
      ? new TransientPlatformError(reason, parseRetryAfter(response.headers, now))
      : new InvalidSourceError(reason);
  }
  const code = error.code ?? 0;
  const detail = redact(`code ${code}${error.subcode === null ? '' : `/${error.subcode}`}: ${error.message}`);
  if (THROTTLE_CODES.has(code) || (code >= BUC_THROTTLE.from && code <= BUC_THROTTLE.to)) {
    return new PlatformRateLimitedError(
      throttleResetAt(response.headers, now),
      `Facebook throttled the app (${detail})`,
    );
  }
  if (AUTH_CODES.has(code) || (error.subcode !== null && AUTH_SUBCODES.has(error.subcode))) {
    return new AuthFailedError(`Facebook rejected the access token (${detail})`);
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new AuthFailedError(
      `Facebook denied access (${detail}); the token needs pages_read_engagement, or Page Public Content Access for pages it does not manage`,
    );
  }
  if (code === 1 || code === 2 || error.isTransient || response.status >= 500) {
    return new TransientPlatformError(
      `Facebook had a temporary failure (${detail})`,
      parseRetryAfter(response.headers, now),
    );
  }
  return new InvalidSourceError(`Facebook rejected the request (${detail})`);
}

/** The latest estimated_time_to_regain_access (minutes) of the usage headers, else the fallback. */
export function throttleResetAt(headers: Headers, now: Date): Date {
  const minutes = readFacebookUsage(headers)?.regainMinutes ?? 0;
  return new Date(now.getTime() + (minutes > 0 ? minutes * 60_000 : FACEBOOK_THROTTLE_FALLBACK_MS));
}

export interface FacebookUsage {
  /** Highest percentage among x-app-usage, x-page-usage and x-business-use-case-usage. */
  percent: number;
  regainMinutes: number;
}

/** Reads the JSON usage headers (docs/platform-apis.md#facebook-rate-limits); null when none is present or readable. */
export function readFacebookUsage(headers: Headers): FacebookUsage | null {
  const usages: JsonObject[] = [];
  for (const name of ['x-app-usage', 'x-page-usage']) {
    const value = parseHeader(headers.get(name));
    if (isJsonObject(value)) usages.push(value);
  }
  const buc = parseHeader(headers.get('x-business-use-case-usage'));
  if (isJsonObject(buc)) {
    for (const entries of Object.values(buc)) {
      if (Array.isArray(entries)) usages.push(...entries.filter(isJsonObject));
    }
  }
  if (usages.length === 0) return null;
  const numbers = (key: string): number[] =>
    usages.map((usage) => usage[key]).filter((n): n is number => typeof n === 'number');
  return {
    percent: Math.max(0, ...numbers('call_count'), ...numbers('total_time'), ...numbers('total_cputime')),
    regainMinutes: Math.max(0, ...numbers('estimated_time_to_regain_access')),
  };
}

export function readFacebookRateLimit(headers: Headers, now: Date): RateLimitSnapshot | undefined {
  const usage = readFacebookUsage(headers);
  if (!usage) return undefined;
  return {
    remaining: null,
    limit: null,
    resetAt: usage.regainMinutes > 0 ? new Date(now.getTime() + usage.regainMinutes * 60_000) : null,
    usagePercent: usage.percent,
  };
}

function parseHeader(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}
