/**
 * Trend queries nobody asked before, as an analyst exploring produces them: every path in a list
 * is distinct, so with the server cache on each one is a miss (and a concurrent burst cannot share
 * a render). Deterministic (seeded), so runs before and after a change ask the same queries.
 */
import { BENCH_LABS, YEAR_END, YEAR_START } from './api-seed';
import { seededRandom } from '@labpulse/testing';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function pick<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < count && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A window of `spanMs` starting on a random multiple of `stepMs` inside the seeded year. */
function window(random: () => number, spanMs: number, stepMs: number): [string, string] {
  const first = Date.parse(YEAR_START);
  const slots = Math.floor((Date.parse(YEAR_END) - spanMs - first) / stepMs);
  const from = first + Math.floor(random() * slots) * stepMs;
  return [iso(from), iso(from + spanMs)];
}

/**
 * The headline shape, never repeated: 30 days of hourly buckets for 5 labs, all platforms,
 * UTC; the lab set (792 choices) and the window (any hour of the year) vary.
 */
export function headlineShapedQueries(count: number, seed = 18): string[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  while (seen.size < count) {
    const labs = pick(random, BENCH_LABS, 5);
    const [from, to] = window(random, 30 * DAY_MS, HOUR_MS);
    seen.add(`/v1/trends?labs=${labs.join(',')}&interval=hour&from=${from}&to=${to}`);
  }
  return [...seen];
}

const NOMINAL_MS: Record<string, number> = { '5m': 300_000, hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS };
const ZONES = ['UTC', 'UTC', 'UTC', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'Asia/Kolkata'];
const PLATFORM_SETS = [[], [], [], ['x'], ['linkedin'], ['x', 'facebook']];

/** Everything an analyst varies: 1-6 labs, interval, period length, platforms, groupBy, tz. */
export function mixedQueries(count: number, seed = 1818): string[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  while (seen.size < count) {
    const labs = pick(random, BENCH_LABS, 1 + Math.floor(random() * 6));
    const tz = ZONES[Math.floor(random() * ZONES.length)];
    const platforms = PLATFORM_SETS[Math.floor(random() * PLATFORM_SETS.length)];
    const byPlatform = random() < 0.15;
    const shape = random();
    // Spans within the API's caps (2,000 points per series; 31 days of regrouped 5-minute rows
    // for zones such as Asia/Kolkata).
    let interval: string;
    let span: number;
    if (shape < 0.15) [interval, span] = ['5m', (1 + Math.floor(random() * 6)) * DAY_MS];
    else if (shape < 0.6) [interval, span] = ['hour', (1 + Math.floor(random() * 30)) * DAY_MS];
    else if (shape < 0.9)
      [interval, span] = ['day', (7 + Math.floor(random() * (tz === 'Asia/Kolkata' ? 24 : 180))) * DAY_MS];
    else [interval, span] = ['week', (tz === 'Asia/Kolkata' ? 4 : 8 + Math.floor(random() * 40)) * 7 * DAY_MS];
    const series = labs.length * (byPlatform ? platforms.length || 3 : 1);
    if ((span / NOMINAL_MS[interval]) * series > 20_000) continue; // the API's cap per answer
    const [from, to] = window(random, span, interval === '5m' ? 5 * 60_000 : HOUR_MS);
    let path = `/v1/trends?labs=${labs.join(',')}&interval=${interval}&from=${from}&to=${to}`;
    if (platforms.length > 0) path += `&platforms=${platforms.join(',')}`;
    if (byPlatform) path += '&groupBy=platform';
    if (tz !== 'UTC') path += `&tz=${tz}`;
    seen.add(path);
  }
  return [...seen];
}
