// Views by URL hash: `#/run` (the form, also the page without a hash), `#/history`,
// `#/history/<invocation id>`, `#/commands`, `#/invokers`, `#/agents`, `#/shell` (main.js
// lists them). One view shows at a time; its link in the navigation bar carries
// aria-current="page"; the document title names it. After a navigation (not the first load)
// the focus moves to the view's heading, so that keyboard and screen-reader users land in it.
// The hash holds only view names and resource IDs, never a credential.
import { t } from './i18n.js';

/**
 * `views` maps a name to { el, titleKey, show?(arg), hide?(), translate?() }. `fallback` is
 * the view of an empty or unknown hash. Returns { refresh() } (re-translates the view shown).
 */
export function createRouter({ views, fallback = 'run' }) {
  let current = null;

  function parse() {
    const m = /^#\/([a-z]+)(?:\/(.+))?$/.exec(location.hash);
    if (!m || !Object.hasOwn(views, m[1])) return { name: fallback, arg: null };
    let arg = null;
    try {
      arg = m[2] ? decodeURIComponent(m[2]) : null;
    } catch { /* a malformed escape: the view's own list */ }
    return { name: m[1], arg };
  }

  function setTitle() {
    document.title = `${t(views[current.name].titleKey)} · ${t('consoleName')}`;
  }

  function go(first) {
    const next = parse();
    if (current && current.name !== next.name) views[current.name].hide?.();
    current = next;
    for (const [name, view] of Object.entries(views)) view.el.hidden = name !== next.name;
    for (const link of document.querySelectorAll('[data-view-link]')) {
      if (link.dataset.viewLink === next.name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    setTitle();
    views[next.name].show?.(next.arg);
    if (!first) {
      const heading = views[next.name].el.querySelector('h1');
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
        window.scrollTo(0, 0);
      }
    }
  }

  addEventListener('hashchange', () => go(false));
  go(true);
  return {
    refresh() {
      setTitle();
      views[current.name].translate?.();
    },
  };
}
