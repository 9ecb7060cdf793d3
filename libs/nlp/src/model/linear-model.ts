import type { FeatureVector } from '../features/feature-vector';

/**
 * A multinomial logistic-regression model over hashed features. Weights are interleaved by class
 * (`weights[feature * classes + k]`) so one feature's class weights share a cache line.
 */
export class LinearModel {
  constructor(
    readonly bits: number,
    readonly classes: number,
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {
    if (weights.length !== (1 << bits) * classes) throw new Error(`weights must have ${(1 << bits) * classes} entries`);
    if (bias.length !== classes) throw new Error(`bias must have ${classes} entries`);
  }

  /** Softmax probabilities into `out` (length >= classes); returns `out`. */
  predict(fv: FeatureVector, out: Float64Array): Float64Array {
    return softmaxInPlace(this.logits(fv, out), this.classes);
  }

  /** Raw scores (bias + weights . features) into `out`; returns `out`. */
  logits(fv: FeatureVector, out: Float64Array): Float64Array {
    const k = this.classes;
    const w = this.weights;
    for (let c = 0; c < k; c++) out[c] = this.bias[c];
    for (let i = 0; i < fv.length; i++) {
      const base = fv.idx[i] * k;
      const v = fv.val[i];
      for (let c = 0; c < k; c++) out[c] += w[base + c] * v;
    }
    return out;
  }

  /** The model whose logits are this one's plus `other`'s (a correction folded in: one dot product, not two). */
  plus(other: LinearModel): LinearModel {
    if (other.bits !== this.bits || other.classes !== this.classes) throw new Error('models differ in shape');
    // A plain loop: Float32Array.from with a map function goes through the iterator protocol and
    // boxes each of the 1.5M values, ~60 MB of garbage that raised every worker's peak memory.
    const weights = new Float32Array(this.weights.length);
    for (let i = 0; i < weights.length; i++) weights[i] = this.weights[i] + other.weights[i];
    return new LinearModel(
      this.bits,
      this.classes,
      weights,
      Float32Array.from(this.bias, (b, c) => b + other.bias[c]),
    );
  }
}

export function softmaxInPlace(out: Float64Array, k: number): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < k; c++) if (out[c] > max) max = out[c];
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp(out[c] - max);
    sum += out[c];
  }
  for (let c = 0; c < k; c++) out[c] /= sum;
  return out;
}
