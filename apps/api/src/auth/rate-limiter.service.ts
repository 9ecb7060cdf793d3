import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;

// Fixed window per key, started by the key's first request: INCR, and set the expiry when the
// counter is new. Atomic in Redis, so every API replica shares one count per key.
const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** Per-key request budget counted in Redis. */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  readonly defaultLimit: number;
  private lastWarning = 0;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // Fail fast rather than queue: a request must not wait on a Redis that is away. Auto-pipelining
    // sends the counts of requests arriving in the same tick in one write (one syscall, not one each).
    this.redis = new Redis(config.redis.url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      commandTimeout: 1_000,
      lazyConnect: false,
      enableAutoPipelining: true,
    });
    this.redis.on('error', () => undefined); // reported below, per request, throttled
    this.redis.defineCommand('labpulseRateLimit', { numberOfKeys: 1, lua: SCRIPT });
    // Same namespace as the queues (QUEUE_PREFIX), so one Redis can serve several deployments.
    this.keyPrefix = `{${config.queue.prefix}}:ratelimit:`;
    this.defaultLimit = config.api.rateLimitPerMinute;
  }

  async consume(keyId: string, limit: number): Promise<RateLimitDecision> {
    try {
      const [count, ttl] = (await (this.redis as Redis & { labpulseRateLimit(key: string, windowMs: number): Promise<[number, number]> }).labpulseRateLimit(
        `${this.keyPrefix}${keyId}`,
        WINDOW_MS,
      )) as [number, number];
      return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (error) {
      // Fail open: the read API stays up without Redis; /ready reports Redis as down meanwhile.
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limiting skipped, Redis unavailable: ${(error as Error).message}`);
      }
      return { allowed: true, limit, remaining: limit, resetSeconds: WINDOW_MS / 1000 };
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
