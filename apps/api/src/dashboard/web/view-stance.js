// @ts-check
/** Stance breakdown for the period: how the posts that name each lab lean toward it. */
import { h, paint, replace } from './dom.js';
import { formatCount } from './format.js';

/** @typedef {import('./types.js').CompareLab} CompareLab */

const PARTS = /** @type {const} */ ([
  ['favor', 'Favour'],
  ['stanceNeutral', 'Neutral'],
  ['against', 'Against'],
]);

/**
 * @param {HTMLElement} slot
 * @param {CompareLab[]} labs
 */
export function renderStance(slot, labs) {
  const rows = labs.map((lab) => {
    const total = lab.current.favor + lab.current.stanceNeutral + lab.current.against;
    const parts = PARTS.map(([field, label]) => ({
      field,
      label,
      count: lab.current[field],
      share: total === 0 ? 0 : lab.current[field] / total,
    }));
    const text =
      total === 0
        ? 'no stance in this period'
        : parts.map((p) => `${p.label} ${percent(p.share)} (${formatCount(p.count)})`).join(', ');
    return h(
      'li',
      { class: 'bar-row', 'data-lab': lab.lab },
      h('span', { class: 'bar-label' }, lab.name),
      h(
        'span',
        { class: 'stacked-bar', role: 'img', 'aria-label': `${lab.name}: ${text}` },
        total === 0
          ? h('span', { class: 'bar-empty' })
          : parts.map((p) =>
              h('span', {
                class: `bar-part ${p.field}`,
                'data-width': (p.share * 100).toFixed(2),
                'data-stance': p.field,
                'data-count': p.count,
              }),
            ),
      ),
      h('span', { class: 'bar-text', 'aria-hidden': 'true' }, text),
    );
  });
  const legend = h(
    'p',
    { class: 'legend', 'aria-hidden': 'true' },
    PARTS.map(([field, label]) => h('span', { class: `key ${field}` }, label)),
  );
  replace(slot, legend, h('ul', { class: 'bars' }, rows));
  paint(slot);
}

/** @param {number} share */
function percent(share) {
  return `${Math.round(share * 100)}%`;
}
