/**
 * Inserts `item` into `list`, kept ascending by `compare`. Appending is the common case (new
 * posts are the newest), so it is O(1) then and a binary search otherwise.
 */
export function insertSorted<T>(list: T[], item: T, compare: (a: T, b: T) => number): void {
  const last = list.at(-1);
  if (last === undefined || compare(last, item) <= 0) {
    list.push(item);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid], item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, item);
}

/** Numeric-string ids compared as numbers (shorter is smaller). */
export function compareNumericIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
