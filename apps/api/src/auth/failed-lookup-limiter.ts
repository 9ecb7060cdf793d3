const WINDOW_MS = 60_000;
// Addresses tracked per window; past it every new address shares one count, so the map stays small.
const MAX_ADDRESSES = 10_000;
const OVERFLOW = '(other addresses)';

/**
 * Counts, per client address and fixed one-minute window, the unknown API keys it presents, so a
 * caller guessing keys is slowed to AUTH_FAILURES_PER_MINUTE. Per replica, in memory: a brake, not
 * a quota. The address is the TCP peer's: behind a proxy, every client shares the proxy's.
 */
export class FailedLookupLimiter {
  private windowStart = 0;
  private readonly failures = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** Counts an unknown key from `address`: 0 within the limit, else the seconds until the window ends. */
  record(address: string, now = Date.now()): number {
    this.roll(now);
    const slot = this.slot(address);
    const count = (this.failures.get(slot) ?? 0) + 1;
    this.failures.set(slot, count);
    return count <= this.perMinute ? 0 : Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
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
