// @ts-check
/** Everything the page reads, one function per question, over the public REST API. */
import { ApiError } from './api.js';
import { shortError } from './page-status.js';

/** @typedef {ReturnType<typeof import('./api.js').createApi>} Api */
/** @typedef {import('./filters.js').Filters} Filters */
/** @typedef {import('./types.js').TrendsResponse} TrendsResponse */
/** @typedef {import('./types.js').CompareResponse} CompareResponse */
/** @typedef {import('./types.js').Source} Source */
/** @typedef {import('./types.js').Alert} Alert */
/** @typedef {import('./types.js').AlertDetail} AlertDetail */
/** @typedef {import('./types.js').PostsPage} PostsPage */
/** @typedef {{ from: Date, to: Date }} Period */

const ALERTS_SCANNED = 50;
const ALERTS_SHOWN = 6;
const POSTS_PER_PAGE = 10;

/** @param {Filters} f */
const platforms = (f) => (f.platform === 'all' ? undefined : f.platform);

/**
 * The series for the charts and the period side by side; failures propagate (the page cannot show much without them).
 * @param {Api} api
 * @param {Filters} f
 * @param {Period} period
 * @returns {Promise<{ trends: TrendsResponse, compare: CompareResponse }>}
 */
export async function loadOverview(api, f, period) {
  const common = {
    labs: f.labs.join(','),
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    platforms: platforms(f),
  };
  const [trends, compare] = await Promise.all([
    api.get('/v1/trends', { ...common, interval: f.interval }),
    api.get('/v1/compare', common),
  ]);
  return { trends: /** @type {TrendsResponse} */ (trends), compare: /** @type {CompareResponse} */ (compare) };
}

/**
 * The sources with their health, or why they cannot be shown (the rest of the page goes on).
 * @param {Api} api
 * @returns {Promise<{ sources: Source[] | null, error: string | null }>}
 */
export async function loadSources(api) {
  try {
    /** @type {{ data: Source[] }} */
    const page = await api.get('/v1/sources', { limit: 200 });
    return { sources: page.data, error: null };
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'forbidden') {
      return {
        sources: null,
        error:
          'The list of sources needs a key allowed to read /v1/sources, and this key was refused (403). Coverage above still shows collection gaps.',
      };
    }
    return { sources: null, error: `The list of sources could not be read. ${shortError(error)}` };
  }
}

/**
 * Recent alerts about the selected labs, newest first, each with its details (the explanation);
 * `note` instead when alerts cannot be read, e.g. on a server without the alerts API (404).
 * @param {Api} api
 * @param {string[]} labs
 * @returns {Promise<{ items: Array<{ alert: Alert, detail: AlertDetail | null }>, note: string | null }>}
 */
export async function loadAlerts(api, labs) {
  /** @type {{ data: Alert[] }} */
  let page;
  try {
    page = await api.get('/v1/alerts', { limit: ALERTS_SCANNED });
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'not_found') {
      return {
        items: [],
        note: 'Alerts are not available on this server (GET /v1/alerts answered 404). The rest of the dashboard is unaffected.',
      };
    }
    if (error instanceof ApiError && error.kind === 'forbidden') {
      return { items: [], note: 'This key may not read alerts (GET /v1/alerts answered 403).' };
    }
    return { items: [], note: `Alerts could not be read. ${shortError(error)}` };
  }
  const chosen = new Set(labs);
  const alerts = page.data.filter((a) => chosen.has(a.lab)).slice(0, ALERTS_SHOWN);
  const details = await Promise.all(
    alerts.map((a) =>
      /** @type {Promise<AlertDetail>} */ (api.get(`/v1/alerts/${encodeURIComponent(a.id)}`)).catch(() => null),
    ),
  );
  return { items: alerts.map((alert, i) => ({ alert, detail: details[i] })), note: null };
}

/**
 * One page of a lab's posts in [from, to), most engaging first.
 * @param {Api} api
 * @param {string} slug
 * @param {{ from: string, to: string, platform: Filters['platform'] }} bucket
 * @param {string | null} cursor
 * @returns {Promise<PostsPage>}
 */
export function loadPostsPage(api, slug, bucket, cursor) {
  return api.get(`/v1/labs/${encodeURIComponent(slug)}/posts`, {
    from: bucket.from,
    to: bucket.to,
    platform: bucket.platform === 'all' ? undefined : bucket.platform,
    sort: 'engagement',
    limit: POSTS_PER_PAGE,
    cursor: cursor ?? undefined,
  });
}
