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

/** A request whose answer the replay middleware may send again, and the route it matched. */
export interface Replay {
  requestKey: string;
  route: string;
}

/** A fresh cached answer to a replayed request. */
export interface ReplayHit {
  representation: Representation;
  route: string;
}

// Bounded so a client sweeping many distinct queries cannot grow the heap without limit.
const MAX_ENTRIES = 500;
// Several spellings (parameter order, Accept values) may lead to one entry.
const MAX_REPLAYS = 2_000;

/**
 * Per-replica cache of rendered answers, keyed by the normalised query. Concurrent misses for one
 * key share a single computation, so a dashboard burst costs one database round trip.
 */
@Injectable()
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Rendered>>();
  private readonly replays = new Map<string, { key: string; route: string }>();
  readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.enabled = config.api.cacheSeconds > 0;
  }

  /**
   * The cached answer for `key`, rendered on a miss. With `replay`, a request that passed the
   * full pipeline (validation, key, scope) is remembered, so the same request can be answered
   * from this entry by the replay middleware while the entry is fresh.
   */
  async get(key: string, render: () => Promise<Rendered>, replay?: Replay): Promise<Representation> {
    if (!this.enabled) return (await render()).representation;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.remember(key, replay);
      return hit.representation;
    }
    if (hit) this.entries.delete(key);
    let flight = this.pending.get(key);
    if (!flight) {
      flight = render().finally(() => this.pending.delete(key));
      this.pending.set(key, flight);
      const rendered = await flight;
      if (this.store(key, rendered)) this.remember(key, replay);
      return rendered.representation;
    }
    return (await flight).representation;
  }

  /** The fresh answer to a request remembered by `get`, if any. */
  replayFor(requestKey: string): ReplayHit | undefined {
    const replay = this.replays.get(requestKey);
    if (!replay) return undefined;
    const entry = this.entries.get(replay.key);
    if (!entry || entry.expiresAt <= Date.now()) {
      this.replays.delete(requestKey);
      return undefined;
    }
    return { representation: entry.representation, route: replay.route };
  }

  private remember(key: string, replay: Replay | undefined): void {
    if (!replay) return;
    if (this.replays.size >= MAX_REPLAYS) this.replays.clear();
    this.replays.set(replay.requestKey, { key, route: replay.route });
  }

  private store(key: string, rendered: Rendered): boolean {
    if (rendered.ttlMs <= 0) return false;
    this.entries.set(key, { representation: rendered.representation, expiresAt: Date.now() + rendered.ttlMs });
    while (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return true;
  }
}
