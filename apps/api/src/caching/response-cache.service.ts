import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import type { Representation } from './representation';

export interface Rendered {
  representation: Representation;
  /** How long it may be served again; 0 = not at all. */
  ttlMs: number;
}

interface Entry {
  representation: Representation;
  expiresAt: number;
}

// Bounded so a client sweeping many distinct queries cannot grow the heap without limit.
const MAX_ENTRIES = 500;

/**
 * Per-replica cache of rendered answers, keyed by the normalised query. Concurrent misses for one
 * key share a single computation, so a dashboard burst costs one database round trip.
 */
@Injectable()
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Rendered>>();
  readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.api.cacheSeconds > 0;
  }

  async get(key: string, render: () => Promise<Rendered>): Promise<Representation> {
    if (!this.enabled) return (await render()).representation;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.representation;
    }
    if (hit) this.entries.delete(key);
    let flight = this.pending.get(key);
    if (!flight) {
      flight = render().finally(() => this.pending.delete(key));
      this.pending.set(key, flight);
      const rendered = await flight;
      this.store(key, rendered);
      return rendered.representation;
    }
    return (await flight).representation;
  }

  private store(key: string, rendered: Rendered): void {
    if (rendered.ttlMs <= 0) return;
    this.entries.set(key, { representation: rendered.representation, expiresAt: Date.now() + rendered.ttlMs });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
