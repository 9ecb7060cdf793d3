import { TransientPlatformError } from '../connector-errors';
import { redactSecrets } from './redact-secrets';

export interface PlatformResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON body; undefined when the body was empty or not JSON. */
  body: unknown;
  /** False when a non-empty body failed to parse as JSON. */
  isJson: boolean;
}

export interface PlatformHttpClientOptions {
  /** Used in error messages, e.g. "X". */
  platformName: string;
  timeoutMs: number;
  /** Values that must never appear in an error message (the token). */
  secrets: readonly string[];
}

/**
 * One GET with a timeout, returning status, headers and parsed JSON. Network failures and
 * timeouts become TransientPlatformError; a cancellation by the caller's signal is rethrown as is.
 * Status handling is left to each platform's error mapper.
 */
export class PlatformHttpClient {
  constructor(private readonly options: PlatformHttpClientOptions) {}

  async get(url: URL, headers: Readonly<Record<string, string>>, signal?: AbortSignal): Promise<PlatformResponse> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await fetch(url, { method: 'GET', headers: { accept: 'application/json', ...headers }, signal: combined });
      const text = await response.text();
      return { status: response.status, headers: response.headers, ...parseJson(text) };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) {
        throw new TransientPlatformError(`${this.options.platformName} request timed out after ${this.options.timeoutMs} ms`);
      }
      throw new TransientPlatformError(`${this.options.platformName} request failed: ${this.describe(error)}`);
    }
  }

  /** Removes the secrets from any text that came from the platform or the network stack. */
  redact(text: string): string {
    return redactSecrets(text, this.options.secrets);
  }

  private describe(error: unknown): string {
    // undici wraps the useful part (ECONNREFUSED, ECONNRESET...) in `cause`.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : null;
    const message = cause instanceof Error ? cause.message : String(cause);
    return this.redact(code && !message.includes(code) ? `${code} ${message}` : message);
  }
}

function parseJson(text: string): { body: unknown; isJson: boolean } {
  if (text.trim() === '') return { body: undefined, isJson: true };
  try {
    return { body: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { body: undefined, isJson: false };
  }
}

/** `Retry-After` as seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(headers: Headers, now: Date): Date | null {
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return new Date(now.getTime() + seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : new Date(date);
}
