// @ts-check
/**
 * Source health: a strip with one cell per bucket (collected, partly failing, failed, no collector),
 * the buckets with trouble listed in words, and the sources with their status (GET /v1/sources).
 */
import { h, replace } from './dom.js';
import { HEALTH_LABELS, countHealth, isGap } from './coverage.js';
import { formatBucket, formatInstant } from './time.js';

/** @typedef {import('./types.js').Source} Source */
/** @typedef {import('./types.js').CoveragePoint} CoveragePoint */
/** @typedef {import('./coverage.js').BucketHealth} BucketHealth */

const KIND_LABELS = /** @type {Record<string, string>} */ ({
  x_search: 'X search',
  facebook_page: 'Facebook page',
  linkedin_org: 'LinkedIn organization',
  import: 'File import',
});
const MAX_LISTED = 12;

/**
 * @param {HTMLElement} slot
 * @param {{
 *   points: CoveragePoint[],
 *   healths: BucketHealth[],
 *   interval: import('./time.js').Interval,
 *   sources: Source[] | null,
 *   sourcesError: string | null,
 * }} input
 */
export function renderCoverage(slot, input) {
  replace(slot, strip(input), summary(input), troubleList(input), sourceTable(input.sources, input.sourcesError));
}

/** @param {{ points: CoveragePoint[], healths: BucketHealth[], interval: import('./time.js').Interval }} input */
function strip({ points, healths, interval }) {
  return h(
    'div',
    { class: 'coverage-strip', 'aria-hidden': 'true', 'data-coverage': healths.join(',') },
    points.map((p, i) =>
      h('span', {
        class: `cell ${healths[i]}`,
        title: `${formatBucket(p.start, interval)}: ${cellText(p, healths[i])}`,
      }),
    ),
  );
}

/** @param {{ healths: BucketHealth[] }} input */
function summary({ healths }) {
  const counts = countHealth(healths);
  if (counts.untracked === healths.length) {
    return h(
      'p',
      { class: 'hint', 'data-coverage-summary': 'untracked' },
      'No collector reported in this period (posts came from imports or pushes), so collection gaps cannot be shown.',
    );
  }
  const parts = [`${counts.ok} of ${healths.length} buckets fully collected`];
  if (counts.partial) parts.push(`${counts.partial} with some sources failing`);
  if (counts.down) parts.push(`${counts.down} where collection failed`);
  if (counts.none) parts.push(`${counts.none} with no collector running`);
  const gaps = counts.down + counts.none;
  return h(
    'p',
    { class: gaps ? 'warning' : 'hint', 'data-coverage-summary': gaps ? 'gaps' : 'ok' },
    `${parts.join(', ')}.`,
    gaps ? ' Gaps are shaded in the charts: no posts there means no data, not silence.' : '',
  );
}

/** @param {{ points: CoveragePoint[], healths: BucketHealth[], interval: import('./time.js').Interval }} input */
function troubleList({ points, healths, interval }) {
  const trouble = points
    .map((p, i) => ({ p, health: healths[i] }))
    .filter(({ health }) => health === 'partial' || isGap(health));
  if (trouble.length === 0) return null;
  const shown = trouble.slice(-MAX_LISTED).reverse();
  return h(
    'details',
    { class: 'trouble' },
    h('summary', {}, `Buckets with collection problems (${trouble.length})`),
    h(
      'ul',
      {},
      shown.map(({ p, health }) =>
        h('li', { 'data-start': p.start }, `${formatBucket(p.start, interval)}: ${cellText(p, health)}`),
      ),
    ),
    trouble.length > MAX_LISTED ? h('p', { class: 'hint' }, `The ${MAX_LISTED} most recent are listed.`) : null,
  );
}

/**
 * @param {CoveragePoint} p
 * @param {BucketHealth} health
 */
function cellText(p, health) {
  if (health === 'untracked' || health === 'none') return HEALTH_LABELS[health];
  return `${HEALTH_LABELS[health]} (${p.healthy} of ${p.sources} sources healthy)`;
}

/**
 * @param {Source[] | null} sources
 * @param {string | null} error
 */
function sourceTable(sources, error) {
  if (error) return h('p', { class: 'note', 'data-sources-note': '' }, error);
  if (!sources || sources.length === 0) return h('p', { class: 'hint' }, 'No sources are configured.');
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'sources stacked', 'data-sources': '' },
      h('caption', {}, 'Sources and their health now'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Source', 'Kind', 'Status', 'Last success', 'Failures in a row', 'Last error'].map((t) =>
            h('th', { scope: 'col' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        sources.map((s) =>
          h(
            'tr',
            { 'data-source': s.id },
            h('th', { scope: 'row' }, s.name),
            h('td', { 'data-label': 'Kind' }, KIND_LABELS[s.kind] ?? s.kind),
            h(
              'td',
              { 'data-label': 'Status' },
              h(
                'span',
                { class: `badge status-${s.enabled ? s.health.status : 'disabled'}` },
                s.enabled ? s.health.status.replace('_', ' ') : 'disabled',
              ),
            ),
            h(
              'td',
              { 'data-label': 'Last success' },
              s.health.lastSuccessAt ? formatInstant(s.health.lastSuccessAt) : 'never',
            ),
            h('td', { 'data-label': 'Failures in a row' }, String(s.health.consecutiveFailures)),
            s.health.lastError
              ? h('td', { class: 'error-text', 'data-label': 'Last error' }, s.health.lastError)
              : h('td', { class: 'no-error' }),
          ),
        ),
      ),
    ),
  );
}
