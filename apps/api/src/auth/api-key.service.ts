import { HttpException, HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { type ApiScope, ApiKeyRepository, apiKeyMatches, apiKeyPrefix, hashApiKey } from '@labpulse/persistence';
import type { ApiKeyPrincipal } from './api-key-principal';
import { FailedLookupLimiter } from './failed-lookup-limiter';
import { KnownKeyPrefixes } from './known-key-prefixes';

// A revoked key stops working within this time on every replica; in exchange a busy key costs
// no database round trip per request.
export const KEY_CACHE_MS = 30_000;
// last_used_at is bookkeeping: one write per key per minute is plenty.
const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;
// Past the unknown-key limit, a new key is still found this soon (one reload of the prefixes at most).
const THROTTLED_RELOAD_MS = 1_000;

interface Cached {
  /** The stored key of this prefix, or null when it was revoked meanwhile. */
  record: { keyHash: string; principal: ApiKeyPrincipal } | null;
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

/**
 * Verifies presented keys against their stored hashes, holding per replica every active key's
 * prefix (KnownKeyPrefixes) and, for 30 s, the stored record of each prefix presented. A key of an
 * unknown prefix (a guess, or a key created since the prefixes were loaded) is looked up on its own,
 * at most AUTH_FAILURES_PER_MINUTE times a minute per client address; past that it is a 429 without
 * a lookup (2,000 random keys cost 1,938 Postgres lookups before). Keys of known prefixes are never
 * slowed by that limit, whoever shares their address.
 */
@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('ApiKeys');
  private readonly records = new Map<string, Cached>();
  private readonly verified = new Map<string, { principal: ApiKeyPrincipal; expiresAt: number }>();
  private readonly touched = new Map<string, number>();
  private readonly failedLookups: FailedLookupLimiter;
  private readonly known: KnownKeyPrefixes;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.failedLookups = new FailedLookupLimiter(config.api.authFailuresPerMinute);
    this.known = new KnownKeyPrefixes(() => this.keys.activePrefixes(), KEY_CACHE_MS);
  }

  /** The principal of an `Authorization: Bearer <key>` header, or null without a usable key. */
  async authenticate(authorization: string | undefined, address?: string): Promise<ApiKeyPrincipal | null> {
    const key = bearerToken(authorization);
    return key === null ? null : this.verify(key, address);
  }

  /** The key's principal, or null when it is malformed, unknown or revoked (429 past the unknown-key limit). */
  async verify(key: string, address = 'unknown'): Promise<ApiKeyPrincipal | null> {
    const prefix = apiKeyPrefix(key);
    if (!prefix) return null;
    const now = Date.now();
    // The hot path: a key verified in the last 30 s, found by its hash (the map never holds a usable secret).
    const digest = hashApiKey(key);
    const verified = this.verified.get(digest);
    if (verified && verified.expiresAt > now) {
      this.touch(verified.principal.id, now);
      return verified.principal;
    }
    let cached = this.records.get(prefix);
    if (!cached || cached.expiresAt <= now) {
      let known = await this.known.has(prefix, now);
      if (!known) {
        const retryAfter = this.failedLookups.record(address, now);
        if (retryAfter > 0) {
          known = await this.known.hasAfterReload(prefix, THROTTLED_RELOAD_MS);
          if (!known) throw tooManyUnknownKeys(retryAfter);
        }
      }
      const record = await this.lookup(prefix);
      if (!known && record) this.known.add(prefix);
      cached = { record, expiresAt: now + KEY_CACHE_MS };
      // Unknown and revoked prefixes are kept too (briefly, like the rest), so repeating one costs nothing.
      if (this.records.size >= MAX_CACHED) this.records.clear();
      this.records.set(prefix, cached);
    }
    if (!cached.record || !apiKeyMatches(key, cached.record.keyHash)) return null;
    if (this.verified.size >= MAX_CACHED) this.verified.clear();
    this.verified.set(digest, { principal: cached.record.principal, expiresAt: cached.expiresAt });
    this.touch(cached.record.principal.id, now);
    return cached.record.principal;
  }

  private async lookup(prefix: string): Promise<Cached['record']> {
    const record = await this.keys.findByPrefix(prefix);
    if (!record || record.revokedAt) return null;
    return {
      keyHash: record.keyHash,
      principal: {
        id: record.id,
        prefix: record.prefix,
        scopes: record.scopes,
        rateLimitPerMinute: record.rateLimitPerMinute,
      },
    };
  }

  private touch(id: string, now: number): void {
    if ((this.touched.get(id) ?? 0) > now - TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    this.keys
      .touch(id)
      .catch((error: Error) => this.logger.warn(`could not record use of key ${id}: ${error.message}`));
  }
}

/** A 429 carrying its Retry-After (the guard and the middlewares copy it to the answer). */
function tooManyUnknownKeys(retryAfter: number): HttpException {
  const error = new HttpException(
    `too many unknown API keys from this address; retry in ${retryAfter} s`,
    HttpStatus.TOO_MANY_REQUESTS,
  );
  return Object.assign(error, { retryAfter });
}
