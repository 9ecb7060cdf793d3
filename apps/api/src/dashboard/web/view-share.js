// @ts-check
/** Share of voice for the period: each lab's posts among the selected labs' posts. */
import { h, paint, replace } from './dom.js';
import { direction, formatChange, formatPercent } from './format.js';
import { labColour } from './palette.js';

/** @typedef {import('./types.js').CompareLab} CompareLab */

/**
 * @param {HTMLElement} slot
 * @param {CompareLab[]} labs
 */
export function renderShare(slot, labs) {
  const rows = labs.map((lab, i) => {
    const share = lab.current.shareOfVoice;
    const change = lab.change.shareOfVoice === null ? 'no posts in the previous period' : `${formatChange(lab.change.shareOfVoice, 'percent-points')} against the previous period`;
    const text = `${formatPercent(share)} (${change})`;
    return h(
      'li',
      { class: 'bar-row', 'data-lab': lab.lab, 'data-value': share ?? '' },
      h('span', { class: 'bar-label' }, lab.name),
      h(
        'span',
        { class: 'stacked-bar', role: 'img', 'aria-label': `${lab.name}: ${text}` },
        h('span', { class: 'bar-part lab', 'data-colour': labColour(i), 'data-width': ((share ?? 0) * 100).toFixed(2) }),
      ),
      h('span', { class: `bar-text change ${direction(lab.change.shareOfVoice)}`, 'aria-hidden': 'true' }, text),
    );
  });
  const total = labs.reduce((n, lab) => n + lab.current.volume, 0);
  replace(slot, total === 0 ? h('p', { class: 'empty' }, 'No posts in this period.') : h('ul', { class: 'bars' }, rows));
  paint(slot);
}
