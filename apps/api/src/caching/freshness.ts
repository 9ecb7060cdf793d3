/**
 * A bucket is "closed" once no more posts are expected for it. Posts reach a bucket after it ends
 * (poll interval, then scoring and aggregation), so a bucket settles some minutes after its end.
 */
export const SETTLE_MS = 15 * 60_000;
// Open buckets still move: reuse their answers only long enough to coalesce a burst of clients.
const OPEN_TTL_MS = 2_000;

export interface Freshness {
  /** Every bucket in the answer is closed. */
  closed: boolean;
  cacheControl: string;
  /** Server-side reuse, 0 when disabled. */
  ttlMs: number;
}

/** Cache policy for an answer covering data up to `to`. */
export function freshness(to: Date, now: number, cacheSeconds: number): Freshness {
  const closed = to.getTime() <= now - SETTLE_MS;
  if (cacheSeconds <= 0) return { closed, cacheControl: 'private, no-cache', ttlMs: 0 };
  if (closed) return { closed, cacheControl: `private, max-age=${cacheSeconds}`, ttlMs: cacheSeconds * 1000 };
  // no-cache: clients revalidate every time (cheap with If-None-Match), never reuse blindly.
  return { closed, cacheControl: 'private, no-cache', ttlMs: Math.min(OPEN_TTL_MS, cacheSeconds * 1000) };
}
