/**
 * Detectors need a gap-free series: a bucket with no rollup row had no posts.
 * `fillGaps` turns sparse rows into one value per bucket start in [from, to).
 */
export function fillGaps<T>(
  rows: readonly { readonly start: number; readonly value: T }[],
  from: number,
  to: number,
  bucketMs: number,
  empty: () => T,
): T[] {
  const byStart = new Map<number, T>();
  for (const row of rows) byStart.set(row.start, row.value);
  const out: T[] = [];
  for (let t = from; t < to; t += bucketMs) out.push(byStart.get(t) ?? empty());
  return out;
}
