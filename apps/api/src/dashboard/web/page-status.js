// @ts-check
/**
 * The page's state (needs-key, loading, ready, error), as `data-state` on <body> and `aria-busy`
 * on the main region, and the banner that explains what went wrong and what to do.
 */
import { ApiError } from './api.js';
import { byId, h, replace } from './dom.js';

/** @typedef {'needs-key' | 'loading' | 'ready' | 'error'} PageState */

/**
 * What went wrong, in words for the person reading the page.
 * @param {unknown} error
 * @returns {{ kind: string, title: string, detail: string }}
 */
export function describeError(error) {
  if (!(error instanceof ApiError))
    return { kind: 'bug', title: 'Something went wrong in the page', detail: String(error) };
  const says = `The API says: ${error.message}`;
  switch (error.kind) {
    case 'unauthorized':
      return { kind: error.kind, title: 'Your API key was not accepted', detail: `${says}. Enter a valid read key.` };
    case 'forbidden':
      return {
        kind: error.kind,
        title: 'This API key may not read this',
        detail: `${says}. Use a key with the read scope.`,
      };
    case 'unreachable':
      return {
        kind: error.kind,
        title: 'The LabPulse API is not answering',
        detail: 'It may be down or restarting, or this device may be offline. Try again in a moment.',
      };
    case 'rate_limited':
      return { kind: error.kind, title: 'Too many requests with this key', detail: says };
    case 'invalid':
      return {
        kind: error.kind,
        title: 'The API cannot answer this view',
        detail: `${says}. Try a longer interval or a shorter period.`,
      };
    case 'not_found':
      return { kind: error.kind, title: 'Not found', detail: says };
    default:
      return {
        kind: error.kind,
        title: `The API failed to answer (HTTP ${error.status})`,
        detail: `${says}. Try again in a moment.`,
      };
  }
}

/**
 * A one-line description of a failure, for a section that degrades on its own.
 * @param {unknown} error
 */
export function shortError(error) {
  const { title, detail } = describeError(error);
  return `${title}. ${detail}`;
}

export function createPageStatus() {
  const banner = byId('banner');
  const main = byId('dashboard');

  return {
    /** @param {PageState} state */
    set(state) {
      document.body.dataset.state = state;
      main.setAttribute('aria-busy', String(state === 'loading'));
    },
    /**
     * @param {unknown} error
     * @param {(() => void) | null} retry
     */
    showError(error, retry) {
      const { kind, title, detail } = describeError(error);
      banner.hidden = false;
      banner.dataset.error = kind;
      replace(
        banner,
        h('strong', {}, title),
        h('span', {}, ` ${detail}`),
        retry ? h('button', { type: 'button', class: 'retry', onclick: retry }, 'Try again') : null,
      );
    },
    clearError() {
      banner.hidden = true;
      delete banner.dataset.error;
      replace(banner);
    },
  };
}
