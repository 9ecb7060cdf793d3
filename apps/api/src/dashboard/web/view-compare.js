// @ts-check
/** Labs side by side for the period (GET /v1/compare), each measure with its change against the previous period. */
import { h, paint, replace } from './dom.js';
import { direction, formatChange, formatCount, formatNet, formatPercent } from './format.js';
import { styleOf } from './palette.js';
import { formatPeriod } from './time.js';

/** @typedef {import('./types.js').CompareResponse} CompareResponse */
/** @typedef {import('./palette.js').LabStyle} LabStyle */

const ARROWS = { up: '▲', down: '▼', flat: '■', none: '' };
const WORDS = { up: 'up', down: 'down', flat: 'unchanged', none: 'no previous data' };

/**
 * @param {HTMLElement} slot
 * @param {CompareResponse} compare
 * @param {Map<string, LabStyle>} styles each lab's colour
 */
export function renderCompare(slot, compare, styles) {
  const note = h(
    'p',
    { class: 'hint' },
    `${formatPeriod(compare.current.from, compare.current.to)}, compared with the period of the same length before it (${formatPeriod(compare.previous.from, compare.previous.to)}).`,
  );
  const table = h(
    'table',
    { class: 'compare stacked', 'data-compare': '' },
    h(
      'caption',
      { class: 'visually-hidden' },
      'Labs side by side: posts, net sentiment and share of voice, with the change against the previous period',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['Lab', 'Posts', 'Change', 'Net sentiment', 'Change', 'Share of voice', 'Change'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      compare.labs.map((lab) =>
        h(
          'tr',
          { 'data-lab': lab.lab },
          h(
            'th',
            { scope: 'row', 'data-label': 'Lab' },
            h('span', { class: 'swatch', 'data-colour': styleOf(styles, lab.lab).colour }),
            lab.name,
          ),
          h(
            'td',
            { 'data-label': 'Posts', 'data-field': 'volume', 'data-value': lab.current.volume },
            formatCount(lab.current.volume),
          ),
          changeCell(
            'Posts change',
            lab.change.volumePercent === null
              ? formatChange(lab.change.volume, 'count')
              : formatChange(lab.change.volumePercent, 'percent'),
            lab.change.volume,
          ),
          h(
            'td',
            {
              'data-label': 'Net sentiment',
              'data-field': 'netSentiment',
              'data-value': lab.current.netSentiment ?? '',
            },
            formatNet(lab.current.netSentiment),
          ),
          changeCell('Net sentiment change', formatChange(lab.change.netSentiment, 'net'), lab.change.netSentiment),
          h(
            'td',
            {
              'data-label': 'Share of voice',
              'data-field': 'shareOfVoice',
              'data-value': lab.current.shareOfVoice ?? '',
            },
            formatPercent(lab.current.shareOfVoice),
          ),
          changeCell(
            'Share of voice change',
            formatChange(lab.change.shareOfVoice, 'percent-points'),
            lab.change.shareOfVoice,
          ),
        ),
      ),
    ),
  );
  replace(slot, note, h('div', { class: 'table-scroll' }, table));
  paint(slot);
}

/**
 * @param {string} label
 * @param {string} text
 * @param {number | null} value
 */
function changeCell(label, text, value) {
  const way = direction(value);
  return h(
    'td',
    { class: `change ${way}`, 'data-label': label, 'data-change': way },
    h('span', { 'aria-hidden': 'true' }, ARROWS[way], ' '),
    text,
    h('span', { class: 'visually-hidden' }, ` (${WORDS[way]})`),
  );
}
