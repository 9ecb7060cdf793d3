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

/** @typedef {{ colour: string, dash: number[] }} LabStyle */

/**
 * Each selected lab's colour and dash. A lab's own slot comes from a hash of its slug, so it keeps
 * its colour whatever order the labs are picked in (form, address bar, reload) and whatever labs
 * are added to the catalogue. Two selected labs can share a slot (25 labs, 7 colours): then, in slug
 * order, the second takes the next free slot, so no two lines on a chart look alike.
 * @param {string[]} selected slugs on the page, at most MAX_LABS
 * @returns {Map<string, LabStyle>}
 */
export function labStyles(selected) {
  /** @type {Map<string, LabStyle>} */
  const styles = new Map();
  const taken = new Set();
  for (const slug of [...new Set(selected)].sort()) {
    let slot = homeSlot(slug);
    while (taken.has(slot) && taken.size < LAB_COLOURS.length) slot = (slot + 1) % LAB_COLOURS.length;
    taken.add(slot);
    styles.set(slug, { colour: LAB_COLOURS[slot], dash: LAB_DASHES[slot] });
  }
  return styles;
}

/**
 * A lab's palette slot when no other selected lab has it: FNV-1a of the slug, modulo the palette.
 * @param {string} slug
 */
function homeSlot(slug) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i += 1) hash = Math.imul(hash ^ slug.charCodeAt(i), 0x01000193) >>> 0;
  return hash % LAB_COLOURS.length;
}

/**
 * A lab's style, grey when it is not in the map (never expected: every drawn lab is selected).
 * @param {Map<string, LabStyle>} styles
 * @param {string} slug
 */
export function styleOf(styles, slug) {
  return styles.get(slug) ?? { colour: '#8C8C8C', dash: [] };
}

/** Stance and sentiment: blue for favourable, grey for neutral, vermillion for against (CSS uses the same). */
export const STANCE_COLOURS = { favor: '#0072B2', neutral: '#8C8C8C', against: '#D55E00' };

/** Shading of buckets where collection was down. */
export const GAP_FILL = 'rgba(213, 94, 0, 0.12)';

/** Shading of the bucket whose posts are listed. */
export const SELECTED_FILL = 'rgba(0, 114, 178, 0.14)';
