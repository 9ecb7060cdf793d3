import { mean, standardDeviation } from '@labpulse/timeseries';
import { probationaryLength } from './alerts-nab-scorer';

/** The null detector: never flags anything (NAB's normalisation floor, score 0). */
export function nullDetections(rows: number): boolean[] {
  return new Array<boolean>(rows).fill(false);
}

/**
 * A plain fixed-threshold alert, the way volume alerts are usually configured by hand:
 * the threshold is fixed once from the probationary period (mean + k sd of the rolling
 * window sums, the only data a scorer-compliant detector may learn from), and an alert
 * fires whenever the rolling sum crosses above it, re-arming when it falls back below.
 */
export function fixedThresholdDetections(
  values: readonly number[],
  windowRows: number,
  k = 3,
  probationPercent = 0.15,
): boolean[] {
  const sums: number[] = [];
  let running = 0;
  for (let i = 0; i < values.length; i++) {
    running += values[i];
    if (i >= windowRows) running -= values[i - windowRows];
    sums.push(running);
  }
  const probation = probationaryLength(values.length, probationPercent);
  const training = sums.slice(windowRows - 1, Math.max(windowRows, probation));
  const threshold = mean(training) + k * standardDeviation(training);
  const out = new Array<boolean>(values.length).fill(false);
  let above = true; // no alert on the first row even if it starts above
  for (let i = 0; i < sums.length; i++) {
    const now = sums[i] > threshold;
    if (now && !above) out[i] = true;
    above = now;
  }
  return out;
}
