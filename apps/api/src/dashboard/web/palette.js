// @ts-check
/**
 * Colours from the Okabe–Ito palette, which stays distinguishable with the common colour-vision
 * deficiencies; its yellow is left out (too light on white). Each lab also gets its own dash
 * pattern, so lines differ by more than colour.
 */

const LAB_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000'];
const LAB_DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6], [1, 2]];

/** How many labs the charts compare at once. */
export const MAX_LABS = LAB_COLOURS.length;

/** @param {number} index position of the lab among the selected ones */
export function labColour(index) {
  return LAB_COLOURS[index % LAB_COLOURS.length];
}

/** @param {number} index */
export function labDash(index) {
  return LAB_DASHES[index % LAB_DASHES.length];
}

/** Stance and sentiment: blue for favourable, grey for neutral, vermillion for against (CSS uses the same). */
export const STANCE_COLOURS = { favor: '#0072B2', neutral: '#8C8C8C', against: '#D55E00' };

/** Shading of buckets where collection was down. */
export const GAP_FILL = 'rgba(213, 94, 0, 0.12)';

/** Shading of the bucket whose posts are listed. */
export const SELECTED_FILL = 'rgba(0, 114, 178, 0.14)';
