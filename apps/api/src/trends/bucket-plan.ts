import type { BucketWidth, DerivedBuckets, ZoneOffsetProfile } from '@labpulse/persistence';
import type { TrendInterval } from './trends-query.dto';

const DAY_MS = 86_400_000;
/** Local buckets regrouped from hour rows: at most this range per request. */
export const MAX_HOUR_DERIVED_SPAN_MS = 366 * DAY_MS;
/** Local buckets regrouped from 5-minute rows (zones with offsets that are not whole hours). */
export const MAX_FIVE_MINUTE_DERIVED_SPAN_MS = 31 * DAY_MS;

export const NOMINAL_MS: Record<TrendInterval, number> = {
  '5m': 300_000,
  hour: 3_600_000,
  day: DAY_MS,
  week: 7 * DAY_MS,
};

export type ZoneProfile = ZoneOffsetProfile;

/** How to answer an interval in a zone from the stored rollups. */
export interface BucketPlan {
  read: BucketWidth;
  /** Absent: stored bucket starts are the answer's buckets. */
  derive?: DerivedBuckets;
  /** Longest range this plan serves per request. */
  maxSpanMs?: number;
}

/**
 * Stored rows are UTC 5-minute, hour and day buckets. A local day or week starts on a whole UTC
 * hour in a zone whose offsets are whole hours, so it is regrouped exactly from hour rows; other
 * zones (Asia/Kolkata +05:30, Asia/Kathmandu +05:45, ...) need 5-minute rows. Returns a message
 * when the zone cannot be served at all.
 */
export function planBuckets(interval: TrendInterval, timeZone: string, zone: ZoneProfile): BucketPlan | string {
  if (!zone.fiveMinutes)
    return `${timeZone} has UTC offsets that are not whole multiples of 5 minutes in this range; no rollup can be regrouped into its local buckets`;
  const fromFiveMinutes = (unit: DerivedBuckets['unit']): BucketPlan => ({
    read: '5m',
    derive: { unit, timeZone },
    maxSpanMs: MAX_FIVE_MINUTE_DERIVED_SPAN_MS,
  });
  switch (interval) {
    case '5m':
      return { read: '5m' };
    case 'hour':
      return zone.wholeHours ? { read: 'hour' } : fromFiveMinutes('hour');
    case 'day':
      if (zone.utc) return { read: 'day' };
      return zone.wholeHours
        ? { read: 'hour', derive: { unit: 'day', timeZone }, maxSpanMs: MAX_HOUR_DERIVED_SPAN_MS }
        : fromFiveMinutes('day');
    case 'week':
      if (zone.utc) return { read: 'day', derive: { unit: 'week', timeZone: 'UTC' } };
      return zone.wholeHours
        ? { read: 'hour', derive: { unit: 'week', timeZone }, maxSpanMs: MAX_HOUR_DERIVED_SPAN_MS }
        : fromFiveMinutes('week');
  }
}
