/** Rows: gold class, columns: predicted class. */
export function confusion(gold: readonly number[], pred: readonly number[], k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  gold.forEach((g, i) => m[g][pred[i]]++);
  return m;
}

export function accuracy(gold: readonly number[], pred: readonly number[]): number {
  let ok = 0;
  gold.forEach((g, i) => {
    if (g === pred[i]) ok++;
  });
  return gold.length ? ok / gold.length : 0;
}

/** sklearn's classification_report(...)['macro avg']['recall'] (TweetEval's official metric). */
export function macroRecall(gold: readonly number[], pred: readonly number[], k: number): number {
  const m = confusion(gold, pred, k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const n = m[c].reduce((a, b) => a + b, 0);
    sum += n ? m[c][c] / n : 0;
  }
  return sum / k;
}

export function macroF1(gold: readonly number[], pred: readonly number[], k: number): number {
  const m = confusion(gold, pred, k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const tp = m[c][c];
    const predicted = m.reduce((a, row) => a + row[c], 0);
    const actual = m[c].reduce((a, b) => a + b, 0);
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    sum += p + r ? (2 * p * r) / (p + r) : 0;
  }
  return sum / k;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Recall of class `c` (0 when it never occurs). */
export function recallOf(gold: readonly number[], pred: readonly number[], c: number): number {
  let n = 0;
  let ok = 0;
  gold.forEach((g, i) => {
    if (g !== c) return;
    n++;
    if (pred[i] === c) ok++;
  });
  return n ? ok / n : 0;
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  n: number;
  conf: number;
  acc: number;
}

/** Equal-width confidence bins, and the expected calibration error (bin-size-weighted |acc - conf|). */
export function reliability(
  conf: readonly number[],
  correct: readonly boolean[],
  k: number,
): { ece: number; bins: ReliabilityBin[] } {
  const bins: ReliabilityBin[] = Array.from({ length: k }, (_, b) => ({
    lo: b / k,
    hi: (b + 1) / k,
    n: 0,
    conf: 0,
    acc: 0,
  }));
  conf.forEach((c, i) => {
    const b = bins[Math.min(k - 1, Math.floor(c * k))];
    b.n++;
    b.conf += c;
    b.acc += correct[i] ? 1 : 0;
  });
  let ece = 0;
  for (const b of bins) {
    if (b.n === 0) continue;
    b.conf /= b.n;
    b.acc /= b.n;
    ece += (b.n / conf.length) * Math.abs(b.acc - b.conf);
  }
  return { ece, bins };
}
