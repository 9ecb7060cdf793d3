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
 * A score as printed beside a post or an alert: fixed decimals, and never "-0.00" (a value that
 * rounds to zero prints as zero, whatever its sign).
 * @param {number} value
 * @param {number} digits
 */
export function formatScore(value, digits) {
  const text = value.toFixed(digits);
  return isZero(text) ? text.replace('-', '') : text.replace('-', '−');
}

/**
 * Net sentiment in [-1, 1], signed: "+0.25", "−0.40", "0.00", "n/a".
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

/**
 * A formatted number with its sign: "+0.25", "−0.40"; zero unsigned, also when a small negative
 * value rounded to it ("-0.00" prints as "0.00").
 * @param {string} text
 */
function signed(text) {
  if (isZero(text)) return text.replace('-', '');
  if (text.startsWith('-')) return `−${text.slice(1)}`;
  return `+${text}`;
}

/** "0", "-0.00", "0.0": a formatted zero of either sign. @param {string} text */
function isZero(text) {
  return /^-?0([.,]0+)?$/.test(text);
}
