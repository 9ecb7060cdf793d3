// @ts-check
/**
 * The first screen, when the address bar names no view: the labs with the most posts, over a period
 * that has posts, so a new user sees numbers at once (the bundled sample is a week in Nov 2026, not
 * "the last 7 days"), and a sentence that says what was chosen. Asks /v1/trends for volumes only.
 */
import { DEFAULT_LAB_COUNT } from './filters.js';
import { formatPeriod, isoDate, periodOf, wholeBuckets } from './time.js';

/** @typedef {ReturnType<typeof import('./api.js').createApi>} Api */
/** @typedef {{ search: string, note: string }} FirstView the view as a query string, and what the page says about it */

const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The API takes at most 20 labs per question. */
const LABS_PER_REQUEST = 20;
/** Looking back for posts: windows of 104 weeks (2,080 points for 20 labs), at most 5 of them (10 years). */
const WEEKS_PER_WINDOW = 104;
const WINDOWS = 5;

/**
 * Whether an address names a view (its labs or its period); if not, the page opens on the first view.
 * @param {string} search location.search
 */
export function namesView(search) {
  const q = new URLSearchParams(search);
  return q.has('labs') || q.has('range');
}

/**
 * @param {Api} api
 * @param {string[]} slugs every enabled lab, in catalogue order
 * @param {number} now epoch ms
 * @returns {Promise<FirstView>}
 */
export async function findFirstView(api, slugs, now) {
  const lastWeek = wholeBuckets(periodOf('7d', { now }), 'day');
  const recent = await volumes(api, slugs, lastWeek.from, lastWeek.to, 'day');
  const recentTop = busiest(slugs, recent, 0, Infinity);
  if (recentTop.length > 0)
    return { search: query(recentTop, '7d'), note: `${showing(recentTop.length)} in the last 7 days.` };

  const week = await latestWeekWithPosts(api, slugs, lastWeek.from.getTime());
  if (week === null) {
    return {
      search: query(slugs.slice(0, DEFAULT_LAB_COUNT), '7d'),
      note: `No posts about any lab in the last ${(WINDOWS * WEEKS_PER_WINDOW) / 52} years: import or collect some first.`,
    };
  }
  // The 7 days that end on the last day with posts (it lies in that week).
  const days = await volumes(api, slugs, new Date(week - 6 * DAY), new Date(week + WEEK), 'day');
  const lastDay = Math.max(...days.starts.flatMap((start, i) => (total(days, i) > 0 ? [Date.parse(start)] : [])));
  const from = lastDay - 6 * DAY;
  const top = busiest(slugs, days, from, lastDay);
  const period = formatPeriod(new Date(from).toISOString(), new Date(lastDay + DAY).toISOString());
  return {
    search: query(top, 'custom', { from: isoDate(new Date(from)), to: isoDate(new Date(lastDay)) }),
    note: `${showing(top.length)}, ${period}: the latest 7 days with posts (there are none in the last 7 days).`,
  };
}

/**
 * The start (epoch ms) of the latest ISO week before `before` with any post, windows of weeks back at a time.
 * @param {Api} api
 * @param {string[]} slugs
 * @param {number} before
 * @returns {Promise<number | null>}
 */
async function latestWeekWithPosts(api, slugs, before) {
  for (let window = 0, end = before; window < WINDOWS; window += 1, end -= WEEKS_PER_WINDOW * WEEK) {
    const weeks = await volumes(api, slugs, new Date(end - WEEKS_PER_WINDOW * WEEK), new Date(end), 'week');
    for (let i = weeks.starts.length - 1; i >= 0; i -= 1) if (total(weeks, i) > 0) return Date.parse(weeks.starts[i]);
  }
  return null;
}

/** @typedef {{ starts: string[], bySlug: Map<string, number[]> }} Volumes */

/**
 * Posts per bucket for every lab (20 labs per request, in parallel).
 * @param {Api} api
 * @param {string[]} slugs
 * @param {Date} from
 * @param {Date} to
 * @param {'day' | 'week'} interval
 * @returns {Promise<Volumes>}
 */
async function volumes(api, slugs, from, to, interval) {
  const groups = [];
  for (let i = 0; i < slugs.length; i += LABS_PER_REQUEST) groups.push(slugs.slice(i, i + LABS_PER_REQUEST));
  /** @type {Array<{ series: Array<{ lab: string, points: Array<{ start: string, volume: number }> }> }>} */
  const answers = await Promise.all(
    groups.map((labs) =>
      api.get('/v1/trends', {
        labs: labs.join(','),
        interval,
        from: from.toISOString(),
        to: to.toISOString(),
        fields: 'volume',
      }),
    ),
  );
  const series = answers.flatMap((a) => a.series);
  return {
    starts: series[0]?.points.map((p) => p.start) ?? [],
    bySlug: new Map(series.map((s) => [s.lab, s.points.map((p) => p.volume)])),
  };
}

/** All labs' posts in bucket i. @param {Volumes} v @param {number} i */
function total(v, i) {
  let n = 0;
  for (const counts of v.bySlug.values()) n += counts[i] ?? 0;
  return n;
}

/**
 * The labs with the most posts in the buckets starting in [from, to], most first (ties in catalogue order); none without posts.
 * @param {string[]} slugs catalogue order
 * @param {Volumes} v
 * @param {number} from epoch ms
 * @param {number} to epoch ms
 */
function busiest(slugs, v, from, to) {
  const inside = v.starts.map((start) => Date.parse(start) >= from && Date.parse(start) <= to);
  const sums = slugs.map((slug, order) => ({
    slug,
    order,
    posts: (v.bySlug.get(slug) ?? []).reduce((n, c, i) => n + (inside[i] ? c : 0), 0),
  }));
  return sums
    .filter((s) => s.posts > 0)
    .sort((a, b) => b.posts - a.posts || a.order - b.order)
    .slice(0, DEFAULT_LAB_COUNT)
    .map((s) => s.slug);
}

/**
 * The view as the address bar holds it (see filters.js); the interval is the range's default.
 * @param {string[]} labs
 * @param {'7d' | 'custom'} range
 * @param {{ from: string, to: string }} [dates] custom dates, the last included
 */
function query(labs, range, dates) {
  return `?${new URLSearchParams({ labs: labs.join(','), range, ...dates })}`;
}

/** @param {number} n */
function showing(n) {
  if (n === 1) return 'Showing the only lab with posts';
  return n < DEFAULT_LAB_COUNT ? `Showing the only ${n} labs with posts` : `Showing the ${n} labs with the most posts`;
}
