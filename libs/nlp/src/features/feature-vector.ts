import { charCode } from '../text/char-code';

const FNV_PRIME = 0x01000193;
export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a over UTF-16 code units, continuing from `h`; unsigned 32-bit. */
export function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= charCode(s, i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** One more code unit into an FNV-1a hash. */
export function fnvCode(h: number, code: number): number {
  return Math.imul(h ^ code, FNV_PRIME) >>> 0;
}

/** A seed per feature family, so "u|good" and "b|good" land in different buckets. */
export function seed(prefix: string): number {
  return fnv(FNV_OFFSET, prefix);
}

/**
 * Sparse hashed features, reused across texts to avoid allocation in the hot loop. Indices are
 * already masked to the model's hash space; duplicates simply add up in the dot product.
 */
export class FeatureVector {
  idx: Int32Array;
  val: Float32Array;
  length = 0;
  readonly mask: number;

  constructor(bits: number, capacity = 1024) {
    this.mask = (1 << bits) - 1;
    this.idx = new Int32Array(capacity);
    this.val = new Float32Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  add(hash: number, value = 1): void {
    if (this.length === this.idx.length) this.grow();
    this.idx[this.length] = hash & this.mask;
    this.val[this.length] = value;
    this.length++;
  }

  /** A copy sized to its content, for training sets held in memory. */
  snapshot(): { idx: Int32Array; val: Float32Array } {
    return { idx: this.idx.slice(0, this.length), val: this.val.slice(0, this.length) };
  }

  private grow(): void {
    const idx = new Int32Array(this.idx.length * 2);
    const val = new Float32Array(this.val.length * 2);
    idx.set(this.idx);
    val.set(this.val);
    this.idx = idx;
    this.val = val;
  }
}
