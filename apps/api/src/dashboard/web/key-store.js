// @ts-check
/** The read API key, kept in this browser's localStorage until the user changes or forgets it. */

const STORAGE_KEY = 'labpulse.apiKey';

/** @returns {string | null} */
export function loadKey() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the page asks again on every load
  }
}

/** @param {string} key */
export function saveKey(key) {
  try {
    localStorage.setItem(STORAGE_KEY, key);
  } catch {
    // kept in memory only for this visit
  }
}

export function forgetKey() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/**
 * What the page shows of a key: its public prefix (lp_ and 8 characters), never the secret.
 * @param {string} key
 */
export function maskKey(key) {
  return `${key.slice(0, 11)}…`;
}
