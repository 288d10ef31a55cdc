// #/shell: a line-oriented shell on one or several instances. The session (the package's
// shell-session.mjs, the same module as `tat-request shell`) sends each line as one
// RunCommand through the page's client (so with the credentials of the Run command page),
// carries the working directory and exported variables, and cancels with CancelInvocation.
// The terminal (terminal.js: xterm.js and the line editor) is in [data-shell]; every finished line's output,
// per instance, is also plain text in [data-shell-output][data-instance-id][data-exit-code]
// inside a log that screen readers follow.
import { $, el } from '../dom.js';
import { t, getLanguage } from '../i18n.js';
import { errorBox, asError } from '../errors.js';
import { showErrors } from '../fields.js';
import { parseInstanceIds } from '../params.js';
import { openTerminal, createLineEditor, paint, plain } from '../terminal.js';

/**
 * The output log keeps at most this many lines and characters of output (a line on 50
 * instances may bring 50 × 24 KB); the oldest go first. The terminal keeps its own scrollback.
 */
const LOG_MAX = 100;
const LOG_CHARS_MAX = 2 * 1024 * 1024;

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
  let editor = null; // terminal.js's line editor
  let session = null;
  let cursor = null; // history position (historyCursor)
  let waiting = null; // the AbortController of the line running
  let interrupts = 0;
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
      if (!term) {
        term = await openTerminal(host);
        editor = createLineEditor({ term, prompt, run: runLine, interrupt, history: () => (session ? cursor : null) });
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
      editor.reset();
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

  function interrupt() {
    interrupts += 1;
    if (interrupts === 1) {
      term.write(`^C ${paint('33', t('shellCancelling'))}\r\n`);
      status.textContent = t('shellCancelling');
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
