import type { CoverageRow } from '@labpulse/persistence';

const FIVE_MINUTES_MS = 5 * 60_000;

/**
 * Fraction of each rule bucket during which the platform's collectors were healthy, from the
 * 5-minute source health rows: the mean over the bucket's 5-minute slots of healthy / sources.
 * `all` takes the worst platform. Slots no poll vouched for are unknown and skipped; a bucket with
 * no known slot is 1 (file imports only, or no collector configured), so only a known failure
 * suppresses anything. A short blip in a long bucket stays above a 0.9 floor.
 */
export function bucketCoverage(rows: readonly CoverageRow[], platform: string, starts: readonly number[], bucketMs: number): Map<number, number> {
  const slots = new Map<string, Map<number, number>>();
  for (const row of rows) {
    if (row.sources === 0 || (platform !== 'all' && row.platform !== platform)) continue;
    let byStart = slots.get(row.platform);
    if (!byStart) slots.set(row.platform, (byStart = new Map()));
    byStart.set(row.bucketStart.getTime(), row.healthy / row.sources);
  }
  const out = new Map<number, number>();
  for (const start of starts) {
    let worst = 1;
    for (const byStart of slots.values()) {
      let sum = 0;
      let known = 0;
      for (let t = start; t < start + bucketMs; t += FIVE_MINUTES_MS) {
        const value = byStart.get(t);
        if (value === undefined) continue;
        sum += value;
        known += 1;
      }
      if (known > 0) worst = Math.min(worst, sum / known);
    }
    out.set(start, worst);
  }
  return out;
}
