// @ts-check
/** Share of voice for the period: each lab's posts among the selected labs' posts. */
import { h, paint, replace } from './dom.js';
import { direction, formatChange, formatPercent } from './format.js';
import { styleOf } from './palette.js';

/** @typedef {import('./types.js').CompareLab} CompareLab */
/** @typedef {import('./palette.js').LabStyle} LabStyle */

/**
 * @param {HTMLElement} slot
 * @param {CompareLab[]} labs
 * @param {Map<string, LabStyle>} styles each lab's colour
 */
export function renderShare(slot, labs, styles) {
  const rows = labs.map((lab) => {
    const share = lab.current.shareOfVoice;
    const change =
      lab.change.shareOfVoice === null
        ? 'no posts in the previous period'
        : `${formatChange(lab.change.shareOfVoice, 'percent-points')} against the previous period`;
    const text = `${formatPercent(share)} (${change})`;
    return h(
      'li',
      { class: 'bar-row', 'data-lab': lab.lab, 'data-value': share ?? '' },
      h('span', { class: 'bar-label' }, lab.name),
      h(
        'span',
        { class: 'stacked-bar', role: 'img', 'aria-label': `${lab.name}: ${text}` },
        h('span', {
          class: 'bar-part lab',
          'data-colour': styleOf(styles, lab.lab).colour,
          'data-width': ((share ?? 0) * 100).toFixed(2),
        }),
      ),
      h('span', { class: `bar-text change ${direction(lab.change.shareOfVoice)}`, 'aria-hidden': 'true' }, text),
    );
  });
  const total = labs.reduce((n, lab) => n + lab.current.volume, 0);
  replace(
    slot,
    total === 0 ? h('p', { class: 'empty' }, 'No posts in this period.') : h('ul', { class: 'bars' }, rows),
  );
  paint(slot);
}
