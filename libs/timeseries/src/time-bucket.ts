/**
 * Bucketing helpers. Buckets are half-open [start, start + size). UTC is the storage
 * convention; the zoned variants serve dashboards and day/hour profiles in a lab's
 * or analyst's IANA zone, computed with Intl so there is no tz database dependency.
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

/** Formats milliseconds with the largest unit that divides it exactly (`3600000` -> `1h`). */
export function formatDuration(ms: number): string {
  for (const unit of ['w', 'd', 'h', 'm', 's']) {
    const size = DURATION_UNITS[unit];
    if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
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

/** A bucket is closed once its end plus the allowed lateness has passed (the watermark). */
export function isBucketClosed(start: Instant, size: BucketSize, now: Instant, allowedLatenessMs = 0): boolean {
  return toMs(start) + BUCKET_MS[size] + allowedLatenessMs <= toMs(now);
}

/** The newest bucket that is closed at `now` under the watermark. */
export function lastClosedBucketUtc(now: Instant, size: BucketSize, allowedLatenessMs = 0): Date {
  return new Date(floorUtc(toMs(now) - allowedLatenessMs, size).getTime() - BUCKET_MS[size]);
}

export interface ZonedParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  second: number;
  weekday: number; // 0 = Monday ... 6 = Sunday (ISO order)
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which is what callers should see.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of an instant in an IANA zone. */
export function zonedParts(t: Instant, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(toMs(t)))) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(t: Instant, timeZone: string): number {
  const ms = toMs(t);
  const p = zonedParts(ms, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (ms - mod(ms, 1000));
}

/**
 * Start of the local bucket containing `t` in `timeZone`. Days start at local midnight
 * (23 h or 25 h long across DST); if local midnight does not exist (a DST gap at
 * midnight) the day starts at the first instant after the gap.
 */
export function floorInZone(t: Instant, size: BucketSize, timeZone: string): Date {
  const ms = toMs(t);
  const wall = ms + zoneOffsetMs(ms, timeZone);
  const wallFloor = wall - mod(wall, BUCKET_MS[size]);
  // Two passes: the offset at the bucket start can differ from the offset at `t`.
  let candidate = wallFloor - zoneOffsetMs(ms, timeZone);
  candidate = wallFloor - zoneOffsetMs(candidate, timeZone);
  if (candidate > ms) candidate = wallFloor - zoneOffsetMs(ms, timeZone);
  // Inside a DST gap the computed start may not map back to the wall floor; never exceed t.
  return new Date(Math.min(candidate, ms));
}

/** Local bucket starts covering [from, to) in `timeZone`. */
export function bucketRangeInZone(from: Instant, to: Instant, size: BucketSize, timeZone: string): Date[] {
  const end = toMs(to);
  const out: Date[] = [];
  let start = floorInZone(from, size, timeZone).getTime();
  while (start < end) {
    out.push(new Date(start));
    // 1.5 steps always lands inside the next local bucket, whatever DST did (23-25 h days).
    const next = floorInZone(start + BUCKET_MS[size] * 1.5, size, timeZone).getTime();
    start = next > start ? next : start + BUCKET_MS[size];
  }
  return out;
}

/** Hour of week 0..167 (Monday 00h = 0), in UTC or in a zone. */
export function hourOfWeek(t: Instant, timeZone?: string): number {
  if (!timeZone) {
    const d = new Date(toMs(t));
    return ((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours();
  }
  const p = zonedParts(t, timeZone);
  return p.weekday * 24 + p.hour;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}
