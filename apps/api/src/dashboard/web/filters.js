// @ts-check
/**
 * What the page shows (labs, period, interval, platform), kept in the address bar so a view can
 * be reloaded, bookmarked and shared: ?labs=openai,anthropic&range=7d&interval=day&platform=x
 */
import { MAX_LABS } from './palette.js';
import { RANGES, isoDate, periodOf } from './time.js';

/** @typedef {import('./time.js').RangeName} RangeName */
/** @typedef {import('./time.js').Interval} Interval */
/**
 * @typedef {{
 *   labs: string[],
 *   range: RangeName,
 *   interval: Interval,
 *   platform: 'all' | 'x' | 'linkedin' | 'facebook',
 *   fromDate: string,
 *   toDate: string,
 * }} Filters
 */

export const PLATFORMS = /** @type {const} */ ({
  all: 'All platforms',
  x: 'X',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
});
/** Labs shown when the address bar names none. */
export const DEFAULT_LAB_COUNT = 4;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters in a query string, completed with defaults and cleaned of anything invalid.
 * @param {string} search location.search
 * @param {string[]} knownLabs slugs of the enabled labs, in catalogue order
 * @returns {Filters}
 */
export function parseFilters(search, knownLabs) {
  const q = new URLSearchParams(search);
  const known = new Set(knownLabs);
  const asked = (q.get('labs') ?? '').split(',').filter((slug) => known.has(slug));
  const labs = [...new Set(asked)].slice(0, MAX_LABS);
  const range = /** @type {RangeName} */ (Object.hasOwn(RANGES, q.get('range') ?? '') ? q.get('range') : '7d');
  const lastWeek = periodOf('7d');
  const fromDate = DATE.test(q.get('from') ?? '') ? /** @type {string} */ (q.get('from')) : isoDate(lastWeek.from);
  const toDate = DATE.test(q.get('to') ?? '')
    ? /** @type {string} */ (q.get('to'))
    : isoDate(new Date(lastWeek.to.getTime() - 1));
  const platform = /** @type {Filters['platform']} */ (
    Object.hasOwn(PLATFORMS, q.get('platform') ?? '') ? q.get('platform') : 'all'
  );
  return {
    labs: labs.length > 0 ? labs : knownLabs.slice(0, DEFAULT_LAB_COUNT),
    range,
    interval: allowedInterval(range, q.get('interval')),
    platform,
    fromDate: fromDate <= toDate ? fromDate : toDate,
    toDate,
  };
}

/**
 * The interval if the range offers it, else the range's default.
 * @param {RangeName} range
 * @param {string | null} interval
 * @returns {Interval}
 */
export function allowedInterval(range, interval) {
  const offered = /** @type {readonly string[]} */ (RANGES[range].intervals);
  return /** @type {Interval} */ (interval && offered.includes(interval) ? interval : offered[0]);
}

/**
 * The query string of some filters (custom dates only with the custom range).
 * @param {Filters} f
 */
export function serializeFilters(f) {
  const q = new URLSearchParams({ labs: f.labs.join(','), range: f.range, interval: f.interval });
  if (f.platform !== 'all') q.set('platform', f.platform);
  if (f.range === 'custom') {
    q.set('from', f.fromDate);
    q.set('to', f.toDate);
  }
  return `?${q.toString().replaceAll('%2C', ',')}`;
}
