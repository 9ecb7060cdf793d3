/** A cached value and what it costs to hold. */
interface Entry<T> {
  value: T;
  bytes: number;
  expiresAt: number;
}

/**
 * Values by key, bounded in bytes (least recently used out first) and in age. `load` fetches the
 * keys not held in one call and shares it with concurrent callers that miss the same keys, so a
 * burst of queries over the same blocks costs one read. Only values the loader marks as keepable
 * are stored; the others serve the callers of that load only.
 */
export class BlockCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly pending = new Map<string, Promise<T>>();
  private heldBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly ttlMs: number,
    private readonly bytesOf: (value: T) => number,
  ) {}

  get bytes(): number {
    return this.heldBytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The value of every key, in order. `loader` receives the keys nobody holds or is loading and
   * must return a value for each, with `keep` telling whether it may be stored.
   */
  async load(
    keys: readonly string[],
    loader: (missing: string[]) => Promise<Map<string, { value: T; keep: boolean }>>,
  ): Promise<T[]> {
    const now = Date.now();
    const out = new Array<T | Promise<T>>(keys.length);
    const missing: string[] = [];
    const missingAt: number[] = [];
    keys.forEach((key, i) => {
      const hit = this.entries.get(key);
      if (hit && hit.expiresAt > now) {
        // Re-insert: Map order doubles as least-recently-used order.
        this.entries.delete(key);
        this.entries.set(key, hit);
        out[i] = hit.value;
        return;
      }
      if (hit) this.drop(key);
      const flight = this.pending.get(key);
      if (flight) out[i] = flight;
      else {
        missing.push(key);
        missingAt.push(i);
      }
    });
    if (missing.length > 0) {
      const batch = loader(missing);
      missing.forEach((key, j) => {
        const flight = batch.then((loaded) => {
          const got = loaded.get(key);
          if (!got) throw new Error(`block loader returned no value for ${key}`);
          if (got.keep) this.store(key, got.value);
          return got.value;
        });
        const shared = flight.finally(() => this.pending.delete(key));
        // Callers that never await a failed flight must not see an unhandled rejection.
        shared.catch(() => undefined);
        this.pending.set(key, shared);
        out[missingAt[j]] = shared;
      });
    }
    return Promise.all(out);
  }

  private store(key: string, value: T): void {
    const bytes = this.bytesOf(value);
    if (this.maxBytes <= 0 || this.ttlMs <= 0 || bytes > this.maxBytes) return;
    this.drop(key);
    this.entries.set(key, { value, bytes, expiresAt: Date.now() + this.ttlMs });
    this.heldBytes += bytes;
    while (this.heldBytes > this.maxBytes) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }

  /** Drops every expired entry, so their memory can be collected even if nobody asks again. */
  sweep(now = Date.now()): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.drop(key);
  }
}
