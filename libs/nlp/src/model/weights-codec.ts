import { LinearModel } from './linear-model';

/**
 * A linear model as stored in the weights file: only features with a non-zero weight, each as a
 * delta-coded index (LEB128) followed by one signed byte per class. Bytes are square-root companded
 * (value = sign * (q / 127)^2 * max), which keeps small weights distinguishable from zero.
 */
export interface EncodedLinearModel {
  bits: number;
  classes: number;
  /** Largest absolute weight; the byte 127 decodes to it. */
  max: number;
  bias: number[];
  /** Number of stored features. */
  features: number;
  /** Base64 of the packed features. */
  data: string;
}

export function encodeLinearModel(model: LinearModel): EncodedLinearModel {
  const k = model.classes;
  const w = model.weights;
  let max = 0;
  for (let j = 0; j < w.length; j++) max = Math.max(max, Math.abs(w[j]));
  const bytes: number[] = [];
  let last = 0;
  let features = 0;
  const q = new Int8Array(k);
  for (let f = 0; f < 1 << model.bits; f++) {
    let any = false;
    for (let c = 0; c < k; c++) {
      q[c] = quantise(w[f * k + c], max);
      if (q[c] !== 0) any = true;
    }
    if (!any) continue;
    writeVarint(bytes, f - last);
    last = f;
    for (let c = 0; c < k; c++) bytes.push(q[c] & 0xff);
    features++;
  }
  return {
    bits: model.bits,
    classes: k,
    max: round6(max),
    bias: Array.from(model.bias, round6),
    features,
    data: Buffer.from(bytes).toString('base64'),
  };
}

export function decodeLinearModel(enc: EncodedLinearModel): LinearModel {
  const k = enc.classes;
  const weights = new Float32Array((1 << enc.bits) * k);
  const bytes = Buffer.from(enc.data, 'base64');
  let pos = 0;
  let f = 0;
  for (let n = 0; n < enc.features; n++) {
    let delta = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      delta += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
    }
    f += delta;
    for (let c = 0; c < k; c++) {
      const s = (bytes[pos++] << 24) >> 24;
      weights[f * k + c] = Math.sign(s) * (s / 127) ** 2 * enc.max;
    }
  }
  if (pos !== bytes.length) throw new Error('weights data is corrupt (length mismatch)');
  return new LinearModel(enc.bits, k, weights, Float32Array.from(enc.bias));
}

/** What `decodeLinearModel(encodeLinearModel(m))` gives back: training reports use the shipped precision. */
export function quantiseModel(model: LinearModel): LinearModel {
  return decodeLinearModel(encodeLinearModel(model));
}

function quantise(w: number, max: number): number {
  if (max === 0 || w === 0) return 0;
  return Math.sign(w) * Math.min(127, Math.round(Math.sqrt(Math.abs(w) / max) * 127));
}

function writeVarint(out: number[], v: number): void {
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
