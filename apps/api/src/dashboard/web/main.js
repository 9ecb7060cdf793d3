// @ts-check
/**
 * The dashboard's entry point: asks for the key, reads the labs, then on every filter change
 * loads the period's numbers and draws each section. Sections that depend on optional parts of
 * the API (alerts, the source list) degrade on their own with a note.
 */
import { ApiError, createApi } from './api.js';
import { chartSpecs } from './chart-specs.js';
import { bucketHealth, isGap, isTracked } from './coverage.js';
import { loadAlerts, loadOverview, loadPostsPage, loadSources } from './data.js';
import { byId } from './dom.js';
import { createFilterForm } from './filter-form.js';
import { findFirstView, namesView } from './first-view.js';
import { parseFilters, serializeFilters } from './filters.js';
import { createKeyPanel } from './key-panel.js';
import { labStyles } from './palette.js';
import { createPageStatus, describeError, shortError } from './page-status.js';
import { createTimeChart } from './time-chart.js';
import { INTERVAL_LABELS, bucketEnd, formatBucket, periodOf, wholeBuckets } from './time.js';
import { renderAlerts, renderAlertsUnavailable } from './view-alerts.js';
import { renderCompare } from './view-compare.js';
import { renderCoverage } from './view-coverage.js';
import { showBucketPosts } from './view-posts.js';
import { renderShare } from './view-share.js';
import { renderStance } from './view-stance.js';

/** @typedef {import('./types.js').Lab} Lab */
/** @typedef {import('./types.js').TrendsResponse} TrendsResponse */
/** @typedef {import('./filters.js').Filters} Filters */

const status = createPageStatus();
const keyPanel = createKeyPanel({ onKey: () => void start(), onForget: forgotten });
const api = createApi(keyPanel.current);
const filterForm = createFilterForm(/** @type {HTMLFormElement} */ (byId('filters')), (f) => {
  filters = f;
  // The user chose the view: the note on how the first one was picked no longer applies.
  byId('view-note').hidden = true;
  history.replaceState(null, '', serializeFilters(f));
  void refresh();
});
const charts = { volume: createTimeChart(byId('volume-chart')), sentiment: createTimeChart(byId('sentiment-chart')) };

/** @type {Lab[]} */
let labs = [];
/** @type {Filters | null} */
let filters = null;
// Each refresh gets a number; answers of an older one are dropped when they arrive late.
let generation = 0;

byId('refresh').addEventListener('click', () => void refresh());

/** The key is gone: answers still on their way are dropped, and the data stays hidden until a key is entered. */
function forgotten() {
  generation += 1;
  delete document.body.dataset.loaded;
  status.clearError();
  status.set('needs-key');
}

/** Reads the lab catalogue (which also checks the key), then draws the page. */
async function start() {
  status.set('loading');
  status.clearError();
  try {
    /** @type {{ data: Lab[] }} */
    const catalogue = await api.get('/v1/labs');
    labs = catalogue.data.filter((lab) => lab.enabled);
  } catch (error) {
    fail(error, start);
    return;
  }
  const slugs = labs.map((lab) => lab.slug);
  let search = location.search;
  const note = byId('view-note');
  note.hidden = true;
  if (!namesView(search)) {
    try {
      const first = await findFirstView(api, slugs, Date.now());
      search = first.search;
      note.textContent = first.note;
      note.hidden = false;
    } catch (error) {
      fail(error, start);
      return;
    }
  }
  filters = parseFilters(search, slugs);
  filterForm.render(labs, filters);
  history.replaceState(null, '', serializeFilters(filters));
  await refresh();
}

async function refresh() {
  if (!filters) return;
  const f = filters;
  const mine = ++generation;
  status.set('loading');
  byId('posts-card').hidden = true;
  byId('alerts-body').setAttribute('aria-busy', 'true');
  // Whole buckets, the same span for the charts and the side-by-side numbers.
  const period = wholeBuckets(periodOf(f.range, f), f.interval);
  const alerts = loadAlerts(api, f.labs);
  const sources = loadSources(api);
  let overview;
  try {
    overview = await loadOverview(api, f, period);
  } catch (error) {
    if (mine === generation) fail(error, refresh);
    return;
  }
  const sourceList = await sources;
  if (mine !== generation) return;
  status.clearError();
  drawOverview(overview.trends, overview.compare, sourceList, f);
  document.body.dataset.loaded = 'true';
  status.set('ready');
  drawAlerts(await alerts, mine);
}

/**
 * @param {TrendsResponse} trends
 * @param {import('./types.js').CompareResponse} compare
 * @param {Awaited<ReturnType<typeof loadSources>>} sourceList
 * @param {Filters} f
 */
function drawOverview(trends, compare, sourceList, f) {
  const points = trends.coverage[0]?.points ?? [];
  const tracked = isTracked(points, sourceList.sources, trends.from);
  const healths = points.map((p) => bucketHealth(p, tracked));
  const gaps = healths.map(isGap);
  const styles = labStyles(f.labs);
  const specs = chartSpecs(trends, gaps, styles, (index) => selectBucket(trends, index, f));
  charts.volume.update(specs.volume);
  charts.sentiment.update(specs.sentiment);
  renderCompare(byId('compare-body'), compare, styles);
  renderStance(byId('stance-body'), compare.labs);
  renderShare(byId('share-body'), compare.labs, styles);
  renderCoverage(byId('coverage-body'), {
    points,
    healths,
    interval: f.interval,
    sources: sourceList.sources,
    sourcesError: sourceList.error,
  });
  const empty = compare.labs.every((lab) => lab.current.volume === 0);
  byId('empty-note').hidden = !empty;
}

/**
 * @param {Awaited<ReturnType<typeof loadAlerts>>} result
 * @param {number} mine
 */
function drawAlerts(result, mine) {
  if (mine !== generation) return;
  const slot = byId('alerts-body');
  if (result.note) renderAlertsUnavailable(slot, result.note);
  else renderAlerts(slot, result.items, new Map(labs.map((lab) => [lab.slug, lab.name])));
  slot.setAttribute('aria-busy', 'false');
}

/**
 * Lists the posts behind one bucket, for every lab on the chart.
 * @param {TrendsResponse} trends
 * @param {number} index
 * @param {Filters} f
 */
function selectBucket(trends, index, f) {
  const starts = trends.series[0].points.map((p) => p.start);
  const bucket = { from: starts[index], to: bucketEnd(starts, index, f.interval, trends.to), platform: f.platform };
  charts.volume.highlight(index);
  charts.sentiment.highlight(index);
  const card = byId('posts-card');
  card.hidden = false;
  card.dataset.from = bucket.from;
  card.dataset.to = bucket.to;
  showBucketPosts(byId('posts-body'), {
    title: `Posts from ${formatBucket(bucket.from, f.interval)} (${INTERVAL_LABELS[f.interval].toLowerCase()} bucket)`,
    labs: trends.series.map((s) => ({ slug: s.lab, name: s.name, volume: s.points[index].volume })),
    loadPage: (slug, cursor) => loadPostsPage(api, slug, bucket, cursor),
    describeError: shortError,
  });
}

/**
 * A failure of the calls the page cannot do without: a refused key reopens the key form with the
 * reason; anything else shows the banner with a way to try again.
 * @param {unknown} error
 * @param {() => Promise<void>} retry
 */
function fail(error, retry) {
  status.set('error');
  if (error instanceof ApiError && (error.kind === 'unauthorized' || error.kind === 'forbidden')) {
    status.clearError();
    const { title, detail } = describeError(error);
    keyPanel.show(`${title}. ${detail}`, error.kind);
    return;
  }
  // Asking again helps when the API was away or busy, not when it refused the question.
  const transient = !(error instanceof ApiError) || ['unreachable', 'unavailable', 'rate_limited'].includes(error.kind);
  status.showError(error, transient ? () => void retry() : null);
}

if (keyPanel.current()) {
  void start();
} else {
  status.set('needs-key');
  keyPanel.show(
    'Enter a read API key to see the dashboard. It stays in this browser only; create one with: npm run --silent cli -- apikey create --scope read',
  );
}
