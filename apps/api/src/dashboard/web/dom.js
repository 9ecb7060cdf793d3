// @ts-check
/**
 * A tiny element builder. Text always goes in as text nodes, never as HTML, so nothing the API
 * returns (post texts, source names, error details) can inject markup.
 */

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener>} Attrs
 */

/**
 * h('a', { href, class: 'post' }, 'text', child): attributes (on* keys become listeners; false and
 * null leave the attribute out) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Array<Child | Child[]>} children
 */
function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * Replaces an element's children.
 * @param {Element} el
 * @param {...(Child | Child[])} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * The element with this id; throws when the page lacks it (a bug, not a runtime condition).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return /** @type {T} */ (el);
}

/**
 * Applies the colours and widths that elements carry as data-colour / data-width (a percentage),
 * through the CSS object model: the page's Content-Security-Policy refuses inline style attributes.
 * @param {ParentNode} root
 */
export function paint(root) {
  for (const el of root.querySelectorAll('[data-colour], [data-width]')) {
    if (!(el instanceof HTMLElement)) continue;
    if (el.dataset.colour) el.style.setProperty('--colour', el.dataset.colour);
    if (el.dataset.width) el.style.width = `${el.dataset.width}%`;
  }
}
