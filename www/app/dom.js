// Small DOM helpers. Text is always set with textContent: nothing the user or the service
// sends is ever parsed as HTML.

/** Creates an element: el('td', { className: 'x', dataset: { status: 'OK' } }, 'text', child). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'className' || key === 'textContent' || key === 'type' || key === 'value' || key === 'id' || key === 'hidden') node[key] = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Delays `fn` until `ms` after the last call. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// A message that appears when a field loses the focus can move the button being pressed out
// from under the pointer, and the click is lost. Work on blur waits for the press to end.
let pressing = false;
const afterRelease = new Set();
document.addEventListener('pointerdown', () => { pressing = true; }, true);
document.addEventListener('pointerup', () => {
  pressing = false;
  const waiting = [...afterRelease];
  afterRelease.clear();
  setTimeout(() => waiting.forEach((fn) => fn()), 0);
}, true);

/** Runs `fn` now, or right after the click of a pointer press under way. */
export function afterPress(fn) {
  if (pressing) afterRelease.add(fn);
  else fn();
}
