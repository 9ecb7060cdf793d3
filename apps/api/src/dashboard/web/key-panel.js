// @ts-check
/**
 * Asks for the read API key once, keeps it in this browser, and lets the user change or forget it.
 * The key is only ever sent to this page's own origin.
 */
import { byId } from './dom.js';
import { forgetKey, loadKey, maskKey, saveKey } from './key-store.js';

/**
 * @param {{ onKey: (key: string) => void, onForget: () => void }} handlers
 */
export function createKeyPanel(handlers) {
  const panel = byId('key-panel');
  const form = /** @type {HTMLFormElement} */ (byId('key-form'));
  const input = /** @type {HTMLInputElement} */ (byId('key-input'));
  const message = byId('key-message');
  const status = byId('key-status');
  const statusText = byId('key-status-text');
  let key = loadKey();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = input.value.trim();
    if (!value) {
      showMessage('Paste a read API key (it starts with lp_).', 'empty');
      input.focus();
      return;
    }
    key = value;
    saveKey(value);
    input.value = '';
    hide();
    handlers.onKey(value);
  });
  byId('key-change').addEventListener('click', () =>
    show('Enter the new key. The current one is kept until you save another.'),
  );
  byId('key-cancel').addEventListener('click', () => key && hide());
  byId('key-forget').addEventListener('click', () => {
    forgetKey();
    key = null;
    show('The key was removed from this browser. Enter a read API key to continue.');
    handlers.onForget();
  });

  /**
   * @param {string} text
   * @param {string | null} error what was wrong (e.g. `unauthorized`), null for guidance
   */
  function showMessage(text, error) {
    message.textContent = text;
    message.className = error ? 'error-text' : 'hint';
    message.setAttribute('role', error ? 'alert' : 'status');
    if (error) message.dataset.error = error;
    else delete message.dataset.error;
  }

  /**
   * Opens the form with a message: guidance, or why the API refused the key.
   * @param {string} text
   * @param {string | null} [error] e.g. `unauthorized`, `forbidden`, `empty`
   */
  function show(text, error = null) {
    panel.hidden = false;
    byId('key-cancel').hidden = !key;
    showMessage(text, error);
    input.focus();
    renderStatus();
  }

  function hide() {
    panel.hidden = true;
    renderStatus();
  }

  function renderStatus() {
    status.hidden = !key;
    statusText.textContent = key ? `Key ${maskKey(key)}` : '';
  }

  renderStatus();
  return { show, hide, current: () => key };
}
