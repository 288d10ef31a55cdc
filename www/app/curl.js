// The signed request as text: the preview panel (token masked, no secret key anywhere: the
// package never returns it) and a curl command that sends the very same bytes.
import { el } from './dom.js';
import { t } from './i18n.js';

/** Quotes a string for a POSIX shell. */
export const shellQuote = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;

/**
 * curl for a built request sent to `url`. Host is left to curl (it follows the URL): the
 * sandbox and the relay both accept a request signed for the API host.
 */
export function toCurl(built, url) {
  const headers = Object.entries(built.headers).filter(([name]) => name !== 'Host');
  return [
    `curl -X ${built.method} ${shellQuote(url)}`,
    ...headers.map(([name, value]) => `  -H ${shellQuote(`${name}: ${value}`)}`),
    `  --data-raw ${shellQuote(built.body)}`,
  ].join(' \\\n');
}

/** Renders the preview: method and URL, headers, then the exact body. */
export function renderPreview(container, built, url) {
  const lines = Object.entries(built.headers).map(([name, value]) => {
    const shown = name === 'X-TC-Token' ? `${value.slice(0, 6)}… ${t('tokenHidden', { n: value.length })}` : value;
    return el('div', { className: 'hdr' }, el('span', { className: 'hdr-name' }, `${name}: `), el('span', { className: 'hdr-value' }, shown));
  });
  container.replaceChildren(
    el('div', { className: 'req-line' }, el('span', { className: 'method' }, built.method), ' ', el('span', { className: 'url' }, url)),
    el('div', { className: 'hdrs' }, lines),
    el('pre', { className: 'req-body' }, built.body),
  );
}
