import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Cluster, Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { createRedisClient } from '@labpulse/queue';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;
// A replica reserves at most this many requests at once, and at most 1/LEASE_FRACTION of what is
// left in the window, so leases shrink to one request as a key nears its limit.
const MAX_LEASE = 100;
const LEASE_FRACTION = 16;
const MAX_KEYS = 10_000;

// Fixed window per key, started by the key's first request, counted in Redis so every replica
// shares it. A replica reserves a lease of requests (never past the limit) and spends it locally.
// Returns {granted, reserved so far in the window, ms left in the window}.
const RESERVE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[2])
local grant = math.min(tonumber(ARGV[3]), math.max(1, math.floor((limit - used) / tonumber(ARGV[4]))), limit - used)
if grant > 0 then used = redis.call('INCRBY', KEYS[1], grant) else grant = 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {grant, used, ttl}`;

/** What this replica holds of a key's window. */
interface Lease {
  limit: number;
  /** Requests reserved in Redis and not yet spent here. */
  tokens: number;
  /** Requests reserved by every replica in the window, as of this replica's last reservation. */
  reserved: number;
  resetAt: number;
  /** Redis granted nothing: the window's budget is spent until resetAt. */
  exhausted: boolean;
}

type RedisWithReserve = (Redis | Cluster) & {
  labpulseReserve(
    key: string,
    windowMs: number,
    limit: number,
    maxLease: number,
    fraction: number,
  ): Promise<[number, number, number]>;
};

/**
 * Per-key request budget shared by every API replica. Counting each request in Redis cost a round
 * trip per request; instead a replica reserves leases of requests (see RESERVE) and spends them
 * without Redis. No replica can exceed the budget (requests are reserved before they are spent);
 * with one replica the count is exact, and with several a replica can be refused while another
 * still holds an unspent lease, at most 1/16 of what was left when it was taken.
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: RedisWithReserve;
  private readonly keyPrefix: string;
  private readonly leases = new Map<string, Lease>();
  private readonly reserving = new Map<string, Promise<void>>();
  readonly defaultLimit: number;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Fail fast rather than queue: a request must not wait on a Redis that is away.
    this.redis = createRedisClient(config.redis, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 1_000,
      lazyConnect: false,
    }) as RedisWithReserve;
    this.redis.on('error', () => undefined); // reported below, per request, throttled
    this.redis.defineCommand('labpulseReserve', { numberOfKeys: 1, lua: RESERVE });
    // Same namespace as the queues (QUEUE_PREFIX), so one Redis can serve several deployments.
    this.keyPrefix = `{${config.queue.prefix}}:ratelimit:`;
    this.defaultLimit = config.api.rateLimitPerMinute;
  }

  async consume(keyId: string, limit: number): Promise<RateLimitDecision> {
    try {
      for (;;) {
        const now = Date.now();
        const lease = this.current(keyId, limit, now);
        if (lease && lease.tokens > 0) {
          lease.tokens -= 1;
          return decision(true, lease, now);
        }
        if (lease?.exhausted) return decision(false, lease, now);
        await this.reserve(keyId, limit);
      }
    } catch (error) {
      // Fail open: the read API stays up without Redis; /ready reports Redis as down meanwhile.
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limiting skipped, Redis unavailable: ${(error as Error).message}`);
      }
      return { allowed: true, limit, remaining: limit, resetSeconds: WINDOW_MS / 1000 };
    }
  }

  /** The key's lease in the current window, if this replica holds one. */
  private current(keyId: string, limit: number, now: number): Lease | undefined {
    const lease = this.leases.get(keyId);
    if (lease && (lease.resetAt <= now || lease.limit !== limit)) {
      this.leases.delete(keyId);
      return undefined;
    }
    return lease;
  }

  /** One reservation in flight per key; concurrent requests wait for it and then take from it. */
  private reserve(keyId: string, limit: number): Promise<void> {
    let flight = this.reserving.get(keyId);
    if (!flight) {
      flight = this.redis
        .labpulseReserve(`${this.keyPrefix}${keyId}`, WINDOW_MS, limit, MAX_LEASE, LEASE_FRACTION)
        .then(([granted, reserved, ttl]) => {
          const now = Date.now();
          const held = this.current(keyId, limit, now);
          if (!held && this.leases.size >= MAX_KEYS) this.forgetExpired(now);
          this.leases.set(keyId, {
            limit,
            tokens: (held?.tokens ?? 0) + granted,
            reserved,
            resetAt: now + ttl,
            exhausted: granted === 0,
          });
        })
        .finally(() => this.reserving.delete(keyId));
      this.reserving.set(keyId, flight);
    }
    return flight;
  }

  private forgetExpired(now: number): void {
    for (const [keyId, lease] of this.leases) if (lease.resetAt <= now) this.leases.delete(keyId);
    if (this.leases.size >= MAX_KEYS) this.leases.clear();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}

function decision(allowed: boolean, lease: Lease, now: number): RateLimitDecision {
  return {
    allowed,
    limit: lease.limit,
    // What every replica has reserved, less what this one has not spent yet.
    remaining: Math.max(0, lease.limit - (lease.reserved - lease.tokens)),
    resetSeconds: Math.max(1, Math.ceil((lease.resetAt - now) / 1000)),
  };
}
