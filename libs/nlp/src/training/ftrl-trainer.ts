import { LinearModel, softmaxInPlace } from '../model/linear-model';

export interface TrainingExample {
  idx: Int32Array;
  val: Float32Array;
  label: number;
  /** Weight of this example in the loss (default 1). */
  weight?: number;
  /** Logits of a fixed model this one is added to (a residual correction learns only what is left). */
  base?: Float64Array;
}

export interface FtrlOptions {
  bits: number;
  classes: number;
  epochs: number;
  /** FTRL-Proximal learning-rate parameters (McMahan et al. 2013). */
  alpha: number;
  beta: number;
  /** L1 makes rare hashed features exactly zero, which keeps the shipped weights small. */
  l1: number;
  l2: number;
  /** Seed of the example order; the same seed and data give bit-identical weights. */
  seed: number;
  /** Per-class example weights; "balanced" weighs classes by inverse frequency (macro-recall). */
  classWeights?: number[] | 'balanced';
}

/**
 * Multinomial logistic regression trained with per-coordinate FTRL-Proximal. Deterministic: the only
 * randomness is the example order, drawn from a seeded generator.
 */
export function trainFtrl(examples: readonly TrainingExample[], options: FtrlOptions): LinearModel {
  const k = options.classes;
  const size = (1 << options.bits) * k;
  const z = new Float64Array(size);
  const n = new Float64Array(size);
  const bias = new Float64Array(k);
  const biasN = new Float64Array(k);
  const classWeight = resolveClassWeights(examples, options);
  const rand = mulberry32(options.seed);
  const order = examples.map((_, i) => i);
  const probs = new Float64Array(k);
  let wbuf = new Float64Array(1024 * k);
  const { alpha, beta, l1, l2 } = options;

  const weightAt = (j: number): number => {
    const zj = z[j];
    if (Math.abs(zj) <= l1) return 0;
    return -(zj - Math.sign(zj) * l1) / ((beta + Math.sqrt(n[j])) / alpha + l2);
  };

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, rand);
    for (const e of order) {
      const ex = examples[e];
      const len = ex.idx.length;
      if (wbuf.length < len * k) wbuf = new Float64Array(len * k * 2);
      for (let c = 0; c < k; c++) probs[c] = bias[c] + (ex.base ? ex.base[c] : 0);
      for (let i = 0; i < len; i++) {
        const base = ex.idx[i] * k;
        const v = ex.val[i];
        for (let c = 0; c < k; c++) {
          const w = weightAt(base + c);
          wbuf[i * k + c] = w;
          probs[c] += w * v;
        }
      }
      softmaxInPlace(probs, k);
      const cw = classWeight[ex.label] * (ex.weight ?? 1);
      for (let c = 0; c < k; c++) {
        const gc = (probs[c] - (c === ex.label ? 1 : 0)) * cw;
        // Bias: plain adaptive step, no regularisation.
        biasN[c] += gc * gc;
        bias[c] -= (alpha * gc) / (beta + Math.sqrt(biasN[c]));
        for (let i = 0; i < len; i++) {
          const j = ex.idx[i] * k + c;
          const g = gc * ex.val[i];
          const sigma = (Math.sqrt(n[j] + g * g) - Math.sqrt(n[j])) / alpha;
          z[j] += g - sigma * wbuf[i * k + c];
          n[j] += g * g;
        }
      }
    }
  }
  const weights = new Float32Array(size);
  for (let j = 0; j < size; j++) if (n[j] > 0) weights[j] = weightAt(j);
  return new LinearModel(options.bits, k, weights, Float32Array.from(bias));
}

function resolveClassWeights(examples: readonly TrainingExample[], options: FtrlOptions): number[] {
  if (Array.isArray(options.classWeights)) return options.classWeights;
  if (options.classWeights !== 'balanced') return new Array<number>(options.classes).fill(1);
  const counts = new Array<number>(options.classes).fill(0);
  let total = 0;
  for (const e of examples) {
    counts[e.label] += e.weight ?? 1;
    total += e.weight ?? 1;
  }
  return counts.map((c) => (c === 0 ? 0 : total / (options.classes * c)));
}

/** Small, fast, seedable PRNG (public-domain mulberry32); returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(a: number[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
