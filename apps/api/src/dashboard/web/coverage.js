// @ts-check
/**
 * Collection health per bucket, from the `coverage` of /v1/trends (how many collectors polled
 * during the bucket and how many of them never failed), so a broken collector reads as a gap in
 * the charts rather than as a quiet day.
 */

/** @typedef {import('./types.js').CoveragePoint} CoveragePoint */
/** @typedef {import('./types.js').Source} Source */
/**
 * ok: every collector healthy; partial: some failed; down: all failed; none: no collector
 * polled although collection is tracked; untracked: nothing collects here (imports only).
 * @typedef {'ok' | 'partial' | 'down' | 'none' | 'untracked'} BucketHealth
 */

export const HEALTH_LABELS = /** @type {Record<BucketHealth, string>} */ ({
  ok: 'collected',
  partial: 'some sources failing',
  down: 'collection failed',
  none: 'no collector ran',
  untracked: 'not tracked',
});

/** Platform source kinds (imports carry no collection health). */
const PLATFORM_KINDS = new Set(['x_search', 'facebook_page', 'linkedin_org']);

/**
 * Whether the period's buckets should have had a collector: one reported in the period, or an
 * enabled platform source existed before it began.
 * @param {CoveragePoint[]} points
 * @param {Source[] | null} sources null when the list could not be read
 * @param {string} periodStart ISO 8601
 */
export function isTracked(points, sources, periodStart) {
  if (points.some((p) => p.sources > 0)) return true;
  return (sources ?? []).some((s) => s.enabled && PLATFORM_KINDS.has(s.kind) && s.createdAt <= periodStart);
}

/**
 * @param {CoveragePoint} point
 * @param {boolean} tracked
 * @returns {BucketHealth}
 */
export function bucketHealth(point, tracked) {
  if (!tracked) return 'untracked';
  if (point.sources === 0) return 'none';
  if (point.healthy === 0) return 'down';
  return point.healthy < point.sources ? 'partial' : 'ok';
}

/** A bucket the charts show as a gap. @param {BucketHealth} health */
export function isGap(health) {
  return health === 'down' || health === 'none';
}

/**
 * How many buckets are in each state.
 * @param {BucketHealth[]} healths
 */
export function countHealth(healths) {
  /** @type {Record<BucketHealth, number>} */
  const counts = { ok: 0, partial: 0, down: 0, none: 0, untracked: 0 };
  for (const h of healths) counts[h] += 1;
  return counts;
}
