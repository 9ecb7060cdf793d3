/**
 * How a model's probabilities become the shipped decision: a temperature (chosen for log-loss, so
 * `confidence` means what it says) and per-class log-prior offsets (chosen for macro-F1, so no class
 * is starved). Both are fitted on out-of-fold predictions of the training data, never on dev.
 */
export interface ClassCalibration {
  temperature: number;
  /** Added to each class's log-probability: [negative/against, neutral, positive/favor]. */
  bias: number[];
}

export const IDENTITY_CALIBRATION: ClassCalibration = { temperature: 1, bias: [0, 0, 0] };

/** In place: p[c] proportional to p[c]^(1/T) * e^bias[c]. Returns `p`. */
export function calibrate(p: number[], cal: ClassCalibration): number[] {
  if (cal.temperature === 1 && cal.bias.every((b) => b === 0)) return p;
  let max = -Infinity;
  for (let c = 0; c < p.length; c++) {
    p[c] = Math.log(Math.max(p[c], 1e-12)) / cal.temperature + cal.bias[c];
    if (p[c] > max) max = p[c];
  }
  let sum = 0;
  for (let c = 0; c < p.length; c++) {
    p[c] = Math.exp(p[c] - max);
    sum += p[c];
  }
  for (let c = 0; c < p.length; c++) p[c] /= sum;
  return p;
}
