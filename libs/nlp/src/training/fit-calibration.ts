import { calibrate, type ClassCalibration } from '../model/calibration';

/** One out-of-fold prediction: the model's probabilities and the gold class. */
export interface Prediction {
  probs: number[];
  gold: number;
}

const TEMPERATURES = range(0.4, 3, 0.05);
const BIASES = range(-1.5, 1.5, 0.05);

/**
 * The temperature that minimises log-loss, then the log-prior offsets of the two polar classes
 * (neutral fixed at 0) that maximise macro-F1 at that temperature. Grid search: deterministic.
 */
export function fitCalibration(predictions: readonly Prediction[]): ClassCalibration {
  let temperature = 1;
  let bestLoss = Infinity;
  for (const t of TEMPERATURES) {
    let loss = 0;
    for (const p of predictions)
      loss -= Math.log(Math.max(calibrate([...p.probs], { temperature: t, bias: [0, 0, 0] })[p.gold], 1e-12));
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      temperature = t;
    }
  }
  const tempered = predictions.map((p) =>
    calibrate([...p.probs], { temperature, bias: [0, 0, 0] }).map((x) => Math.log(Math.max(x, 1e-12))),
  );
  let bias = [0, 0, 0];
  let bestF1 = macroF1Of(tempered, predictions, bias);
  for (const b0 of BIASES) {
    for (const b2 of BIASES) {
      const f1 = macroF1Of(tempered, predictions, [b0, 0, b2]);
      // Ties go to the smaller shift, so an offset is kept only when it buys something.
      if (
        f1 > bestF1 + 1e-9 ||
        (Math.abs(f1 - bestF1) <= 1e-9 && Math.abs(b0) + Math.abs(b2) < Math.abs(bias[0]) + Math.abs(bias[2]))
      ) {
        bestF1 = f1;
        bias = [b0, 0, b2];
      }
    }
  }
  return { temperature: round3(temperature), bias: bias.map(round3) };
}

function macroF1Of(logits: readonly number[][], predictions: readonly Prediction[], bias: readonly number[]): number {
  const tp = [0, 0, 0];
  const predicted = [0, 0, 0];
  const actual = [0, 0, 0];
  logits.forEach((l, i) => {
    let best = 0;
    for (let c = 1; c < 3; c++) if (l[c] + bias[c] > l[best] + bias[best]) best = c;
    predicted[best]++;
    actual[predictions[i].gold]++;
    if (best === predictions[i].gold) tp[best]++;
  });
  let sum = 0;
  for (let c = 0; c < 3; c++) {
    const p = predicted[c] ? tp[c] / predicted[c] : 0;
    const r = actual[c] ? tp[c] / actual[c] : 0;
    sum += p + r ? (2 * p * r) / (p + r) : 0;
  }
  return sum / 3;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = 0; from + i * step <= to + 1e-9; i++) out.push(round3(from + i * step));
  return out;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
