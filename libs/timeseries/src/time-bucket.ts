/**
 * Bucketing helpers. Buckets are half-open [start, start + size) in UTC, the storage convention;
 * zoned buckets (dashboards in an analyst's zone) are computed by Postgres in the trend queries.
 */

export const BUCKET_SIZES = ['5m', '1h', '1d'] as const;
export type BucketSize = (typeof BUCKET_SIZES)[number];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export const BUCKET_MS: Readonly<Record<BucketSize, number>> = {
  '5m': 5 * MINUTE_MS,
  '1h': HOUR_MS,
  '1d': DAY_MS,
};

export type Instant = Date | number;

function toMs(t: Instant): number {
  const ms = typeof t === 'number' ? t : t.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid instant');
  return ms;
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1000,
  m: MINUTE_MS,
  h: HOUR_MS,
  d: DAY_MS,
  w: 7 * DAY_MS,
};

/** Parses `90s`, `5m`, `1h`, `7d`, `2w` into milliseconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const match = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * DURATION_UNITS[match[2]];
}

export function floorUtc(t: Instant, size: BucketSize): Date {
  const ms = toMs(t);
  const step = BUCKET_MS[size];
  return new Date(ms - mod(ms, step));
}

/** Bucket starts covering [from, to): the first is floor(from), the last starts before `to`. */
export function bucketRangeUtc(from: Instant, to: Instant, size: BucketSize): Date[] {
  const step = BUCKET_MS[size];
  const end = toMs(to);
  const out: Date[] = [];
  for (let t = floorUtc(from, size).getTime(); t < end; t += step) out.push(new Date(t));
  return out;
}

/** The newest bucket that is closed at `now` under the watermark. */
export function lastClosedBucketUtc(now: Instant, size: BucketSize, allowedLatenessMs = 0): Date {
  return new Date(floorUtc(toMs(now) - allowedLatenessMs, size).getTime() - BUCKET_MS[size]);
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
