import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { type ApiScope, ApiKeyRepository, apiKeyMatches, apiKeyPrefix, hashApiKey } from '@labpulse/persistence';
import type { ApiKeyPrincipal } from './api-key-principal';
import { FailedLookupLimiter } from './failed-lookup-limiter';

// A revoked key stops working within this time on every replica; in exchange a busy key costs
// no database round trip per request.
export const KEY_CACHE_MS = 30_000;
// last_used_at is bookkeeping: one write per key per minute is plenty.
const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;

interface Cached {
  principal: ApiKeyPrincipal | null;
  expiresAt: number;
}

/** The key in an `Authorization: Bearer <key>` header, or null when there is none. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}

/** Whether the principal holds every required scope (`admin` keys hold `read` too). */
export function grants(principal: ApiKeyPrincipal, required: readonly ApiScope[]): boolean {
  const granted = new Set<ApiScope>(principal.scopes.includes('admin') ? ['admin', 'read'] : principal.scopes);
  return required.every((scope) => granted.has(scope));
}

/** Verifies presented keys against their stored hashes, with a short-lived per-replica cache. */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('ApiKeys');
  private readonly cache = new Map<string, Cached>();
  private readonly touched = new Map<string, number>();
  private readonly failedLookups: FailedLookupLimiter;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failedLookups = new FailedLookupLimiter(config.api.authFailuresPerMinute);
  }

  /** The principal of an `Authorization: Bearer <key>` header, or null without a usable key. */
  async authenticate(authorization: string | undefined, address?: string): Promise<ApiKeyPrincipal | null> {
    const key = bearerToken(authorization);
    return key === null ? null : this.verify(key, address);
  }

  /**
   * The key's principal, or null when it is malformed, unknown or revoked. A key not in the cache
   * costs a lookup: an address that presented AUTH_FAILURES_PER_MINUTE unknown keys this minute gets
   * a 429 instead, until the minute is over (keys already cached still work).
   */
  async verify(key: string, address = 'unknown'): Promise<ApiKeyPrincipal | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    // Cached under the key's hash, so the map never holds a usable secret.
    const cacheKey = hashApiKey(key);
    const now = Date.now();
    const cached = this.cache.get(cacheKey);
    let principal: ApiKeyPrincipal | null;
    if (cached && cached.expiresAt > now) {
      principal = cached.principal;
    } else {
      const retryAfter = this.failedLookups.retryAfter(address, now);
      if (retryAfter > 0) throw tooManyUnknownKeys(retryAfter);
      principal = await this.lookup(key, prefix);
      if (!principal) this.failedLookups.record(address, now);
      if (this.cache.size >= MAX_CACHED) this.cache.clear();
      this.cache.set(cacheKey, { principal, expiresAt: now + KEY_CACHE_MS });
    }
    if (principal) this.touch(principal.id, now);
    return principal;
  }

  private async lookup(key: string, prefix: string): Promise<ApiKeyPrincipal | null> {
    const record = await this.keys.findByPrefix(prefix);
    if (!record || record.revokedAt || !apiKeyMatches(key, record.keyHash)) return null;
    return { id: record.id, prefix: record.prefix, scopes: record.scopes, rateLimitPerMinute: record.rateLimitPerMinute };
  }

  private touch(id: string, now: number): void {
    if ((this.touched.get(id) ?? 0) > now - TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    this.keys.touch(id).catch((error: Error) => this.logger.warn(`could not record use of key ${id}: ${error.message}`));
  }
}

/** A 429 carrying its Retry-After (the guard and the middlewares copy it to the answer). */
function tooManyUnknownKeys(retryAfter: number): HttpException {
  const error = new HttpException(`too many unknown API keys from this address; retry in ${retryAfter} s`, HttpStatus.TOO_MANY_REQUESTS);
  return Object.assign(error, { retryAfter });
}
