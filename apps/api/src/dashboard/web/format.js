// @ts-check
/** Numbers as the page shows them. */

const INTEGER = new Intl.NumberFormat('en-GB');

/** @param {number} n */
export function formatCount(n) {
  return INTEGER.format(n);
}

/**
 * A ratio in [0, 1] as a percentage, "n/a" when the API has none (no posts).
 * @param {number | null} ratio
 */
export function formatPercent(ratio) {
  return ratio === null ? 'n/a' : `${(ratio * 100).toFixed(1)}%`;
}

/**
 * Net sentiment in [-1, 1], signed: "+0.25", "−0.40", "n/a".
 * @param {number | null} value
 */
export function formatNet(value) {
  if (value === null) return 'n/a';
  return signed(value.toFixed(2));
}

/**
 * A change against the previous period.
 * @param {number | null} value
 * @param {'count' | 'percent-points' | 'net' | 'percent'} unit
 */
export function formatChange(value, unit) {
  if (value === null) return 'n/a';
  switch (unit) {
    case 'count':
      return signed(INTEGER.format(value));
    case 'percent':
      return `${signed(value.toFixed(0))}%`;
    case 'percent-points':
      return `${signed((value * 100).toFixed(1))} pts`;
    default:
      return signed(value.toFixed(2));
  }
}

/**
 * Which way a change goes, for the arrow and its text.
 * @param {number | null} value
 * @returns {'up' | 'down' | 'flat' | 'none'}
 */
export function direction(value) {
  if (value === null) return 'none';
  if (value > 0) return 'up';
  if (value < 0) return 'down';
  return 'flat';
}

/** @param {string} text */
function signed(text) {
  if (text.startsWith('-')) return `−${text.slice(1)}`;
  return /^0(\.0+)?$/.test(text) ? text : `+${text}`;
}
