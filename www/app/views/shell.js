// #/shell: a line-oriented shell on one or several instances. The session (the package's
// shell-session.mjs, the same module as `tat-request shell`) sends each line as one
// RunCommand through the page's client (so with the credentials of the Run command page),
// carries the working directory and exported variables, and cancels with CancelInvocation.
// The terminal is xterm.js (npm @xterm/xterm, served by the console server from its own
// files, loaded the first time this view shows) in [data-shell]; every finished line's output,
// per instance, is also plain text in [data-shell-output][data-instance-id][data-exit-code]
// inside a log that screen readers follow.
import { $, el } from '../dom.js';
import { t, getLanguage } from '../i18n.js';
import { errorBox, asError } from '../errors.js';
import { showErrors } from '../fields.js';
import { parseInstanceIds } from '../params.js';

const XTERM = '/vendor/xterm/lib/xterm.mjs';
const XTERM_CSS = '/vendor/xterm/css/xterm.css';
/**
 * The output log keeps at most this many lines and characters of output (a line on 50
 * instances may bring 50 × 24 KB); the oldest go first. The terminal keeps its own scrollback.
 */
const LOG_MAX = 100;
const LOG_CHARS_MAX = 2 * 1024 * 1024;
/** Characters one typed line may hold; the package refuses a script past the API's limit anyway. */
const LINE_MAX = 32 * 1024;
/** Pasted lines waiting for the one running. */
const QUEUE_MAX = 100;

const ESC = '\x1b[';
/**
 * Control sequences (CSI, OSC, two-character escapes) and other control characters but tab and
 * newline: the terminal renders them, the log's text (what screen readers read) leaves them out.
 */
const CONTROLS = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|[\x00-\x08\x0b-\x1f\x7f]/g;
const plain = (text) => text.replace(CONTROLS, '');
const paint = (code, text) => `${ESC}${code}m${text}${ESC}0m`;

let xterm = null; // the module, once loaded

/**
 * xterm writes its generated CSS (theme colours, row sizes, the scrollbar's colours) into
 * <style> elements and a few colours into style attributes, which the page's CSP (style-src
 * 'self', no inline styles) refuses: xtermjs/xterm.js#4445. The same CSS reaches the page
 * through the CSSOM instead, which the CSP does not govern: a <style> the document is asked
 * for is an inert <template> stand-in (even an empty <style> is checked, and reported, as it
 * is inserted) whose text goes into a constructed stylesheet adopted by the document, and a
 * span's style attribute is set as its style.cssText. Installed once, when xterm is loaded;
 * nothing else in the page creates <style> elements.
 */
function routeStylesThroughCssom() {
  const create = Document.prototype.createElement;
  document.createElement = function createElement(name, options) {
    const tag = String(name).toLowerCase();
    const node = create.call(this, tag === 'style' ? 'template' : name, options);
    if (tag === 'style') {
      node.dataset.style = 'cssom';
      const sheet = new CSSStyleSheet();
      let text = '';
      Object.defineProperty(node, 'textContent', {
        get: () => text,
        set: (value) => {
          text = String(value ?? '');
          sheet.replaceSync(text);
        },
      });
      const remove = node.remove;
      node.remove = function removeStyle() {
        document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
        remove.call(this);
      };
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    } else if (tag === 'span') {
      const setAttribute = node.setAttribute;
      node.setAttribute = function setStyle(attr, value) {
        if (String(attr).toLowerCase() === 'style') this.style.cssText = String(value);
        else setAttribute.call(this, attr, value);
      };
    }
    return node;
  };
}

async function loadXterm() {
  if (xterm) return xterm;
  document.head.append(el('link', { rel: 'stylesheet', href: XTERM_CSS }));
  routeStylesThroughCssom();
  xterm = await import(XTERM);
  return xterm;
}

export function createShellView({ tat, client, root, instances }) {
  const heading = el('div', { className: 'page-head' }, el('h1', { id: 'shell-title' }), el('p', { id: 'shell-subtitle' }));
  const form = el('form', { className: 'card', id: 'shell-form', method: 'dialog', novalidate: true, autocomplete: 'off' });
  const textarea = el('textarea', { id: 'sh-InstanceIds', name: 'InstanceIds', rows: '2', spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'sh-h-InstanceIds' });
  const label = el('label', { for: 'sh-InstanceIds' });
  const hint = el('p', { className: 'hint', id: 'sh-h-InstanceIds' });
  const timeoutInput = el('input', { id: 'sh-Timeout', name: 'Timeout', type: 'text', inputmode: 'numeric', placeholder: '60', 'aria-describedby': 'sh-h-Timeout' });
  const timeoutLabel = el('label', { for: 'sh-Timeout' });
  const timeoutHint = el('p', { className: 'hint', id: 'sh-h-Timeout' });
  const connect = el('button', { type: 'submit', className: 'primary', id: 'shell-connect' });
  form.append(
    el('div', { className: 'grid-2' },
      el('div', { className: 'field' }, label, textarea, hint),
      el('div', { className: 'field' }, timeoutLabel, timeoutInput, timeoutHint)),
    el('div', { className: 'filter-actions' }, connect));
  const connectError = el('div', { id: 'shell-connect-error' }); // under the terminal's heading (heading order)

  const termTitle = el('h2', { id: 'shell-terminal-title' });
  const keys = el('p', { className: 'hint', id: 'shell-keys' });
  const host = el('div', { className: 'shell-terminal', dataset: { shell: '' }, role: 'group', 'aria-labelledby': 'shell-terminal-title', 'aria-describedby': 'shell-keys' });
  const status = el('p', { className: 'hint', id: 'shell-status', role: 'status' });
  const terminalCard = el('section', { className: 'card', id: 'shell-terminal', 'aria-labelledby': 'shell-terminal-title' }, termTitle, keys, connectError, host, status);

  const logTitle = el('h2', { id: 'shell-log-title' });
  const log = el('div', { id: 'shell-log', role: 'log', 'aria-labelledby': 'shell-log-title' });
  const logCard = el('section', { className: 'card', id: 'shell-log-card', 'aria-labelledby': 'shell-log-title' }, logTitle, log);
  // Attached when the view first shows: until then the page has one control named Timeout
  // (the run form's), as before this view existed.
  const attach = () => root.replaceChildren(heading, form, terminalCard, logCard);

  let term = null;
  let session = null;
  let line = ''; // what is typed
  let cursor = null; // history position (historyCursor)
  let waiting = null; // the AbortController of the line running
  let interrupts = 0;
  const queue = []; // pasted lines after the one running
  let logChars = 0; // output characters in the log
  let filled = false;
  let shared = null; // the package's shell-session module

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    open().catch(showFailure);
  });

  function showFailure(e) {
    connectError.replaceChildren(errorBox(tat, asError(e), getLanguage(), 'shell-error'));
  }

  /** The instances and Timeout typed, or null when the package refuses them (shown on the controls). */
  function read() {
    const ids = [...new Set(parseInstanceIds(textarea.value))];
    const errors = [];
    const warnings = [];
    const typed = timeoutInput.value.trim();
    const timeout = /^\d+$/.test(typed) ? Number(typed) : 60; // not a number: said below, in the page's words
    // The package judges the IDs and the Timeout as it would in a RunCommand of this session.
    const verdict = tat.validateRunCommand({ InstanceIds: ids, Content: tat.encodeContent('true'), Timeout: timeout }, { language: getLanguage() });
    const max = shared.INSTANCES_MAX;
    for (const p of verdict.errors) {
      // A shell splits its instances by kind and size as needed: only problems with an ID or the Timeout count.
      if (/^InstanceIds\[\d+\]$/.test(p.field) || p.field === 'Timeout') errors.push(p);
    }
    warnings.push(...verdict.warnings.filter((p) => p.field.startsWith('InstanceIds') || p.field === 'Timeout'));
    if (!ids.length) errors.push({ field: 'InstanceIds', code: 'MissingParameter', message: t('shellNone') });
    if (ids.length > max) errors.push({ field: 'InstanceIds', code: 'InvalidParameterValue', message: t('shellTooMany', { max }) });
    if (typed !== '' && !/^\d+$/.test(typed)) {
      errors.push({ field: 'Timeout', code: 'InvalidParameterValue', message: t('shellTimeoutNumber') });
    }
    showErrors(form, errors, {}, () => true, warnings);
    return errors.length ? null : { ids, timeout };
  }

  async function open() {
    shared ??= await import('/pkg/shell-session.mjs');
    const asked = read();
    if (!asked) {
      textarea.focus();
      return;
    }
    connectError.replaceChildren();
    waiting?.abort();
    connect.disabled = true;
    try {
      const { Terminal } = await loadXterm();
      if (!term) {
        term = new Terminal({
          rows: 20,
          cols: 100,
          convertEol: true,
          cursorBlink: false,
          scrollback: 2000,
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
          fontSize: 14,
          // Every colour at least 4.5:1 on the background (WCAG AA, axe's color-contrast), bright or not.
          theme: {
            background: '#0f172a', foreground: '#e2e8f0', cursor: '#e2e8f0',
            black: '#94a3b8', red: '#f87171', green: '#4ade80', yellow: '#facc15', blue: '#60a5fa', magenta: '#e879f9', cyan: '#22d3ee', white: '#e2e8f0',
            brightBlack: '#94a3b8', brightRed: '#fca5a5', brightGreen: '#86efac', brightYellow: '#fde047', brightBlue: '#93c5fd', brightMagenta: '#f0abfc', brightCyan: '#67e8f9', brightWhite: '#f8fafc',
          },
        });
        term.open(host);
        // Tab leaves the terminal, as everywhere else in the page (keyboard users are never trapped).
        term.attachCustomKeyEventHandler((e) => e.key !== 'Tab');
        term.onData(onData);
      }
      const next = shared.createShellSession({
        request: (action, params, options) => client.call(action, params, options),
        tat,
        instanceIds: asked.ids,
        timeout: asked.timeout,
        pollIntervalMs: 500,
      });
      status.textContent = t('shellConnecting');
      const agents = await next.start();
      session = next;
      cursor = shared.historyCursor(session.history);
      line = '';
      queue.length = 0;
      term.write(`\r\n${paint('37', t('shellConnected'))}\r\n`);
      for (const a of agents) {
        const ok = a.agent === 'Online';
        term.write(`  ${paint(ok ? '32' : '31', a.id)} ${a.type}, ${t('shellAgent', { status: a.agent })}${ok ? '' : ` ${t('shellLeftOut')}`}\r\n`);
      }
      const online = agents.filter((a) => a.agent === 'Online').length;
      status.textContent = online ? t('shellReady', { n: online }) : t('shellNoneOnline');
      if (online) {
        prompt();
        term.focus();
      }
    } finally {
      connect.disabled = false;
    }
  }

  function prompt() {
    const ids = session.instances.filter((i) => i.agent === 'Online').map((i) => i.id);
    const who = ids.length === 1 ? ids[0] : t('shellInstances', { n: ids.length });
    term.write(`${paint('1;32', who)}:${paint('1;34', session.cwd() ?? '~')}$ `);
  }

  function onData(data) {
    if (!session) return;
    if (waiting) {
      if (data.includes('\x03')) interrupt();
      return;
    }
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      if (c === '\x1b') {
        const seq = /^\x1b\[[0-9;]*[A-Za-z~]|^\x1bO[A-Za-z]/.exec(data.slice(i))?.[0] ?? '\x1b';
        i += seq.length - 1;
        if (seq === '\x1b[A' || seq === '\x1bOA') replaceLine(cursor.up(line));
        else if (seq === '\x1b[B' || seq === '\x1bOB') replaceLine(cursor.down());
        continue;
      }
      if (c === '\r' || c === '\n') {
        if (c === '\n' && data[i - 1] === '\r') continue;
        const rest = data.slice(i + 1).split(/\r\n?|\n/);
        submit(line, rest.at(-1) === '' ? rest.slice(0, -1) : rest);
        return;
      }
      if (c === '\x7f' || c === '\b') {
        if (line) {
          line = [...line].slice(0, -1).join('');
          term.write('\b \b');
        }
      } else if (c === '\x03') {
        term.write('^C\r\n');
        line = '';
        cursor.reset();
        prompt();
      } else if (c === '\x15') {
        replaceLine('');
      } else if (c === '\x0c') {
        term.clear();
      } else if (c >= ' ' && line.length < LINE_MAX) {
        line += c;
        term.write(c);
      }
    }
  }

  function replaceLine(text) {
    line = text.slice(0, LINE_MAX);
    term.write(`\r${ESC}K`);
    prompt();
    term.write(line);
  }

  /** Runs `text`; `more` are pasted lines that run after it, one by one. */
  function submit(text, more = []) {
    term.write('\r\n');
    queue.push(...more.slice(0, QUEUE_MAX - queue.length));
    line = '';
    cursor.reset();
    if (text.trim() === '') return next();
    runLine(text).finally(next);
  }

  function next() {
    if (waiting) return;
    if (queue.length) {
      const text = queue.shift();
      prompt();
      term.write(text);
      submit(text);
    } else {
      prompt();
    }
  }

  function interrupt() {
    interrupts += 1;
    if (interrupts === 1) {
      term.write(`^C ${paint('33', t('shellCancelling'))}\r\n`);
      status.textContent = t('shellCancelling');
      queue.length = 0;
      session.cancel().catch((e) => term.write(`${paint('31', asError(e).code)}\r\n`));
    } else {
      waiting.abort(new DOMException('stopped waiting', 'AbortError'));
    }
  }

  async function runLine(text) {
    waiting = new AbortController();
    interrupts = 0;
    let started = [];
    status.textContent = t('shellRunning');
    try {
      const { results } = await session.run(text, { signal: waiting.signal, onStarted: (ids) => { started = ids; } });
      const several = results.length > 1;
      for (const r of results) {
        if (several) term.write(`${paint('1;36', `── ${r.instanceId}`)} ${paint('37', `${r.status}, ${t('shellExit', { code: r.exitCode })}`)}\r\n`);
        if (r.output) term.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
        if (r.dropped) term.write(`${paint('33', t('shellDropped', { n: r.dropped }))}\r\n`);
        if (r.errorInfo) term.write(`${paint('33', r.errorInfo)}\r\n`);
        if (!several && r.status !== 'SUCCESS') term.write(`${paint('31', `[${r.status}, ${t('shellExit', { code: r.exitCode })}]`)}\r\n`);
      }
      record(text, results);
      status.textContent = t('shellDone', { n: results.length });
    } catch (e) {
      if (waiting.signal.aborted) {
        term.write(`${paint('33', t('shellStopped', { ids: started.join(' ') }))}\r\n`);
        status.textContent = t('shellStopped', { ids: started.join(' ') });
      } else {
        const error = asError(e);
        term.write(`${paint('31', `${error.code}: ${error.message ?? ''}`)}\r\n`);
        for (const p of error.errors ?? []) term.write(`  ${p.field}: ${p.message}\r\n`);
        log.append(el('div', { className: 'shell-entry' }, errorBox(tat, error, getLanguage(), `shell-error-${log.children.length}`)));
        status.textContent = t('shellFailed', { code: error.code });
      }
    } finally {
      waiting = null;
    }
  }

  /** The line's answers in the log, as text; the oldest go past LOG_MAX lines or LOG_CHARS_MAX characters. */
  function record(text, results) {
    const entry = el('article', { className: 'shell-entry', dataset: { chars: String(results.reduce((n, r) => n + r.output.length, 0)) } },
      el('h3', {}, el('code', {}, `$ ${text}`)),
      results.map((r) => el('div', { className: 'shell-answer' },
        el('p', { className: 'shell-answer-head' }, el('code', {}, r.instanceId), ' ',
          el('span', { className: `badge badge-${r.status === 'SUCCESS' ? 'ok' : 'bad'}` }, r.status), ' ', t('shellExit', { code: r.exitCode })),
        // Focusable: a long output scrolls, and keyboard users scroll it too.
        el('pre', { className: 'shell-output', tabindex: '0', dataset: { shellOutput: '', instanceId: r.instanceId, exitCode: String(r.exitCode ?? '') } }, plain(r.output)))));
    log.append(entry);
    logChars += Number(entry.dataset.chars);
    while (log.children.length > 1 && (log.children.length > LOG_MAX || logChars > LOG_CHARS_MAX)) {
      logChars -= Number(log.firstElementChild.dataset.chars ?? 0);
      log.firstElementChild.remove();
    }
  }

  function translate() {
    $('#shell-title', heading).textContent = t('shellTitle');
    $('#shell-subtitle', heading).textContent = t('shellSubtitle');
    label.textContent = t('InstanceIds');
    hint.textContent = t('shellHint');
    timeoutLabel.textContent = t('Timeout');
    timeoutHint.textContent = t('shellTimeoutHint');
    connect.textContent = t('shellConnect');
    termTitle.textContent = t('shellTerminal');
    keys.textContent = t('shellKeys');
    logTitle.textContent = t('shellLog');
    if (!session && !status.textContent) status.textContent = t('shellIntro');
    if (form.querySelector('.msg:not([hidden])') && shared) read();
  }

  return {
    el: root,
    titleKey: 'shellTitle',
    show() {
      if (!filled) {
        attach();
        const known = instances();
        if (known.length && textarea.value === '') textarea.value = known.join('\n');
        filled = true;
      }
      translate();
    },
    translate,
  };
}
