import { Injectable, Logger } from '@nestjs/common';
import { type ApiScope, ApiKeyRepository, apiKeyMatches, apiKeyPrefix, hashApiKey } from '@labpulse/persistence';
import type { ApiKeyPrincipal } from './api-key-principal';

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

  constructor(private readonly keys: ApiKeyRepository) {}

  /** The principal of an `Authorization: Bearer <key>` header, or null without a usable key. */
  async authenticate(authorization: string | undefined): Promise<ApiKeyPrincipal | null> {
    const key = bearerToken(authorization);
    return key === null ? null : this.verify(key);
  }

  /** The key's principal, or null when it is malformed, unknown or revoked. */
  async verify(key: string): Promise<ApiKeyPrincipal | null> {
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
      principal = await this.lookup(key, prefix);
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
