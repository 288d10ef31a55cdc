// #/invokers: scheduled invokers. DescribeInvokers paged; rows [data-invoker-id] with
// data-enabled; Enable / Disable, Delete after a confirmation, and the records of each
// (DescribeInvokerRecords). #/invokers/new creates one (CreateInvoker), #/invokers/<id>
// modifies one (ModifyInvoker): Policy ONCE (InvokeTime) or RECURRENCE (Recurrence, with its
// next five run times computed in the page, in Beijing time and the viewer's). The form names
// its controls by API parameter and follows the run form's validation contract.
import { $, el, debounce, afterPress } from '../dom.js';
import { t, getLanguage, translatePage } from '../i18n.js';
import { errorBox, asError } from '../errors.js';
import { listTable, pager, pageRange, when } from './list.js';
import { showErrors, field } from '../fields.js';
import { parseInstanceIds } from '../params.js';
import { nextRuns, BEIJING_OFFSET_MINUTES } from './cron.js';

const PAGE_SIZE = 10;

/** An instant on Beijing's clock, written as such. */
const beijing = (d) => `${new Date(d.getTime() + BEIJING_OFFSET_MINUTES * 60000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
const local = (d) => d.toLocaleString(getLanguage(), { hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });

export function createInvokersView({ tat, client, root }) {
  let offset = 0;
  let last = null; // { list } | { edit }
  let controller = null;
  let revalidate = null;

  const heading = el('div', { className: 'page-head' }, el('h1', { id: 'invokers-title' }), el('p', { id: 'invokers-subtitle' }));
  const body = el('div', { id: 'invokers-body' });
  const status = el('p', { className: 'sr-only', id: 'invokers-status', 'aria-live': 'polite' });
  root.replaceChildren(heading, body, status);

  function stop() {
    controller?.abort();
    controller = new AbortController();
    return controller.signal;
  }
  function showError(e, where = body) {
    if (e?.name === 'AbortError') return;
    where.querySelector('.view-error')?.replaceChildren(errorBox(tat, asError(e), getLanguage(), 'invokers-error'));
  }

  // ------------------------------------------------------------------ the list

  async function load() {
    const signal = stop();
    if (!last?.list) renderList({ loading: true });
    try {
      const page = await client.call('DescribeInvokers', { Limit: PAGE_SIZE, ...(offset ? { Offset: offset } : {}) }, { signal });
      last = { list: { total: Number(page.TotalCount ?? 0), items: Array.isArray(page.InvokerSet) ? page.InvokerSet : [] } };
      renderList(last.list);
    } catch (e) {
      last = { list: { total: 0, items: [] } };
      renderList(last.list);
      showError(e);
    }
  }

  function renderList({ loading, total = 0, items = [] }) {
    const table = listTable({
      prefix: 'invokers', loading, items, emptyKey: 'invokersEmpty', captionKey: 'invokersTitle',
      columns: ['invokerName', 'colCommand', 'Policy', 'colSchedule', 'colInstances', 'colEnabled', 'colActions'],
      rows: () => items.flatMap(row),
    });
    body.replaceChildren(el('section', { className: 'card', id: 'invokers-list', 'aria-labelledby': 'invokers-list-title' },
      el('div', { className: 'card-head' }, el('h2', { id: 'invokers-list-title' }, t('invokersTitle')),
        el('a', { href: '#/invokers/new', className: 'small-button', id: 'invokers-new' }, t('invokerNew'))),
      el('p', { className: 'hint', id: 'invokers-range' }, pageRange(offset, items.length, total)),
      el('div', { className: 'view-error' }),
      table,
      pager({ prefix: 'invokers', offset, shown: items.length, total, size: PAGE_SIZE, go: (to) => { offset = to; load(); } })));
  }

  function row(inv) {
    const id = String(inv.InvokerId ?? '');
    const s = inv.ScheduleSettings ?? {};
    const enabled = inv.Enable === true;
    const toggle = el('button', { type: 'button', className: 'small-button', dataset: { action: enabled ? 'disable' : 'enable' } }, enabled ? t('invokerDisable') : t('invokerEnable'));
    toggle.addEventListener('click', () => act(enabled ? 'DisableInvoker' : 'EnableInvoker', id, toggle));
    const del = el('button', { type: 'button', className: 'danger', dataset: { action: 'delete' } }, t('commandDelete'));
    del.addEventListener('click', () => {
      if (window.confirm(t('invokerDeleteConfirm', { name: inv.Name ?? id }))) act('DeleteInvoker', id, del);
    });
    const recordsId = `records-${id}`;
    const records = el('button', { type: 'button', className: 'small-button', 'aria-expanded': 'false', 'aria-controls': recordsId, dataset: { action: 'records' } }, t('invokerRecords'));
    const recordsRow = el('tr', { className: 'records-row', id: recordsId, hidden: true, dataset: { recordsOf: id } }, el('td', { colspan: '7' }));
    records.addEventListener('click', () => toggleRecords(id, records, recordsRow));
    return [el('tr', { dataset: { invokerId: id, enabled: String(enabled) } },
      el('td', { 'data-label': t('invokerName') }, el('a', { href: `#/invokers/${encodeURIComponent(id)}` }, String(inv.Name ?? id))),
      el('td', { 'data-label': t('colCommand') }, el('code', {}, String(inv.CommandId ?? ''))),
      el('td', { 'data-label': t('Policy') }, String(s.Policy ?? '')),
      el('td', { 'data-label': t('colSchedule') }, s.Policy === 'RECURRENCE' ? el('code', {}, String(s.Recurrence ?? '')) : when(s.InvokeTime)),
      el('td', { 'data-label': t('colInstances'), className: 'num' }, String((inv.InstanceIds ?? []).length)),
      el('td', { 'data-label': t('colEnabled') }, el('span', { className: `badge badge-${enabled ? 'ok' : 'warn'}` }, enabled ? t('invokerOn') : t('invokerOff'))),
      el('td', { 'data-label': t('colActions') }, el('div', { className: 'row-actions' }, toggle, records, del))), recordsRow];
  }

  async function act(action, id, button) {
    button.disabled = true;
    try {
      await client.call(action, { InvokerId: id }, { signal: controller.signal });
      status.textContent = t('invokerDone');
      await load();
    } catch (e) {
      button.disabled = false;
      showError(e);
    }
  }

  async function toggleRecords(id, button, recordsRow) {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    recordsRow.hidden = !open;
    if (!open) return;
    const cell = recordsRow.firstChild;
    cell.replaceChildren(el('p', { className: 'muted' }, t('loading')));
    try {
      const answer = await client.call('DescribeInvokerRecords', { InvokerIds: [id], Limit: 20 }, { signal: controller.signal });
      const set = Array.isArray(answer.InvokerRecordSet) ? answer.InvokerRecordSet : [];
      cell.replaceChildren(!set.length ? el('p', { className: 'muted' }, t('invokerNoRecords'))
        : el('ul', { className: 'records' }, set.map((r) => el('li', { dataset: { result: String(r.Result ?? '') } },
          when(r.InvokeTime), ' · ', String(r.Result ?? ''), ' · ',
          r.InvocationId ? el('a', { href: `#/history/${encodeURIComponent(r.InvocationId)}` }, el('code', {}, r.InvocationId)) : '',
          r.Reason ? ` · ${r.Reason}` : ''))));
    } catch (e) {
      if (e?.name === 'AbortError') return;
      cell.replaceChildren(errorBox(tat, asError(e), getLanguage(), `records-error-${id}`));
    }
  }

  // ------------------------------------------------------------------ create and modify

  async function open(id) {
    const signal = stop();
    if (id === 'new') {
      last = { edit: { inv: null } };
      return renderEdit();
    }
    body.replaceChildren(el('p', { className: 'muted' }, t('loading')));
    try {
      const page = await client.call('DescribeInvokers', { InvokerIds: [id] }, { signal });
      last = { edit: { inv: (page.InvokerSet ?? []).find((i) => i.InvokerId === id), id } };
      renderEdit();
    } catch (e) {
      last = { edit: { inv: undefined, id } };
      renderEdit();
      showError(e);
    }
  }

  function renderEdit() {
    const { inv, id } = last.edit;
    const back = el('a', { href: '#/invokers', className: 'back-link', id: 'invokers-back', 'data-i18n': 'backToInvokers' }, t('backToInvokers'));
    const card = el('section', { className: 'card', 'aria-labelledby': 'invoker-form-title' }, back,
      el('h2', { id: 'invoker-form-title' }, el('span', { 'data-i18n': inv ? 'invokerEdit' : 'invokerNew' }, t(inv ? 'invokerEdit' : 'invokerNew')), inv ? ' ' : null, inv ? el('code', {}, inv.InvokerId) : null),
      el('div', { className: 'view-error' }));
    if (inv === undefined) card.append(el('p', { className: 'muted', id: 'invoker-missing' }, t('invokerMissing', { id })));
    else card.append(invokerForm(inv));
    body.replaceChildren(card);
  }

  function invokerForm(inv) {
    const s = inv?.ScheduleSettings ?? {};
    const form = el('form', { id: 'invoker-form', method: 'dialog', novalidate: true, autocomplete: 'off' });
    const input = (name, value = '', props = {}) => {
      const c = el('input', { id: `iv-${name}`, name, type: 'text', spellcheck: 'false', autocapitalize: 'off', ...props });
      c.value = value ?? '';
      return c;
    };
    const name = input('Name', inv?.Name);
    const commandId = input('CommandId', inv?.CommandId, { placeholder: 'cmd-xxxxxxxx' });
    const ids = el('textarea', { id: 'iv-InstanceIds', name: 'InstanceIds', rows: '3', spellcheck: 'false', autocapitalize: 'off' });
    ids.value = (inv?.InstanceIds ?? []).join('\n');
    const username = input('Username', inv?.Username);
    const parameters = input('Parameters', inv?.Parameters && inv.Parameters !== '{}' ? inv.Parameters : '', { className: 'json', placeholder: '{"name": "value"}' });
    // ScheduleSettings' members, named as the API nests them.
    const policy = el('select', { id: 'iv-Policy', name: 'ScheduleSettings.Policy' }, ['ONCE', 'RECURRENCE'].map((p) => el('option', { value: p, 'data-i18n': `policy.${p}` }, t(`policy.${p}`))));
    policy.value = s.Policy ?? 'RECURRENCE';
    const invokeTime = input('InvokeTime', s.InvokeTime, { name: 'ScheduleSettings.InvokeTime', placeholder: '2026-12-31T16:00:00Z' });
    const recurrence = input('Recurrence', s.Recurrence, { name: 'ScheduleSettings.Recurrence', placeholder: '0 2 * * *' });
    const onceField = field(invokeTime, 'InvokeTime', 'invokeTimeHint');
    const recurrenceField = field(recurrence, 'Recurrence', 'recurrenceHint');
    const runs = el('div', { className: 'next-runs', id: 'next-runs', 'aria-live': 'polite' });
    recurrenceField.append(runs);
    const submit = el('button', { type: 'submit', className: 'primary', id: 'invoker-save', 'data-i18n': inv ? 'commandSave' : 'invokerCreate' }, inv ? t('commandSave') : t('invokerCreate'));
    form.append(field(name, 'invokerName'), field(commandId, 'colCommand'), field(ids, 'InstanceIds', 'instanceHint'),
      el('div', { className: 'grid-2' }, field(username, 'Username'), field(parameters, 'Parameters', 'parametersHint')),
      field(policy, 'Policy'), onceField, recurrenceField, el('div', { className: 'detail-actions' }, submit));

    function renderRuns() {
      onceField.hidden = policy.value !== 'ONCE';
      recurrenceField.hidden = policy.value !== 'RECURRENCE';
      const list = policy.value === 'RECURRENCE' && recurrence.value.trim() ? nextRuns(recurrence.value, Date.now()) : [];
      if (list === null) return runs.replaceChildren(el('p', { className: 'hint' }, t('nextRunsUnknown')));
      if (!list.length) return runs.replaceChildren();
      runs.replaceChildren(el('h3', {}, t('nextRuns')), el('table', { className: 'tasks runs' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('beijingTime')), el('th', { scope: 'col' }, t('yourTime')))),
        el('tbody', { id: 'next-runs-rows' }, list.map((d) => el('tr', { dataset: { at: d.toISOString() } },
          el('td', { 'data-label': t('beijingTime') }, beijing(d)), el('td', { 'data-label': t('yourTime') }, local(d)))))));
    }

    const touched = new Set();
    let submitted = false;
    function read() {
      renderRuns();
      const params = inv ? { InvokerId: inv.InvokerId } : { Type: 'SCHEDULE' };
      if (inv) params.Type = 'SCHEDULE';
      for (const [key, c] of [['Name', name], ['CommandId', commandId], ['Username', username], ['Parameters', parameters]]) if (c.value.trim() !== '') params[key] = c.value;
      const list = parseInstanceIds(ids.value);
      if (list.length) params.InstanceIds = list;
      params.ScheduleSettings = policy.value === 'ONCE'
        ? { Policy: 'ONCE', ...(invokeTime.value.trim() ? { InvokeTime: invokeTime.value.trim() } : {}) }
        : { Policy: 'RECURRENCE', ...(recurrence.value.trim() ? { Recurrence: recurrence.value.trim() } : {}) };
      const verdict = tat.validate(inv ? 'ModifyInvoker' : 'CreateInvoker', params, { language: getLanguage() });
      showErrors(form, verdict.errors, {}, (c) => submitted || touched.has(c.name), verdict.warnings);
      return { params, errors: verdict.errors };
    }
    revalidate = read;
    const changed = debounce(read, 120);
    form.addEventListener('input', (e) => { touched.add(e.target.name); changed(); });
    form.addEventListener('change', (e) => {
      touched.add(e.target.name);
      afterPress(read);
    });
    form.addEventListener('focusout', (e) => {
      if (e.target.name) touched.add(e.target.name);
      afterPress(read);
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      submitted = true;
      const { params, errors } = read();
      if (errors.length) {
        form.querySelector('[aria-invalid="true"]')?.focus();
        return;
      }
      submit.disabled = true;
      try {
        const answer = await client.call(inv ? 'ModifyInvoker' : 'CreateInvoker', params, { signal: controller.signal });
        status.textContent = t('invokerDone');
        const id = inv ? inv.InvokerId : answer.InvokerId;
        if (inv) open(id);
        else location.hash = `#/invokers/${encodeURIComponent(id)}`;
      } catch (err) {
        submit.disabled = false;
        showError(err, form.closest('section') ?? body);
      }
    });
    renderRuns();
    return form;
  }

  function translate() {
    $('#invokers-title', heading).textContent = t('invokersTitle');
    $('#invokers-subtitle', heading).textContent = t('invokersSubtitle');
  }

  return {
    el: root,
    titleKey: 'invokersTitle',
    show(arg) {
      last = null;
      translate();
      if (arg) open(arg);
      else load();
    },
    hide() {
      controller?.abort();
    },
    translate() {
      translate();
      if (last?.list) renderList(last.list);
      else {
        translatePage(body);
        if (body.querySelector('#invoker-form')) revalidate?.();
      }
    },
  };
}
