// What the list views share: a table of rows under translated column heads, the loading and
// empty states in its place, the pager under it, and how a time is written in a cell.
import { el } from '../dom.js';
import { t, getLanguage } from '../i18n.js';

/** An ISO time in the page's language, 24-hour; '—' when there is none, as given when unreadable. */
export const when = (iso) => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(getLanguage(), { hour12: false });
};

/** A table `#<prefix>-rows` of `rows` under the columns' translated heads. */
export function dataTable(prefix, captionKey, columns, rows) {
  return el('div', { className: 'table-wrap' }, el('table', { className: 'tasks list' },
    el('caption', { className: 'sr-only' }, t(captionKey)),
    el('thead', {}, el('tr', {}, columns.map((k) => el('th', { scope: 'col' }, t(k))))),
    el('tbody', { id: `${prefix}-rows` }, rows)));
}

/** The list's table, or "loading", or its empty message `#<prefix>-empty`. */
export function listTable({ prefix, loading, items, emptyKey, captionKey, columns, rows }) {
  if (loading) return el('p', { className: 'muted' }, t('loading'));
  if (!items.length) return el('p', { className: 'muted', id: `${prefix}-empty` }, t(emptyKey));
  return dataTable(prefix, captionKey, columns, rows());
}

/** Previous and next (`#<prefix>-prev`, `#<prefix>-next`) over pages of `size`: `go(offset)`. */
export function pager({ prefix, offset, shown, total, size, go }) {
  const prev = el('button', { type: 'button', className: 'small-button', id: `${prefix}-prev`, disabled: offset === 0 }, t('prevPage'));
  const next = el('button', { type: 'button', className: 'small-button', id: `${prefix}-next`, disabled: offset + shown >= total }, t('nextPage'));
  prev.addEventListener('click', () => go(Math.max(0, offset - size)));
  next.addEventListener('click', () => go(offset + size));
  return el('nav', { className: 'pager', 'aria-label': t('pages') }, prev, next);
}

/** "from–to of total" of a page starting at `offset`. */
export const pageRange = (offset, shown, total) => t('pageRange', { from: shown ? offset + 1 : 0, to: offset + shown, total });
