// @ts-check
/**
 * A time-series chart (uPlot) with what a canvas cannot give: a text summary for screen readers,
 * a table of the same numbers (each bucket a button, the keyboard path to its posts), shaded
 * collection gaps, and the numbers it drew in `data-drawn` so tests read what the chart holds.
 */
import uPlot from 'uplot';
import { h, replace } from './dom.js';
import { GAP_FILL, SELECTED_FILL } from './palette.js';
import { INTERVAL_MS, formatBucket, formatTick } from './time.js';

/**
 * `counts`, when given, is the sample behind each value (e.g. scored posts), shown beside it.
 * @typedef {{ label: string, colour: string, dash: number[], values: Array<number | null>, counts?: number[] }} ChartSeries
 * @typedef {{
 *   id: string,
 *   caption: string,
 *   starts: string[],
 *   interval: import('./time.js').Interval,
 *   series: ChartSeries[],
 *   gaps: boolean[],
 *   format: (value: number | null, count?: number) => string,
 *   yRange?: [number, number],
 *   integer?: boolean,
 *   yLabel: string,
 *   summary: string,
 *   onSelect: (index: number) => void,
 * }} ChartSpec
 */

/**
 * Draws charts into `slot`, replacing the previous one on each update; `highlight` marks the
 * bucket whose posts are shown.
 * @param {HTMLElement} slot
 */
export function createTimeChart(slot) {
  /** @type {uPlot | null} */
  let plot = null;
  /** @type {{ index: number | null }} */
  const selection = { index: null };
  const observer = new ResizeObserver(() => plot?.setSize(sizeOf(slot)));
  observer.observe(slot);

  return {
    /** @param {ChartSpec} spec */
    update(spec) {
      plot?.destroy();
      const colours = spec.series.map((s) => s.colour).join(',');
      const frame = h('div', {
        class: 'chart',
        role: 'img',
        'aria-label': spec.summary,
        'data-chart': spec.id,
        'data-buckets': spec.starts.length,
        'data-colours': colours,
      });
      const summary = h('p', { class: 'chart-summary' }, spec.summary);
      replace(slot, frame, summary, dataTable(spec));
      selection.index = null;
      plot = new uPlot(options(spec, sizeOf(slot), frame, selection), data(spec), frame);
    },
    /** @param {number} index */
    highlight(index) {
      selection.index = index;
      if (!plot) return;
      slot.dataset.selected = String(index);
      for (const row of slot.querySelectorAll('tbody tr'))
        row.classList.toggle('selected', row.getAttribute('data-index') === String(index));
      plot.redraw(false);
    },
    destroy() {
      observer.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}

/** @param {HTMLElement} slot */
function sizeOf(slot) {
  const width = Math.max(260, Math.floor(slot.clientWidth));
  return { width, height: width < 500 ? 220 : 260 };
}

/**
 * x: the middle of each bucket (in seconds), so the nearest point to a click is the bucket clicked.
 * @param {ChartSpec} spec
 * @returns {uPlot.AlignedData}
 */
function data(spec) {
  const half = INTERVAL_MS[spec.interval] / 2;
  const xs = spec.starts.map((s) => (Date.parse(s) + half) / 1000);
  return [xs, ...spec.series.map((s) => s.values)];
}

/**
 * @param {ChartSpec} spec
 * @param {{ width: number, height: number }} size
 * @param {HTMLElement} frame
 * @param {{ index: number | null }} selection
 * @returns {uPlot.Options}
 */
function options(spec, size, frame, selection) {
  const width = INTERVAL_MS[spec.interval] / 1000;
  const first = Date.parse(spec.starts[0]) / 1000;
  const last = Date.parse(spec.starts[spec.starts.length - 1]) / 1000 + width;
  return {
    ...size,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
    scales: {
      x: { time: true, range: () => [first, last] },
      y: spec.yRange
        ? { range: () => /** @type {[number, number]} */ (spec.yRange) }
        : { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] },
    },
    series: [
      {
        label: 'Bucket (UTC)',
        value: (_u, _v, _s, idx) => (idx == null ? '–' : formatBucket(spec.starts[idx], spec.interval)),
      },
      ...spec.series.map((s) => ({
        label: s.label,
        stroke: s.colour,
        dash: s.dash,
        width: 2,
        spanGaps: false,
        points: { show: true, size: 6, fill: s.colour },
        value: (
          /** @type {uPlot} */ _u,
          /** @type {number | null} */ v,
          /** @type {number} */ _s,
          /** @type {number | null} */ idx,
        ) => (idx == null ? '–' : spec.format(v, s.counts?.[idx])),
      })),
    ],
    axes: [
      { stroke: '#333', values: (_u, ticks, _a, _space, step) => ticks.map((t) => formatTick(t, step)) },
      {
        stroke: '#333',
        label: spec.yLabel,
        size: 56,
        values: (_u, ticks) => ticks.map((t) => spec.format(t)),
        ...(spec.integer ? { incrs: INTEGER_STEPS } : {}),
      },
    ],
    cursor: { drag: { x: false, y: false }, points: { size: 9 } },
    legend: { live: true },
    hooks: {
      drawClear: [(u) => shadeBuckets(u, spec, width, selection.index)],
      draw: [(u) => (frame.dataset.drawn = JSON.stringify(u.data.slice(1)))],
      ready: [(u) => u.over.addEventListener('click', () => u.cursor.idx != null && spec.onSelect(u.cursor.idx))],
    },
  };
}

/** Tick steps of count axes: whole posts only. */
const INTEGER_STEPS = [
  1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000,
  250_000, 500_000, 1_000_000,
];

/**
 * Shades, across the plot, the buckets where collection was down and the selected bucket.
 * @param {uPlot} u
 * @param {ChartSpec} spec
 * @param {number} width bucket width, seconds
 * @param {number | null} selected
 */
function shadeBuckets(u, spec, width, selected) {
  const { ctx, bbox } = u;
  /** @param {number} i @param {string} fill */
  const band = (i, fill) => {
    const start = Date.parse(spec.starts[i]) / 1000;
    const x0 = Math.max(bbox.left, u.valToPos(start, 'x', true));
    const x1 = Math.min(bbox.left + bbox.width, u.valToPos(start + width, 'x', true));
    ctx.fillStyle = fill;
    ctx.fillRect(x0, bbox.top, Math.max(1, x1 - x0), bbox.height);
  };
  ctx.save();
  spec.gaps.forEach((gap, i) => gap && band(i, GAP_FILL));
  if (selected !== null) band(selected, SELECTED_FILL);
  ctx.restore();
}

/**
 * The chart's numbers as a table, one row per bucket; the bucket is a button that lists its posts.
 * @param {ChartSpec} spec
 */
function dataTable(spec) {
  const rows = spec.starts.map((start, i) =>
    h(
      'tr',
      { 'data-start': start, 'data-index': i, class: spec.gaps[i] ? 'gap' : null },
      h(
        'th',
        { scope: 'row' },
        h(
          'button',
          { type: 'button', class: 'link', 'data-bucket': i, onclick: () => spec.onSelect(i) },
          formatBucket(start, spec.interval),
        ),
        spec.gaps[i] ? h('span', { class: 'gap-note' }, ' (collection gap)') : null,
      ),
      spec.series.map((s) =>
        h('td', { 'data-value': s.values[i] ?? '', 'data-n': s.counts?.[i] }, spec.format(s.values[i], s.counts?.[i])),
      ),
    ),
  );
  return h(
    'details',
    { class: 'chart-table' },
    h('summary', {}, 'Show the numbers as a table'),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { 'data-chart-table': spec.id },
        h('caption', {}, spec.caption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Bucket (UTC)'),
            spec.series.map((s) => h('th', { scope: 'col' }, s.label)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}
