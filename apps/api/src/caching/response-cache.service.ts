import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import type { Representation } from './representation';

export interface Rendered {
  representation: Representation;
  /** How long it may be served again; 0 = not at all. */
  ttlMs: number;
}

interface Entry {
  representation: Representation;
  /** What the entry may hold: see entryBytes. */
  bytes: number;
  expiresAt: number;
  /** From then on a hit also starts a render in the background (refresh-ahead). */
  refreshAt: number;
  render: () => Promise<Rendered>;
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

// Besides the byte budget (API_CACHE_MAX_BYTES): many tiny answers still cost map slots.
const MAX_ENTRIES = 500;
// Several spellings (parameter order, Accept values) may lead to one entry.
const MAX_REPLAYS = 2_000;
// Share of an entry's life after which a hit renders its successor in the background.
const REFRESH_AFTER = 0.8;
// How often expired entries are dropped, used or not, so their bodies can be collected.
const SWEEP_EVERY_MS = 5_000;
// Key, headers and bookkeeping of an entry, beyond its bodies.
const ENTRY_OVERHEAD_BYTES = 1_024;

/**
 * The bytes an entry may come to hold: its body, and a gzip copy that sendRepresentation adds on
 * first use (never more than the body plus a few bytes of framing), so it is charged up front.
 */
export function entryBytes(rep: Representation): number {
  return 2 * rep.body.length + 64 + ENTRY_OVERHEAD_BYTES;
}

/**
 * Per-replica cache of rendered answers, keyed by the normalised query. Bounded in bytes
 * (API_CACHE_MAX_BYTES, least recently used out first); an answer larger than
 * API_CACHE_ENTRY_MAX_BYTES is sent but not kept, and expired entries are dropped every few seconds. Concurrent misses for one
 * key share a single computation, so a dashboard burst costs one database round trip. An answer
 * still in demand near the end of its life is rendered again in the background while the current
 * one is served (refresh-ahead), so a busy query never waits for its render and no answer is
 * served past its time.
 */
@Injectable()
export class ResponseCache implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Rendered>>();
  private readonly replays = new Map<string, { key: string; route: string }>();
  private readonly maxBytes: number;
  private readonly entryMaxBytes: number;
  private readonly sweeper: NodeJS.Timeout | null;
  private heldBytes = 0;
  readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.maxBytes = config.api.cacheMaxBytes;
    this.entryMaxBytes = config.api.cacheEntryMaxBytes;
    this.enabled = config.api.cacheSeconds > 0 && this.maxBytes > 0;
    this.sweeper = this.enabled ? setInterval(() => this.sweep(Date.now()), SWEEP_EVERY_MS).unref() : null;
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  /** Bytes the stored entries may hold (see entryBytes); never above API_CACHE_MAX_BYTES. */
  get bytes(): number {
    return this.heldBytes;
  }

  get size(): number {
    return this.entries.size;
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
      this.refreshIfDue(key, hit, now);
      return hit.representation;
    }
    if (hit) this.drop(key);
    let flight = this.pending.get(key);
    if (!flight) {
      flight = render().finally(() => this.pending.delete(key));
      this.pending.set(key, flight);
      const rendered = await flight;
      if (this.store(key, rendered, render)) this.remember(key, replay);
      return rendered.representation;
    }
    return (await flight).representation;
  }

  /** The fresh answer to a request remembered by `get`, if any. */
  replayFor(requestKey: string): ReplayHit | undefined {
    const replay = this.replays.get(requestKey);
    if (!replay) return undefined;
    const entry = this.entries.get(replay.key);
    const now = Date.now();
    if (!entry || entry.expiresAt <= now) {
      if (entry) this.drop(replay.key);
      this.replays.delete(requestKey);
      return undefined;
    }
    this.refreshIfDue(replay.key, entry, now);
    return { representation: entry.representation, route: replay.route };
  }

  private remember(key: string, replay: Replay | undefined): void {
    if (!replay) return;
    if (this.replays.size >= MAX_REPLAYS) this.replays.clear();
    this.replays.set(replay.requestKey, { key, route: replay.route });
  }

  /** Starts the entry's next render once it is due; failures keep the current answer until it expires. */
  private refreshIfDue(key: string, entry: Entry, now: number): void {
    if (now < entry.refreshAt || this.pending.has(key)) return;
    const flight = entry.render().finally(() => this.pending.delete(key));
    this.pending.set(key, flight);
    flight.then(
      (rendered) => this.store(key, rendered, entry.render),
      () => undefined,
    );
  }

  private store(key: string, rendered: Rendered, render: () => Promise<Rendered>): boolean {
    const bytes = entryBytes(rendered.representation);
    if (rendered.ttlMs <= 0 || rendered.representation.body.length > this.entryMaxBytes || bytes > this.maxBytes) {
      this.drop(key);
      return false;
    }
    const now = Date.now();
    this.drop(key);
    this.entries.set(key, {
      representation: rendered.representation,
      bytes,
      expiresAt: now + rendered.ttlMs,
      refreshAt: now + rendered.ttlMs * REFRESH_AFTER,
      render,
    });
    this.heldBytes += bytes;
    if (this.heldBytes > this.maxBytes) this.sweep(now);
    // Least recently used first (Map order), until both bounds hold.
    while (this.heldBytes > this.maxBytes || this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    return true;
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.heldBytes -= entry.bytes;
  }

  /** Drops every expired entry, and the replays that pointed at them. */
  private sweep(now: number): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.drop(key);
    for (const [requestKey, replay] of this.replays) if (!this.entries.has(replay.key)) this.replays.delete(requestKey);
  }
}
