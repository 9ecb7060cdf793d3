import { randomInt } from 'node:crypto';

/** Twitter's snowflake epoch: (id >> 22) + X_EPOCH_MS is the creation time in ms (docs/platform-apis.md#x-response). */
export const X_EPOCH_MS = 1288834974657;

/**
 * Mints time-ordered 64-bit ids: (ms - epoch) << 22 | worker << 12 | sequence. X uses the Twitter
 * epoch; LinkedIn activity ids use epoch 0 (docs/platform-apis.md#linkedin-post-fields). Ids minted for the same millisecond get
 * increasing sequence numbers; past 4096 the next millisecond is used.
 */
export class SnowflakeMinter {
  private readonly worker = randomInt(0, 1024);
  private readonly sequences = new Map<number, number>();

  constructor(private readonly epochMs: number) {}

  /** A fresh id and the millisecond it encodes (normally `ms`). */
  mint(ms: number): { id: bigint; ms: number } {
    let at = Math.floor(ms);
    let sequence = this.sequences.get(at) ?? 0;
    while (sequence > 4095) {
      at += 1;
      sequence = this.sequences.get(at) ?? 0;
    }
    this.sequences.set(at, sequence + 1);
    const id = (BigInt(at - this.epochMs) << 22n) | (BigInt(this.worker) << 12n) | BigInt(sequence);
    return { id, ms: at };
  }

  /** The smallest id any post created at `ms` can have. */
  floorFor(ms: number): bigint {
    return BigInt(Math.floor(ms) - this.epochMs) << 22n;
  }

  timeOf(id: bigint): number {
    return Number(id >> 22n) + this.epochMs;
  }
}
