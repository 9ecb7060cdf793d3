/** A cache key independent of the order parameters arrived in. */
export function cacheKey(route: string, values: object): string {
  const entries = Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${route}|${JSON.stringify(entries)}`;
}
