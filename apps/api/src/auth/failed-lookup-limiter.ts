const WINDOW_MS = 60_000;
// Addresses tracked per window; past it every new address shares one count, so the map stays small.
const MAX_ADDRESSES = 10_000;
const OVERFLOW = '(other addresses)';

/**
 * Counts, per client address and fixed one-minute window, the API keys that cost a database
 * lookup and turned out unknown. Random well-formed keys each miss the key cache; without this,
 * 2,000 of them cost 2,000 Postgres round trips. Per replica, in memory: a rough brake, not a quota.
 * The address is the TCP peer's: behind a proxy, every client shares the proxy's.
 */
export class FailedLookupLimiter {
  private windowStart = 0;
  private readonly failures = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Whether `address` has used up its unknown keys for this window (seconds until it may try again, else 0). */
  retryAfter(address: string, now = Date.now()): number {
    this.roll(now);
    if ((this.failures.get(this.slot(address)) ?? 0) < this.perMinute) return 0;
    return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
  }

  record(address: string, now = Date.now()): void {
    this.roll(now);
    const slot = this.slot(address);
    this.failures.set(slot, (this.failures.get(slot) ?? 0) + 1);
  }

  private slot(address: string): string {
    return this.failures.has(address) || this.failures.size < MAX_ADDRESSES ? address : OVERFLOW;
  }

  private roll(now: number): void {
    if (now - this.windowStart < WINDOW_MS) return;
    this.windowStart = now;
    this.failures.clear();
  }
}
