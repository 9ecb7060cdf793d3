// @ts-check
/** The filter form: lab checkboxes, period, interval, platform and custom dates. */
import { h, replace } from './dom.js';
import { PLATFORMS, allowedInterval } from './filters.js';
import { MAX_LABS } from './palette.js';
import { INTERVAL_LABELS, RANGES } from './time.js';

/** @typedef {import('./filters.js').Filters} Filters */
/** @typedef {import('./types.js').Lab} Lab */

/**
 * @param {HTMLFormElement} form the #filters form of the page
 * @param {(filters: Filters) => void} onChange called with the new filters on every change
 */
export function createFilterForm(form, onChange) {
  const el = /** @param {string} name */ (name) =>
    /** @type {HTMLInputElement & HTMLSelectElement} */ (form.elements.namedItem(name));
  const labBox = /** @type {HTMLElement} */ (form.querySelector('[data-lab-choices]'));
  const customDates = /** @type {HTMLElement} */ (form.querySelector('[data-custom-dates]'));
  const labHint = /** @type {HTMLElement} */ (form.querySelector('[data-lab-hint]'));

  replace(
    el('range'),
    Object.entries(RANGES).map(([value, r]) => h('option', { value }, r.label)),
  );
  replace(
    el('platform'),
    Object.entries(PLATFORMS).map(([value, label]) => h('option', { value }, label)),
  );

  /** Labs in the order they were picked, so the rows keep their order while others come and go (colours follow the slugs, see palette.js). */
  /** @type {string[]} */
  let picked = [];

  /** @returns {Filters} */
  function read() {
    const range = /** @type {Filters['range']} */ (el('range').value);
    const checked = [...labBox.querySelectorAll('input:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value);
    return {
      labs: [...picked.filter((slug) => checked.includes(slug)), ...checked.filter((slug) => !picked.includes(slug))],
      range,
      interval: allowedInterval(range, el('interval').value),
      platform: /** @type {Filters['platform']} */ (el('platform').value),
      fromDate: el('from').value,
      toDate: el('to').value,
    };
  }

  /** @param {Filters} f */
  function syncControls(f) {
    const intervals = RANGES[f.range].intervals;
    replace(
      el('interval'),
      intervals.map((value) => h('option', { value, selected: value === f.interval }, INTERVAL_LABELS[value])),
    );
    customDates.hidden = f.range !== 'custom';
    const full = f.labs.length >= MAX_LABS;
    for (const box of labBox.querySelectorAll('input')) box.disabled = full && !box.checked;
    labHint.textContent = full
      ? `Up to ${MAX_LABS} labs at once: untick one to add another.`
      : 'Pick the labs to compare.';
  }

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', (event) => {
    const f = read();
    const target = /** @type {HTMLInputElement} */ (event.target);
    // At least one lab stays selected.
    if (f.labs.length === 0 && target.type === 'checkbox') {
      target.checked = true;
      return;
    }
    if (f.range === 'custom' && (!f.fromDate || !f.toDate || f.fromDate > f.toDate)) return;
    picked = f.labs;
    syncControls(f);
    onChange(f);
  });

  return {
    /**
     * Shows the labs and the current filters.
     * @param {Lab[]} labs
     * @param {Filters} f
     */
    render(labs, f) {
      picked = f.labs;
      const chosen = new Set(f.labs);
      replace(
        labBox,
        labs.map((lab) =>
          h(
            'label',
            { class: 'chip' },
            h('input', { type: 'checkbox', name: 'lab', value: lab.slug, checked: chosen.has(lab.slug) }),
            ` ${lab.name}`,
          ),
        ),
      );
      form.hidden = false;
      el('range').value = f.range;
      el('platform').value = f.platform;
      el('from').value = f.fromDate;
      el('to').value = f.toDate;
      syncControls(f);
    },
  };
}
