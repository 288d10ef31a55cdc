// The console page: wires the form to the package (validation, placeholders, signing), the
// client (pacer + fetch) and the task table. State lives in this module's variables and the
// form itself; nothing is ever written to storage, cookies or the URL.
import init, * as tat from '/pkg/browser.js';
import { $, el, debounce } from './dom.js';
import { t, setLanguage, getLanguage, translatePage } from './i18n.js';
import { createRows } from './rows.js';
import { readParams, readCredentials, parseInstanceIds } from './params.js';
import { showErrors } from './fields.js';
import { createClient, sign, endpointUrl, signHostFor } from './api.js';
import { toCurl, renderPreview } from './curl.js';
import { followInvocation, renderTasks } from './tasks.js';
import { errorBox, asError } from './errors.js';
import { createRouter } from './router.js';
import { createHistoryView } from './views/history.js';
import { createAgentsView } from './views/agents.js';
import { createCommandsView } from './views/commands.js';
import { createInvokersView } from './views/invokers.js';
import { createShellView } from './views/shell.js';

const CREDENTIAL_FIELDS = new Set(['SecretId', 'SecretKey', 'Token', 'Region']);
/** Problems that "send anyway" cannot waive: the request could not be signed as given. */
const UNWAIVABLE = new Set([...CREDENTIAL_FIELDS, 'Host', 'Action', 'Language', 'Timestamp']);
/** Signing host when the server does not say (a page served elsewhere). */
const API_HOST = 'tat.tencentcloudapi.com';

const form = $('#run');
let limits;
let config = { mode: 'static', endpoint: 'https://tat.tencentcloudapi.com/', signHost: API_HOST };
let editors;
let submitted = false;
const touched = new Set();
let lastBuilt = null; // the last preview's request (holds no secret key: the package never returns it)
let lastResult = null; // what the results panel shows, re-rendered on a language switch
let run = null; // the AbortController of the invocation being followed
let lastChipsKey = '';
let pointerDown = false; // a press is under way: a blur's refresh waits for its click
let blurPending = false;
let router = null; // the views by URL hash (router.js), made once the client exists

function bootError(e) {
  const box = $('#boot-error');
  box.textContent = t('bootError', { detail: e?.message ?? String(e) });
  box.hidden = false;
}

/** A count of base64 characters as a size (the limit counts characters, one byte each). */
const kb = (chars) => (chars < 1024 ? `${chars} B` : `${(chars / 1024).toLocaleString(getLanguage(), { maximumFractionDigits: 1 })} KB`);

// ---------------------------------------------------------------------------- validation

/** Validates everything, shows the messages, refreshes counters, placeholders and preview. */
function refresh() {
  const language = getLanguage();
  const { params, extraErrors, rows } = readParams(form, editors, tat);
  const errors = [...extraErrors];
  const warnings = [];
  const credentials = readCredentials(form);
  const batches = signRequests(params, credentials, language, errors, warnings);

  // A list change needs every message re-placed: rows feed the index mapping.
  const touchedAny = touched.size > 0;
  const visible = (control) => submitted || touched.has(control.name || control.dataset.field) ||
    ((control.dataset.derived === 'true' || control.tagName === 'FIELDSET') && touchedAny);
  const { orphans } = showErrors(form, errors, rows, visible, warnings);
  renderSummary(errors, warnings, orphans);
  renderCounters(params, rows, script(), batches.length);
  renderPlaceholders(params);
  renderSigned(credentials);
  return { params, errors, warnings, batches };
}

/**
 * The requests that `params` makes: itself when it fits one request, else what
 * splitRunCommand makes of it. The first is signed for the preview (`lastBuilt`). Problems
 * with the parameters and the credentials go into `errors`; with a problem in the
 * parameters, no request is returned.
 */
function signRequests(params, credentials, language, errors, warnings) {
  const signed = (p) => sign(tat, { action: 'RunCommand', params: p, credentials, language, defaultHost: config.signHost });
  lastBuilt = null;
  const count = Array.isArray(params.InstanceIds) ? params.InstanceIds.length : 0;
  if (count > limits.instanceIdsMax) {
    // More instances than one request takes: the package splits them into valid requests
    // (kinds never mixed, at most the limit each) and reports problems on the original
    // lines; signing the first then judges the credentials.
    let batches = [];
    try {
      batches = tat.splitRunCommand(params, { language });
    } catch (e) {
      errors.push(...(e.errors ?? [{ field: '', code: e.code ?? 'InvalidParameter', message: e.message }]));
    }
    // The warnings of every line at its own position: the list validated a request's worth at
    // a time (over the limit it is not examined item by item), each warning moved to where the
    // user wrote it. Errors are the split's to report.
    const max = limits.instanceIdsMax;
    for (let at = 0; at < count; at += max) {
      const chunk = { ...params, InstanceIds: params.InstanceIds.slice(at, at + max) };
      for (const w of tat.validateRunCommand(chunk, { language }).warnings) {
        const m = /^InstanceIds\[(\d+)\]$/.exec(w.field);
        if (m) warnings.push({ ...w, field: `InstanceIds[${at + Number(m[1])}]` });
        else if (at === 0) warnings.push(w);
      }
    }
    // Signing also judges the request's inputs (credentials, Region): their errors and
    // warnings, which name no parameter, are reported once.
    const ofInputs = (list) => (list ?? []).filter((x) => !Object.hasOwn(params, x.field.split(/[.[]/)[0]));
    try {
      lastBuilt = signed(batches[0] ?? params);
      warnings.push(...ofInputs(lastBuilt.warnings));
    } catch (e) {
      errors.push(...(e.errors ?? []).filter((x) => CREDENTIAL_FIELDS.has(x.field)));
      warnings.push(...ofInputs(e.warnings));
    }
    return batches;
  }
  // One request: signing validates the parameters and the credentials together, in the
  // page's language.
  try {
    lastBuilt = signed(params);
    warnings.push(...lastBuilt.warnings);
    return [params];
  } catch (e) {
    if (!e.errors) {
      // Not the package's verdict (an endpoint that is not a URL yet): the parameters alone.
      const result = tat.validateRunCommand(params, { language });
      errors.push(...result.errors);
      warnings.push(...result.warnings);
      return result.valid ? [params] : [];
    }
    warnings.push(...(e.warnings ?? []));
    // The signing host comes from the endpoint or the server, not from a field: a problem
    // with it is the call's to report when the request is sent.
    const found = e.errors.filter((x) => x.field !== 'Host');
    errors.push(...found);
    return found.every((x) => CREDENTIAL_FIELDS.has(x.field)) ? [params] : [];
  }
}

const script = () => form.elements.namedItem('Content').value;

function renderSummary(errors, warnings, orphans) {
  const box = $('#summary');
  if (!submitted) {
    box.replaceChildren();
    return;
  }
  const warned = warnings.length ? el('span', { className: 'warn-text' }, t('warnings', { n: warnings.length })) : null;
  if (!errors.length) {
    // Nulls filtered out: replaceChildren itself would write a null as the text 'null'.
    box.replaceChildren(...[el('span', { className: 'ok-text' }, t('ready')), warned].filter(Boolean));
    return;
  }
  // The rules may be behind the service: after a refusal the user may send anyway, never by
  // default, and never past what cannot be signed (credentials, host...).
  const waivable = errors.every((e) => !UNWAIVABLE.has(e.field) && e.code !== 'InvalidParameter');
  let anyway = null;
  if (waivable) {
    anyway = el('button', { type: 'button', id: 'send-anyway', className: 'danger' }, t('sendAnyway'));
    anyway.addEventListener('click', () => safely(() => send({ validation: 'warn' })));
  }
  box.replaceChildren(...[
    el('span', { className: 'bad-text' }, t('problems', { n: errors.length })),
    warned,
    orphans.length ? el('ul', { className: 'orphans' }, orphans.map((e) => el('li', { dataset: { code: e.code } }, e.field ? `${e.field}: ${e.message}` : e.message))) : null,
    anyway ? el('p', { className: 'anyway' }, anyway, ' ', el('span', { className: 'hint' }, t('sendAnywayHint'))) : null,
  ].filter(Boolean));
}

function renderCounters(params, rows, text, requests) {
  // The script as sent (readParams leaves Content out when it is empty or not well-formed text).
  const chars = params.Content?.length ?? 0;
  const max = limits.contentMaxChars;
  const lines = text === '' ? 0 : text.split('\n').length;
  const counter = $('#content-counter');
  counter.textContent = t('contentCounter', { used: kb(chars), max: kb(max), lines });
  counter.classList.toggle('over', chars > max);
  const bar = $('#content-meter');
  bar.style.width = `${Math.min(100, (chars / max) * 100)}%`;
  bar.classList.toggle('over', chars > max);
  $('#gutter').textContent = Array.from({ length: Math.max(lines, 1) }, (_, i) => i + 1).join('\n');

  const ids = params.InstanceIds?.length ?? 0;
  const ic = $('#instance-counter');
  const split = ids > limits.instanceIdsMax && requests > 0;
  ic.textContent = split
    ? t('instanceSplit', { n: ids, k: requests, max: limits.instanceIdsMax })
    : t('instanceCounter', { n: ids, max: limits.instanceIdsMax });
  ic.classList.toggle('over', ids > limits.instanceIdsMax && !split);
  const setCount = (sel, n, max, key) => {
    const c = $(sel);
    c.textContent = t(key, { n, max });
    c.classList.toggle('over', n > max);
  };
  setCount('#tags-counter', rows.Tags.length, limits.tagsMax, 'tagCounter');
  setCount('#parameters-counter', rows.Parameters.length, limits.parametersMax, 'parameterCounter');
  setCount('#defaults-counter', rows.DefaultParameters.length, limits.parametersMax, 'parameterCounter');
  form.elements.namedItem('Parameters').value = params.Parameters ?? '';
  form.elements.namedItem('DefaultParameters').value = params.DefaultParameters ?? '';
  for (const chip of document.querySelectorAll('#fleet-chips button')) {
    chip.setAttribute('aria-pressed', String((params.InstanceIds ?? []).includes(chip.dataset.id)));
  }
}

/** Placeholders of the script, which have values, and the replaced script. */
function renderPlaceholders(params) {
  let names = [];
  let preview = null;
  if (params.Content) {
    try {
      names = tat.listPlaceholders(params.Content);
      if (params.EnableParameter && names.length) preview = tat.previewContent(params.Content, params.Parameters ?? null, params.DefaultParameters ?? null);
    } catch { /* the validator reports what is wrong with these */ }
  }
  $('#placeholders-label').textContent = names.length ? t('placeholdersFound') : t('noPlaceholders');
  const missing = new Set(preview?.missing ?? (params.EnableParameter ? [] : names));
  // Rebuilt only when they change: a chip replaced between a press and its release (a
  // refresh runs when the press takes the focus) would swallow the click.
  const chipsKey = JSON.stringify([names, [...missing]]);
  if (chipsKey === lastChipsKey) return renderPreviewBox(preview);
  lastChipsKey = chipsKey;
  $('#placeholder-chips').replaceChildren(...names.map((name) => {
    const chip = el('button', { type: 'button', className: `chip${missing.has(name) ? ' chip-missing' : ''}`, dataset: { name } }, `{{${name}}}`);
    chip.addEventListener('click', () => addParameterFor(name));
    return chip;
  }));
  renderPreviewBox(preview);
}

function renderPreviewBox(preview) {
  const box = $('#preview');
  box.hidden = !preview;
  if (preview) {
    $('#preview-text').textContent = preview.text ?? t('previewNotUtf8');
    const m = $('#preview-missing');
    m.hidden = !preview.missing.length;
    m.textContent = t('previewMissing', { names: preview.missing.map((n) => `{{${n}}}`).join(', ') });
  }
}

/** A placeholder chip: focus its row, or add one. */
function addParameterFor(name) {
  const existing = editors.Parameters.rows().find((r) => r.key === name);
  if (existing) return existing.valueInput.focus();
  if (!form.elements.namedItem('EnableParameter').checked) {
    form.elements.namedItem('EnableParameter').checked = true;
    touched.add('EnableParameter');
  }
  const row = editors.Parameters.add(name, '');
  row.querySelector('[data-part="value"]').focus();
}

function renderSigned(credentials) {
  const note = $('#signed-note');
  const box = $('#signed');
  $('#copy-curl').disabled = !lastBuilt;
  if (!lastBuilt) {
    note.textContent = t('signedEmpty');
    box.replaceChildren();
    return;
  }
  const ts = Number(lastBuilt.headers['X-TC-Timestamp']) * 1000;
  note.textContent = t('signedAt', { time: new Date(ts).toLocaleTimeString(getLanguage(), { hour12: false }), host: signHostFor(credentials.endpoint, config.signHost) });
  renderPreview(box, lastBuilt, endpointUrl(credentials.endpoint));
}

// ---------------------------------------------------------------------------- results

function showResult(result) {
  lastResult = result;
  renderResult();
}

function renderResult() {
  const r = lastResult;
  if (!r) return;
  $('#results').hidden = false;
  const answer = $('#answer');
  const status = $('#results-status');
  const lang = getLanguage();
  status.textContent = r.phase === 'sending' ? t('sending', { action: 'RunCommand' })
    : r.phase === 'polling' ? t('polling')
      : r.phase === 'done' ? t('finished', { n: r.tasks?.length ?? 0 }) : '';
  const parts = [];
  if (r.response) {
    parts.push(el('dl', { className: 'ids' },
      el('dt', {}, t('invocation')), el('dd', {}, el('code', { id: 'invocation-id' }, r.response.InvocationId ?? '')),
      el('dt', {}, t('commandId')), el('dd', {}, el('code', {}, r.response.CommandId ?? '')),
      el('dt', {}, t('requestId')), el('dd', {}, el('code', {}, r.response.RequestId ?? ''))));
  }
  // An answer lost, and the invocation found on the service: said, never a silent second run.
  if (r.response?.reconciled) parts.push(el('p', { className: 'alert', id: 'reconciled', dataset: { outcome: 'reconciled' } }, t('reconciled')));
  if (r.error) parts.push(errorBox(tat, r.error, lang));
  answer.replaceChildren(...parts);
  const wrap = $('#tasks-wrap');
  wrap.hidden = !r.tasks;
  if (r.tasks) renderTasks(tat, $('#tasks'), r.tasks);
}

// ---------------------------------------------------------------------------- submit

let client; // made in start(), once the module (and its limits table) is loaded

async function onSubmit(event) {
  event.preventDefault();
  submitted = true;
  const { errors } = refresh();
  if (errors.length) {
    form.querySelector('[aria-invalid="true"]:not(fieldset)')?.focus();
    return;
  }
  await send({ validation: 'error' });
}

/**
 * Sends the form's run: every batch, then follows the tasks. With `validation: 'warn'` (the
 * "send anyway" after a refusal) the package builds what its rules refuse, as warnings.
 */
async function send({ validation }) {
  const { params, batches: valid } = refresh();
  // Refused requests make no batches: sent anyway, the parameters go as they are.
  const batches = valid.length ? valid : [params];
  run?.abort();
  const controller = new AbortController();
  run = controller;
  const button = $('#submit');
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  showResult({ phase: 'sending' });
  const responses = [];
  try {
    // One request per batch (one unless the instances exceed a request's limit), each paced
    // by the client's Pacer; then every invocation is followed and the tasks shown together.
    for (const batch of batches) responses.push(await client.call('RunCommand', batch, { signal: controller.signal, validation }));
    const response = responses.length === 1 ? responses[0]
      : { ...responses[0], reconciled: responses.some((r) => r.reconciled), InvocationId: responses.map((r) => r.InvocationId).join(', '), CommandId: responses.map((r) => r.CommandId).join(', ') };
    showResult({ phase: 'polling', response, tasks: [] });
    const seen = new Map();
    const lists = await Promise.all(responses.map((r, i) => followInvocation({
      tat,
      client,
      invocationId: r.InvocationId,
      expected: batches[i].InstanceIds.length,
      signal: controller.signal,
      onTasks: (list) => {
        seen.set(r.InvocationId, list);
        showResult({ phase: 'polling', response, tasks: [...seen.values()].flat() });
      },
    })));
    showResult({ phase: 'done', response, tasks: lists.flat() });
  } catch (e) {
    if (e?.name === 'AbortError') return;
    // The invocations that had started are named, whatever failed after them (issue 22).
    showResult({ ...lastResult, phase: 'failed', error: { ...asError(e), invocations: responses.map((r) => r.InvocationId) } });
  } finally {
    if (run === controller) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

async function copyCurl() {
  // Signed afresh so that the copied command is valid for the next five minutes.
  refresh();
  if (!lastBuilt) return;
  const text = toCurl(lastBuilt, endpointUrl(readCredentials(form).endpoint));
  const status = $('#copy-status');
  const button = $('#copy-curl');
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t('copied');
  } catch {
    status.textContent = t('copyFailed');
  }
  button.textContent = status.textContent;
  setTimeout(() => { button.textContent = t('copyCurl'); }, 1500);
}

// ---------------------------------------------------------------------------- start

async function switchLanguage(lang) {
  // Loaded with the module (start), unless that failed: then fetched now.
  await tat.loadLanguage(lang);
  setLanguage(lang);
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === getLanguage()));
  for (const editor of Object.values(editors)) editor.translate();
  renderMode();
  renderFleet();
  toggleKeyLabel();
  refresh();
  renderResult();
  router?.refresh();
}

function renderMode() {
  const badge = $('#mode');
  badge.hidden = false;
  badge.dataset.mode = config.mode;
  badge.textContent = config.mode === 'sandbox' ? t(config.exec ? 'modeSandboxExec' : 'modeSandbox') : config.mode === 'relay' ? t('modeRelay', { upstream: config.upstream ?? '' }) : t('modeStatic');
}

function renderFleet() {
  const fleet = Array.isArray(config.fleet) ? config.fleet : [];
  $('#fleet').hidden = !fleet.length;
  $('#fleet-chips').replaceChildren(...fleet.map((i) => {
    const what = i.state !== 'RUNNING' ? t('state.stopped') : i.agent !== 'Online' ? t('state.offline') : t(`behaviour.${i.behaviour}`);
    const chip = el('button', { type: 'button', className: 'chip fleet-chip', dataset: { id: i.InstanceId, kind: i.behaviour }, 'aria-pressed': 'false' },
      el('code', {}, i.InstanceId), el('span', { className: 'chip-note' }, `${i.name} · ${i.os} · ${what}`));
    chip.addEventListener('click', () => toggleInstance(i.InstanceId));
    return chip;
  }));
}

function toggleInstance(id) {
  const field = form.elements.namedItem('InstanceIds');
  const ids = parseInstanceIds(field.value);
  field.value = (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]).join('\n');
  touched.add('InstanceIds');
  refresh();
}

/** The sandbox's demo account into the credential fields. */
function applyDemo(demo) {
  form.elements.namedItem('SecretId').value = demo.secretId;
  form.elements.namedItem('SecretKey').value = demo.secretKey;
  form.elements.namedItem('Region').value = demo.region ?? 'ap-guangzhou';
}

function fillDemo() {
  if (!config.demo) return;
  applyDemo(config.demo);
  refresh();
}

function toggleKeyLabel() {
  const input = form.elements.namedItem('SecretKey');
  const button = $('#toggle-key');
  button.textContent = input.type === 'password' ? t('show') : t('hide');
  button.setAttribute('aria-pressed', String(input.type !== 'password'));
}

async function start() {
  // The console offers both languages: it fetches the package's zh-CN messages (5 KB) beside
  // the module, so that switching is immediate. Should that fail, the first switch tries again.
  await Promise.all([init(), tat.loadLanguage('zh-CN').catch(() => {})]);
  limits = tat.limits();
  client = createClient({
    tat,
    // The package's Pacer defaults to the API's documented rate.
    pacer: new tat.Pacer(),
    settings: () => ({ credentials: readCredentials(form), language: getLanguage(), defaultHost: config.signHost }),
  });
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) config = { ...config, ...(await res.json()) };
  } catch { /* served without the console server: direct mode, nothing pre-filled */ }

  const select = form.elements.namedItem('CommandType');
  select.replaceChildren(...limits.commandTypes.map((type) => el('option', { value: type }, type)));

  const changed = debounce(() => safely(refresh), 120);
  editors = {
    Tags: createRows($('#tags-rows'), { name: 'Tags', keyLabel: 'tagKey', valueLabel: 'tagValue', onChange: changed }),
    Parameters: createRows($('#parameters-rows'), { name: 'Parameters', keyLabel: 'keyLabel', valueLabel: 'valueLabel', onChange: changed }),
    DefaultParameters: createRows($('#defaults-rows'), { name: 'DefaultParameters', keyLabel: 'keyLabel', valueLabel: 'valueLabel', onChange: changed }),
  };
  $('#add-tag').addEventListener('click', () => editors.Tags.add().querySelector('input').focus());
  $('#add-parameter').addEventListener('click', () => editors.Parameters.add().querySelector('input').focus());
  $('#add-default').addEventListener('click', () => editors.DefaultParameters.add().querySelector('input').focus());

  // Live validation: as the user types (debounced) and at once on blur.
  const touch = (e) => {
    const target = e.target;
    if (target?.name) touched.add(target.name);
  };
  form.addEventListener('input', (e) => { touch(e); changed(); });
  form.addEventListener('change', (e) => { touch(e); changed(); });
  // A blur shows the field's message at once, but not while a press is under way: a message
  // appearing between press and release moves the button under the pointer and the click
  // is lost. The refresh then runs right after the click.
  form.addEventListener('focusout', (e) => {
    touch(e);
    if (pointerDown) blurPending = true;
    else safely(refresh);
  });
  document.addEventListener('pointerdown', () => { pointerDown = true; }, true);
  document.addEventListener('pointerup', () => {
    pointerDown = false;
    if (blurPending) {
      blurPending = false;
      setTimeout(() => safely(refresh), 0);
    }
  }, true);
  form.addEventListener('submit', (e) => safely(() => onSubmit(e)));
  $('#copy-curl').addEventListener('click', () => safely(copyCurl));
  $('#use-demo').addEventListener('click', () => safely(fillDemo));
  $('#toggle-key').addEventListener('click', () => {
    const input = form.elements.namedItem('SecretKey');
    input.type = input.type === 'password' ? 'text' : 'password';
    toggleKeyLabel();
  });
  const content = form.elements.namedItem('Content');
  content.addEventListener('scroll', () => { $('#gutter').scrollTop = content.scrollTop; });
  for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => safely(() => switchLanguage(b.dataset.lang)));

  // Served by the console server: its endpoint, and in sandbox mode the demo account and an
  // online instance, so that typing a script and pressing the button runs it.
  form.elements.namedItem('Endpoint').value = config.endpoint ?? '/api';
  if (config.demo) {
    $('#demo-note').hidden = false;
    form.elements.namedItem('InstanceIds').value = (config.demo.instanceIds ?? []).join('\n');
    applyDemo(config.demo);
  }
  await switchLanguage(navigator.language?.startsWith('zh') ? 'zh-CN' : 'en-US');
  // The package keeps the signing key derived from the last credentials; drop it with the page.
  addEventListener('pagehide', () => tat.forgetCredentials());
  // The other views share the client, so the credentials of this form.
  router = createRouter({
    views: {
      run: { el: $('#view-run'), titleKey: 'title' },
      commands: createCommandsView({ tat, client, root: $('#view-commands'), commandTypes: () => limits.commandTypes }),
      history: createHistoryView({ tat, client, root: $('#view-history') }),
      invokers: createInvokersView({ tat, client, root: $('#view-invokers') }),
      agents: createAgentsView({ tat, client, root: $('#view-agents'), fleet: () => (Array.isArray(config.fleet) ? config.fleet.map((i) => i.InstanceId) : []) }),
      shell: createShellView({ tat, client, root: $('#view-shell'), instances: () => config.demo?.instanceIds ?? [] }),
    },
  });
  document.body.dataset.ready = 'true';
}

/** Runs a handler so that no input can break the page: a failure is shown, not thrown. */
function safely(fn) {
  try {
    const r = fn();
    if (r && typeof r.catch === 'function') r.catch(bootError);
  } catch (e) {
    bootError(e);
  }
}

translatePage();
start().catch(bootError);
