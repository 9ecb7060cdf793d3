// @ts-check
/** Periods and buckets, all in UTC like the API's default bucketing. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket widths in ms; a week is 7 days (ISO weeks start on Monday, which the API handles). */
export const INTERVAL_MS = /** @type {const} */ ({ '5m': 5 * MINUTE, hour: HOUR, day: DAY, week: 7 * DAY });

/** @typedef {keyof typeof INTERVAL_MS} Interval */

export const INTERVAL_LABELS = /** @type {Record<Interval, string>} */ ({
  '5m': '5 minutes',
  hour: 'Hour',
  day: 'Day',
  week: 'Week',
});

/**
 * The periods offered, ending now, with the intervals that make a readable chart for each
 * (and stay under the API's 2,000 points per series). The first interval is the default.
 */
export const RANGES = /** @type {const} */ ({
  '24h': { label: 'Last 24 hours', ms: DAY, intervals: ['hour', '5m'] },
  '7d': { label: 'Last 7 days', ms: 7 * DAY, intervals: ['day', 'hour'] },
  '30d': { label: 'Last 30 days', ms: 30 * DAY, intervals: ['day', 'hour', 'week'] },
  '90d': { label: 'Last 90 days', ms: 90 * DAY, intervals: ['week', 'day'] },
  custom: { label: 'Custom dates', ms: 0, intervals: ['day', 'hour', 'week', '5m'] },
});

/** @typedef {keyof typeof RANGES} RangeName */

/**
 * The instants [from, to) of a period: a preset ends now; custom dates are whole UTC days, `to` inclusive.
 * @param {RangeName} range
 * @param {{ fromDate?: string, toDate?: string, now?: number }} [options]
 * @returns {{ from: Date, to: Date }}
 */
export function periodOf(range, options = {}) {
  if (range === 'custom') {
    const from = new Date(`${options.fromDate}T00:00:00Z`);
    const to = new Date(new Date(`${options.toDate}T00:00:00Z`).getTime() + DAY);
    return { from, to };
  }
  // Rounded to the minute, so reloading within a minute asks the same (cacheable) question.
  const now = Math.ceil((options.now ?? Date.now()) / MINUTE) * MINUTE;
  return { from: new Date(now - RANGES[range].ms), to: new Date(now) };
}

// 1970-01-05 was a Monday: week buckets (ISO weeks, UTC) start at 4 days + a multiple of 7 days from the epoch.
const MONDAY_OFFSET = 4 * DAY;

/**
 * The start of the bucket that holds `at`.
 * @param {number} at epoch ms
 * @param {Interval} interval
 */
export function bucketFloor(at, interval) {
  const offset = interval === 'week' ? MONDAY_OFFSET : 0;
  const width = INTERVAL_MS[interval];
  return Math.floor((at - offset) / width) * width + offset;
}

/**
 * A period widened to whole buckets: from the start of the bucket holding `from` to the end of the
 * bucket holding the last instant before `to`. The charts draw whole buckets (the API floors `from`
 * and sums whole rollup rows), so the side-by-side table, stance and share of voice ask for exactly
 * this span too: a period cut mid-bucket (e.g. `to` = now) made them miss the posts of the current
 * bucket that the charts showed.
 * @param {{ from: Date, to: Date }} period
 * @param {Interval} interval
 * @returns {{ from: Date, to: Date }}
 */
export function wholeBuckets(period, interval) {
  const from = bucketFloor(period.from.getTime(), interval);
  const to = bucketFloor(period.to.getTime() - 1, interval) + INTERVAL_MS[interval];
  return { from: new Date(from), to: new Date(to) };
}

/**
 * The end of the bucket that starts at `start`: the next bucket's start when there is one (exact
 * whatever the bucket's length), else start + interval, never past the period's end.
 * @param {string[]} starts bucket starts, ISO 8601
 * @param {number} index
 * @param {Interval} interval
 * @param {string} periodEnd ISO 8601
 */
export function bucketEnd(starts, index, interval, periodEnd) {
  if (index + 1 < starts.length) return starts[index + 1];
  const end = Date.parse(starts[index]) + INTERVAL_MS[interval];
  return new Date(Math.min(end, Date.parse(periodEnd))).toISOString();
}

/** YYYY-MM-DD of an instant in UTC. @param {Date} date */
export function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/**
 * A bucket's start as people read it: the day for day and week buckets, else day and time (UTC).
 * @param {string} iso
 * @param {Interval} interval
 */
export function formatBucket(iso, interval) {
  const date = new Date(iso);
  if (interval === 'day') return DAY_FORMAT.format(date);
  if (interval === 'week') return `week of ${DAY_FORMAT.format(date)}`;
  return `${TIME_FORMAT.format(date)} UTC`;
}

const TICK_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const TICK_TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/**
 * A time-axis tick: the day ("22 Oct") when ticks are a day or more apart or at midnight, else the time.
 * @param {number} seconds epoch seconds
 * @param {number} step seconds between ticks
 */
export function formatTick(seconds, step) {
  const date = new Date(seconds * 1000);
  return step >= DAY / 1000 || seconds % (DAY / 1000) === 0 ? TICK_DAY.format(date) : TICK_TIME.format(date);
}

/** An instant as day and time (UTC). @param {string} iso */
export function formatInstant(iso) {
  return `${TIME_FORMAT.format(new Date(iso))} UTC`;
}

/** A period as "21 Nov 2026 – 28 Nov 2026", `to` exclusive. @param {string} from @param {string} to */
export function formatPeriod(from, to) {
  const last = new Date(Date.parse(to) - 1);
  const sameDayBounds = from.endsWith('T00:00:00.000Z') && to.endsWith('T00:00:00.000Z');
  return sameDayBounds
    ? `${DAY_FORMAT.format(new Date(from))} – ${DAY_FORMAT.format(last)}`
    : `${formatInstant(from)} – ${formatInstant(to)}`;
}
