/**
 * The prefixes of every active API key, held by each api replica (a few bytes a key) and reloaded
 * when older than `maxAgeMs`. A key of a known prefix is never slowed by the unknown-key limit,
 * whoever shares its client address; one of an unknown prefix is (ApiKeyService).
 */
export class KnownKeyPrefixes {
  private prefixes = new Set<string>();
  private loadedAt = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly load: () => Promise<string[]>,
    private readonly maxAgeMs: number,
  ) {}

  async has(prefix: string, now = Date.now()): Promise<boolean> {
    if (now - this.loadedAt > this.maxAgeMs) await this.reload();
    return this.prefixes.has(prefix);
  }

  /**
   * Whether `prefix` is known after a reload, if the last one is at least `minIntervalMs` old: so a
   * key created a moment ago is found even where unknown keys are refused, at one query a second at most.
   */
  async hasAfterReload(prefix: string, minIntervalMs: number): Promise<boolean> {
    if (Date.now() - this.loadedAt >= minIntervalMs) await this.reload();
    return this.prefixes.has(prefix);
  }

  /** A key created since the last load, found by a lookup of its own. */
  add(prefix: string): void {
    this.prefixes.add(prefix);
  }

  /** One load at a time; callers arriving meanwhile share it. */
  private reload(): Promise<void> {
    this.loading ??= (async () => {
      const started = Date.now();
      try {
        this.prefixes = new Set(await this.load());
        this.loadedAt = started;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }
}
