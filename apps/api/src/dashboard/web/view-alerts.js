// @ts-check
/** Recent alerts for the selected labs (GET /v1/alerts), each with its explanation (GET /v1/alerts/:id). */
import { h, replace } from './dom.js';
import { explainAlert, metricLabel, platformLabel } from './alert-explain.js';
import { formatInstant } from './time.js';

/** @typedef {import('./types.js').Alert} Alert */
/** @typedef {import('./types.js').AlertDetail} AlertDetail */

/**
 * @param {HTMLElement} slot
 * @param {Array<{ alert: Alert, detail: AlertDetail | null }>} items newest first
 * @param {Map<string, string>} labNames slug -> name
 */
export function renderAlerts(slot, items, labNames) {
  if (items.length === 0) {
    replace(slot, h('p', { class: 'empty', 'data-alerts-empty': '' }, 'No alerts for these labs recently.'));
    return;
  }
  replace(
    slot,
    h(
      'ol',
      { class: 'alerts' },
      items.map(({ alert, detail }) =>
        h(
          'li',
          { class: 'alert', 'data-alert': alert.id, 'data-status': alert.status },
          h(
            'p',
            { class: 'alert-head' },
            h('span', { class: `badge status-${alert.status}` }, alert.status),
            ' ',
            h('strong', {}, labNames.get(alert.lab) ?? alert.lab),
            ` · ${detail?.rule.name ?? metricLabel(alert.metric)} · ${platformLabel(alert.platform)}`,
          ),
          h('p', { class: 'alert-when' }, when(alert)),
          h('p', { class: 'alert-why', 'data-explanation': '' }, explainAlert(alert, detail)),
        ),
      ),
    ),
  );
}

/**
 * Alerts cannot be shown: a clear note instead (the endpoint may be missing on this server).
 * @param {HTMLElement} slot
 * @param {string} message
 */
export function renderAlertsUnavailable(slot, message) {
  replace(slot, h('p', { class: 'note', 'data-alerts-note': '' }, message));
}

/** @param {Alert} alert */
function when(alert) {
  const since = `since ${formatInstant(alert.startsAt ?? alert.openedAt)}`;
  return alert.endsAt ? `${since}, ended ${formatInstant(alert.endsAt)}` : since;
}
