import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { type BucketWidth, TrendCoverageRepository, TrendRepository } from '@labpulse/persistence';
import { SETTLE_MS } from '../caching/freshness';
import { BlockCache } from './block-cache';
import { STRIDE, type TrendMatrix, writeCounts } from './trend-matrix';

/** Stored buckets per block: 2 hours of 5-minute rows, a day of hour rows, 24 days of day rows. */
export const BLOCK_BUCKETS = 24;
const WIDTH_MS: Record<BucketWidth, number> = { '5m': 300_000, hour: 3_600_000, day: 86_400_000 };
/** How long a block of `width` buckets lasts; blocks start at multiples of it since the epoch. */
const blockMs = (width: BucketWidth) => WIDTH_MS[width] * BLOCK_BUCKETS;
// Key, map slot and array header of a block, beyond its numbers.
const BLOCK_OVERHEAD_BYTES = 256;
const SWEEP_EVERY_MS = 5_000;

/** A trend query answered in stored buckets (no regrouping for a time zone). */
export interface StoredBucketQuery {
  width: BucketWidth;
  /** Empty means every platform. */
  platforms: string[];
  byPlatform: boolean;
  withCoverage: boolean;
}

interface Loaded<T> {
  value: T;
  keep: boolean;
}

/**
 * Fills trend answers in stored buckets from blocks of `BLOCK_BUCKETS` rollup buckets per lab and
 * platform selection (and per platform selection for coverage), read from Postgres once and kept
 * for API_CACHE_SECONDS once closed (ended SETTLE_MS ago, as closed answers are), within
 * API_BLOCK_CACHE_MAX_BYTES. An analyst who changes a lab set, a period or a filter asks a new
 * question over the same blocks: only the blocks nobody read yet, and open ones, are read.
 */
@Injectable()
export class TrendBlocks implements OnModuleDestroy {
  private readonly counts: BlockCache<Float64Array>;
  private readonly coverage: BlockCache<Int32Array>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly rollups: TrendRepository,
    private readonly coverageRows: TrendCoverageRepository,
  ) {
    const ttlMs = config.api.cacheSeconds * 1000;
    // Counts get seven parts of the budget, coverage (one block per platform selection, not per lab) one.
    const budget = config.api.blockCacheMaxBytes;
    const bytes = (block: ArrayBufferView) => block.byteLength + BLOCK_OVERHEAD_BYTES;
    this.counts = new BlockCache<Float64Array>(Math.floor((budget * 7) / 8), ttlMs, bytes);
    this.coverage = new BlockCache<Int32Array>(Math.floor(budget / 8), ttlMs, bytes);
    this.sweeper = setInterval(() => {
      this.counts.sweep();
      this.coverage.sweep();
    }, SWEEP_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Bytes held by both caches (never above API_BLOCK_CACHE_MAX_BYTES). */
  get bytes(): number {
    return this.counts.bytes + this.coverage.bytes;
  }

  /** Fills a zero matrix whose starts are consecutive stored buckets of `q.width`. */
  async fill(matrix: TrendMatrix, q: StoredBucketQuery): Promise<void> {
    const n = matrix.starts.length;
    if (n === 0) return;
    const span = blockMs(q.width);
    const first = Math.floor(matrix.starts[0] / span) * span;
    const blockStarts: number[] = [];
    for (let b = first; b <= matrix.starts[n - 1]; b += span) blockStarts.push(b);
    const selection = q.platforms.length > 0 ? [...q.platforms].sort().join('+') : '*';
    // A per-platform series depends on its platform only; a summed one on the platforms summed.
    const groupKey = (platform: string) => (q.byPlatform ? platform : selection);
    const countKeys = matrix.series.flatMap((s) =>
      blockStarts.map((b) => `${q.width}|${s.lab}|${groupKey(s.platform)}|${b}`),
    );
    const coverageKeys = q.withCoverage
      ? matrix.coverage.flatMap((c) => blockStarts.map((b) => `${q.width}|${groupKey(c.platform)}|${b}`))
      : [];
    const [countBlocks, coverageBlocks] = await Promise.all([
      this.counts.load(countKeys, (missing) => this.loadCounts(q, selection, missing)),
      this.coverage.load(coverageKeys, (missing) => this.loadCoverage(q, selection, missing)),
    ]);
    const nb = blockStarts.length;
    const bucketMs = WIDTH_MS[q.width];
    for (let i = 0; i < n; i += 1) {
      const at = matrix.starts[i] - first;
      const b = Math.floor(at / span);
      const slot = (at - b * span) / bucketMs;
      matrix.series.forEach((s, si) => {
        const block = countBlocks[si * nb + b];
        for (let k = 0; k < STRIDE; k += 1) s.counts[i * STRIDE + k] = block[slot * STRIDE + k];
      });
      if (q.withCoverage) {
        matrix.coverage.forEach((c, ci) => {
          const block = coverageBlocks[ci * nb + b];
          c.sources[i] = block[slot * 2];
          c.healthy[i] = block[slot * 2 + 1];
        });
      }
    }
  }

  /** One read for every missing block: the labs concerned, over the span from the first to the last. */
  private async loadCounts(
    q: StoredBucketQuery,
    selection: string,
    missing: string[],
  ): Promise<Map<string, Loaded<Float64Array>>> {
    const parsed = missing.map((key) => key.split('|'));
    const labs = [...new Set(parsed.map((p) => p[1]))];
    const [from, to] = this.span(
      q.width,
      parsed.map((p) => Number(p[3])),
    );
    const rows = await this.rollups.query({
      labs,
      width: q.width,
      from: new Date(from),
      to: new Date(to),
      platforms: q.platforms,
      byPlatform: q.byPlatform,
    });
    const blocks = this.emptyBlocks(missing, () => new Float64Array(BLOCK_BUCKETS * STRIDE));
    const span = blockMs(q.width);
    // Rows come sorted by lab, platform and bucket: look a block up only when the row leaves the last one.
    let key = '';
    let blockStart = Number.NaN;
    let block: Float64Array | undefined;
    for (const row of rows) {
      const at = row.bucketStart.getTime();
      const rowKey = `${row.lab}|${q.byPlatform ? row.platform : selection}`;
      if (rowKey !== key || at < blockStart || at >= blockStart + span) {
        key = rowKey;
        blockStart = Math.floor(at / span) * span;
        block = blocks.get(`${q.width}|${rowKey}|${blockStart}`)?.value;
      }
      // No block: one held already, read again because it lay in the span.
      if (block) writeCounts(block, ((at - blockStart) / WIDTH_MS[q.width]) * STRIDE, row);
    }
    return blocks;
  }

  private async loadCoverage(
    q: StoredBucketQuery,
    selection: string,
    missing: string[],
  ): Promise<Map<string, Loaded<Int32Array>>> {
    const [from, to] = this.span(
      q.width,
      missing.map((key) => Number(key.split('|')[2])),
    );
    const rows = await this.coverageRows.coverage({
      width: q.width,
      from: new Date(from),
      to: new Date(to),
      platforms: q.platforms,
      byPlatform: q.byPlatform,
    });
    const blocks = this.emptyBlocks(missing, () => new Int32Array(BLOCK_BUCKETS * 2));
    const span = blockMs(q.width);
    for (const row of rows) {
      const at = row.bucketStart.getTime();
      const b = Math.floor(at / span) * span;
      const block = blocks.get(`${q.width}|${q.byPlatform ? row.platform : selection}|${b}`)?.value;
      if (!block) continue;
      const o = ((at - b) / WIDTH_MS[q.width]) * 2;
      block[o] = row.sources;
      block[o + 1] = row.healthy;
    }
    return blocks;
  }

  /** [first block start, last block end) of the given block starts. */
  private span(width: BucketWidth, blockStarts: number[]): [number, number] {
    const span = blockMs(width);
    return [Math.min(...blockStarts), Math.max(...blockStarts) + span];
  }

  /** A zero block per key, kept once the block ended SETTLE_MS ago (the block start is the key's last part). */
  private emptyBlocks<T>(keys: string[], make: () => T): Map<string, Loaded<T>> {
    const closedBefore = Date.now() - SETTLE_MS;
    return new Map(
      keys.map((key) => {
        const start = Number(key.slice(key.lastIndexOf('|') + 1));
        const width = key.slice(0, key.indexOf('|')) as BucketWidth;
        return [key, { value: make(), keep: start + blockMs(width) <= closedBefore }];
      }),
    );
  }
}
