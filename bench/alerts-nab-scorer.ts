/**
 * A port of NAB's scoring (numenta/NAB `nab/sweeper.py`, `calcSweepScore` +
 * `calcScoreByThreshold` at one threshold, and the normalisation in `nab/runner.py`)
 * for binary detections.
 *
 * - Rows before the probationary length, min(floor(0.15 * rows), 0.15 * 5000), are not scored.
 * - In a window only the best (earliest) detection counts: scaledSigmoid(-(right - i + 1) / width)
 *   * tpWeight / scaledSigmoid(-1), i.e. tpWeight at the left edge, near 0 at the right edge.
 * - A window with no scored detection costs -fnWeight.
 * - Each detection outside every window costs fpWeight * scaledSigmoid(|prevRight - i| / (prevWidth - 1)),
 *   or -fpWeight before the first window.
 * - Normalised: 100 * (raw - null) / (perfect - null), null = no detections, perfect = tpWeight per window.
 */

export interface NabProfile {
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
  readonly probationPercent: number;
}

/** NAB `config/profiles.json`, profile "standard". */
export const NAB_STANDARD_PROFILE: NabProfile = {
  tpWeight: 1.0,
  fpWeight: 0.11,
  fnWeight: 1.0,
  probationPercent: 0.15,
};

export interface NabFileScore {
  /** Raw score (sum of window parts and false-positive costs). */
  readonly raw: number;
  /** Raw score of the null detector on this file. */
  readonly nullScore: number;
  /** Raw score of the perfect detector on this file. */
  readonly perfectScore: number;
  readonly windowsTotal: number;
  readonly windowsHit: number;
  /** Scored detections outside every window. */
  readonly falsePositives: number;
  /** Scored detections inside windows (all of them, not only the earliest). */
  readonly detectionsInWindows: number;
  readonly probationRows: number;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** NAB's scaled sigmoid: +0.987 at -1 (left edge), 0 at 0 (right edge), -1 from 3 on. */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition >= 3.0) return -1.0;
  return 2 * sigmoid(-5 * relativePosition) - 1.0;
}

export function probationaryLength(rows: number, probationPercent: number): number {
  return Math.min(Math.floor(probationPercent * rows), probationPercent * 5000);
}

/** Window limits as row indices (inclusive), from timestamps in ms. */
export function windowIndices(
  timestamps: readonly number[],
  windows: readonly (readonly [number, number])[],
): [number, number][] {
  const out: [number, number][] = [];
  for (const [start, end] of windows) {
    const left = timestamps.findIndex((t) => t >= start);
    let right = -1;
    for (let i = timestamps.length - 1; i >= 0; i--) {
      if (timestamps[i] <= end) {
        right = i;
        break;
      }
    }
    if (left !== -1 && right >= left) out.push([left, right]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/**
 * Scores one file. `detections[i]` is true where the detector flagged row i;
 * `windows` are inclusive row-index ranges, sorted and disjoint.
 */
export function scoreNabFile(
  detections: readonly boolean[],
  windows: readonly (readonly [number, number])[],
  profile: NabProfile = NAB_STANDARD_PROFILE,
): NabFileScore {
  const rows = detections.length;
  const probation = probationaryLength(rows, profile.probationPercent);
  const maxTp = scaledSigmoid(-1.0);

  // Windows that have at least one scorable row take part (sweeper's scoreParts).
  const scorable = windows.filter(([, right]) => right >= probation);
  const best = new Map<number, number>();
  for (let w = 0; w < windows.length; w++) if (windows[w][1] >= probation) best.set(w, -profile.fnWeight);

  let fpScore = 0;
  let falsePositives = 0;
  let detectionsInWindows = 0;
  let windowCursor = 0;
  let prevRight: number | null = null;
  let prevWidth: number | null = null;
  for (let i = 0; i < rows; i++) {
    while (windowCursor < windows.length && windows[windowCursor][1] < i) {
      prevRight = windows[windowCursor][1];
      prevWidth = windows[windowCursor][1] - windows[windowCursor][0] + 1;
      windowCursor++;
    }
    if (!detections[i] || i < probation) continue;
    const current = windowCursor < windows.length && windows[windowCursor][0] <= i ? windows[windowCursor] : null;
    if (current) {
      const [left, right] = current;
      const width = right - left + 1;
      const weighted = (scaledSigmoid(-(right - i + 1) / width) * profile.tpWeight) / maxTp;
      best.set(windowCursor, Math.max(best.get(windowCursor) ?? -profile.fnWeight, weighted));
      detectionsInWindows++;
    } else {
      // A one-row window has prevWidth - 1 = 0 (a ZeroDivisionError in NAB); treat it as far away.
      const position =
        prevRight === null || prevWidth === null || prevWidth <= 1 ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
      fpScore += scaledSigmoid(position) * profile.fpWeight;
      falsePositives++;
    }
  }

  let windowScore = 0;
  let windowsHit = 0;
  for (const value of best.values()) {
    windowScore += value;
    if (value > -profile.fnWeight) windowsHit++;
  }
  return {
    raw: windowScore + fpScore,
    nullScore: -profile.fnWeight * scorable.length,
    perfectScore: profile.tpWeight * windows.length,
    windowsTotal: scorable.length,
    windowsHit,
    falsePositives,
    detectionsInWindows,
    probationRows: probation,
  };
}

/** NAB normalisation over a set of files: 100 * (sum raw - sum null) / (sum perfect - sum null). */
export function normalisedNabScore(files: readonly NabFileScore[]): number {
  let raw = 0;
  let nul = 0;
  let perfect = 0;
  for (const f of files) {
    raw += f.raw;
    nul += f.nullScore;
    perfect += f.perfectScore;
  }
  return perfect === nul ? 0 : (100 * (raw - nul)) / (perfect - nul);
}
