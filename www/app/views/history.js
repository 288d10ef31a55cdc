// #/history: the execution history. DescribeInvocations, paged and filtered (the filters the
// API documents); rows [data-invocation-id][data-status]. #/history/<id> opens one: its
// parameters, the script, its task table (rows [data-status], output decoded by the package)
// followed until every task is terminal, and Run again (RunCommand with the same script,
// settings and instances), Cancel while it runs (CancelInvocation). Every call goes through the page's client (signed and validated by
// the package, paced), with the credentials of the run form.
import { $, el } from '../dom.js';
import { t, getLanguage } from '../i18n.js';
import { errorBox, asError } from '../errors.js';
import { listTable, pager, pageRange, when } from './list.js';
import { followInvocation, renderTasks, decodeText } from '../tasks.js';

const PAGE_SIZE = 10;
/** The list is refreshed this often while an invocation on the page is still running. */
const LIVE_MS = 1500;
/** DescribeInvocations' filters, as the API documents them; selects list their values. */
const FILTERS = [
  { name: 'invocation-id', label: 'colInvocation' },
  { name: 'command-id', label: 'colCommand' },
  { name: 'command-created-by', label: 'filterCreatedBy', values: ['USER', 'TAT'] },
  { name: 'instance-kind', label: 'filterInstanceKind', values: ['CVM', 'LIGHTHOUSE'] },
];
const ACTIVE = new Set(['PENDING', 'RUNNING', 'CANCELLING']);

/** An invocation's status, as a badge: the page's words (the package describes task statuses). */
export function invocationBadge(status) {
  const s = String(status ?? '');
  const kind = s === 'SUCCESS' ? 'ok' : ACTIVE.has(s) ? 'active' : s.startsWith('PARTIAL_') ? 'warn' : 'bad';
  const key = `inv.${s}`;
  const label = t(key);
  return el('span', { className: `badge badge-${kind}` }, label === key ? s : label);
}

export function createHistoryView({ tat, client, root }) {
  let state = { offset: 0, filters: {} };
  let last = null; // what the view shows: { list } or { detail }, re-rendered on a language switch
  let controller = null; // the calls of what is shown; aborted when something else is shown
  let liveTimer = null;

  const heading = el('div', { className: 'page-head' }, el('h1', { id: 'history-title' }), el('p', { id: 'history-subtitle' }));
  const filterForm = el('form', { className: 'card filters', id: 'history-filters', role: 'search', method: 'dialog', novalidate: true });
  const listBox = el('section', { className: 'card', id: 'history-list', 'aria-labelledby': 'history-list-title' });
  const detailBox = el('section', { className: 'card', id: 'history-detail', 'aria-labelledby': 'history-detail-title', hidden: true });
  const status = el('p', { className: 'sr-only', id: 'history-status', 'aria-live': 'polite' });
  root.replaceChildren(heading, filterForm, listBox, detailBox, status);

  filterForm.addEventListener('submit', (e) => {
    e.preventDefault();
    state = { offset: 0, filters: readFilters() };
    if (location.hash !== '#/history') location.hash = '#/history';
    else load();
  });

  function readFilters() {
    const out = {};
    for (const f of FILTERS) {
      const v = filterForm.elements.namedItem(f.name).value.trim();
      if (v) out[f.name] = v;
    }
    return out;
  }

  function renderFilters() {
    const values = readFiltersSafe();
    filterForm.replaceChildren(
      el('h2', { className: 'sr-only' }, t('filters')),
      el('div', { className: 'filter-grid' }, FILTERS.map((f) => {
        const id = `hf-${f.name}`;
        const control = f.values
          ? el('select', { id, name: f.name }, el('option', { value: '' }, t('filterAny')), f.values.map((v) => el('option', { value: v }, t(`filter.${v}`))))
          : el('input', { id, name: f.name, type: 'text', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off' });
        control.value = values[f.name] ?? '';
        return el('div', { className: 'field' }, el('label', { for: id }, t(f.label)), control);
      }),
      el('div', { className: 'filter-actions' }, el('button', { type: 'submit', className: 'primary', id: 'history-apply' }, t('filterApply')))));
  }

  function readFiltersSafe() {
    return filterForm.elements.length ? readFilters() : state.filters;
  }

  function stop() {
    controller?.abort();
    controller = new AbortController();
    clearTimeout(liveTimer);
    return controller.signal;
  }

  function failed(e, box) {
    if (e?.name === 'AbortError') return;
    last = { ...last, error: asError(e) };
    box.querySelector('.view-error')?.replaceChildren(errorBox(tat, last.error, getLanguage(), 'history-error'));
  }

  // ------------------------------------------------------------------ the list

  async function load() {
    const signal = stop();
    detailBox.hidden = true;
    listBox.hidden = false;
    filterForm.hidden = false;
    const filters = Object.entries(state.filters).map(([Name, v]) => ({ Name, Values: [v] }));
    const params = { Limit: PAGE_SIZE, ...(state.offset ? { Offset: state.offset } : {}), ...(filters.length ? { Filters: filters } : {}) };
    if (!last?.list) renderList({ loading: true });
    try {
      const page = await client.call('DescribeInvocations', params, { signal });
      last = { list: { total: Number(page.TotalCount ?? 0), items: Array.isArray(page.InvocationSet) ? page.InvocationSet : [] } };
      if (!updateRows(last.list)) renderList(last.list);
      status.textContent = t('historyCount', { n: last.list.total });
      if (last.list.items.some((i) => ACTIVE.has(i.InvocationStatus))) liveTimer = setTimeout(load, LIVE_MS);
    } catch (e) {
      last = { list: { total: 0, items: [] } };
      renderList(last.list);
      failed(e, listBox);
    }
  }

  /**
   * A live refresh of the same rows updates them in place, so that keyboard focus, a
   * screen reader's place and a text selection survive it. False when the rows differ.
   */
  function updateRows({ total, items }) {
    const tbody = $('#history-rows', listBox);
    const shown = tbody ? [...tbody.rows] : [];
    const range = $('#history-range', listBox);
    const from = items.length ? state.offset + 1 : 0;
    if (!tbody || shown.length !== items.length || items.some((inv, i) => shown[i].dataset.invocationId !== String(inv.InvocationId ?? ''))) return false;
    items.forEach((inv, i) => {
      const fresh = row(inv);
      if (fresh.dataset.status === shown[i].dataset.status) return;
      shown[i].dataset.status = fresh.dataset.status;
      // Every cell but the first (the link, which may have the focus).
      for (let c = 1; c < fresh.cells.length; c++) shown[i].cells[c].replaceWith(fresh.cells[c].cloneNode(true));
    });
    range.textContent = t('pageRange', { from, to: state.offset + items.length, total });
    $('#history-next', listBox).disabled = state.offset + items.length >= total;
    return true;
  }

  /** Where the focus is in the list, to put it back after the list is rebuilt. */
  function focusKey() {
    const a = document.activeElement;
    if (!a || !listBox.contains(a)) return null;
    const inRow = a.closest('tr[data-invocation-id]');
    return inRow ? { row: inRow.dataset.invocationId } : a.id ? { id: a.id } : null;
  }

  function restoreFocus(key) {
    if (!key) return;
    const target = key.row
      ? listBox.querySelector(`tr[data-invocation-id="${CSS.escape(key.row)}"] a`)
      : document.getElementById(key.id);
    // A pager button that became disabled hands the focus to the other one.
    const usable = target && !target.disabled ? target : key.id === 'history-next' ? $('#history-prev', listBox) : key.id === 'history-prev' ? $('#history-next', listBox) : null;
    (usable && !usable.disabled ? usable : $('#history-list-title', listBox))?.focus({ preventScroll: true });
  }

  function renderList(list) {
    const key = focusKey();
    buildList(list);
    restoreFocus(key);
  }

  function buildList({ loading, total = 0, items = [] }) {
    const body = listTable({
      prefix: 'history', loading, items, emptyKey: 'historyEmpty', captionKey: 'historyTitle',
      columns: ['colInvocation', 'colStatus', 'colCommand', 'colInstances', 'colCreated', 'Description'],
      rows: () => items.map(row),
    });
    listBox.replaceChildren(
      el('div', { className: 'card-head' }, el('h2', { id: 'history-list-title', tabindex: '-1' }, t('invocations')),
        el('span', { className: 'hint', id: 'history-range' }, pageRange(state.offset, items.length, total))),
      el('div', { className: 'view-error' }),
      body,
      pager({ prefix: 'history', offset: state.offset, shown: items.length, total, size: PAGE_SIZE, go: (offset) => { state.offset = offset; load(); } }));
  }

  function row(inv) {
    const id = String(inv.InvocationId ?? '');
    const tasks = Array.isArray(inv.InvocationTaskBasicInfoSet) ? inv.InvocationTaskBasicInfoSet : [];
    return el('tr', { dataset: { invocationId: id, status: String(inv.InvocationStatus ?? '') } },
      el('td', { 'data-label': t('colInvocation') }, el('a', { href: `#/history/${encodeURIComponent(id)}` }, el('code', {}, id))),
      el('td', { 'data-label': t('colStatus') }, invocationBadge(inv.InvocationStatus)),
      el('td', { 'data-label': t('colCommand') }, el('code', {}, String(inv.CommandId ?? ''))),
      el('td', { 'data-label': t('colInstances'), className: 'num' }, String(tasks.length)),
      el('td', { 'data-label': t('colCreated') }, when(inv.CreatedTime)),
      el('td', { 'data-label': t('Description') }, String(inv.Description ?? '')));
  }

  // ------------------------------------------------------------------ one invocation

  async function open(id) {
    const signal = stop();
    listBox.hidden = true;
    filterForm.hidden = true;
    detailBox.hidden = false;
    last = { detail: { id, loading: true } };
    renderDetail();
    try {
      const page = await client.call('DescribeInvocations', { InvocationIds: [id] }, { signal });
      const inv = (page.InvocationSet ?? []).find((i) => i.InvocationId === id);
      last = { detail: { id, inv, tasks: null } };
      renderDetail();
      if (!inv) return;
      const expected = (inv.InvocationTaskBasicInfoSet ?? []).length;
      const tasks = await followInvocation({
        tat, client, invocationId: id, expected, signal,
        onTasks: (list) => { last.detail.tasks = list; renderTasksOnly(); },
      });
      last.detail.tasks = tasks;
      // The tasks are over: the invocation's own status is final now.
      const again = await client.call('DescribeInvocations', { InvocationIds: [id] }, { signal });
      last.detail.inv = (again.InvocationSet ?? []).find((i) => i.InvocationId === id) ?? inv;
      last.detail.done = true;
      renderDetail();
    } catch (e) {
      failed(e, detailBox);
    }
  }

  function renderTasksOnly() {
    const tbody = $('#history-tasks', detailBox);
    if (tbody && last?.detail?.tasks) renderTasks(tat, tbody, last.detail.tasks);
  }

  function renderDetail() {
    const { id, inv, loading, done } = last.detail;
    const back = el('a', { href: '#/history', className: 'back-link', id: 'history-back' }, t('backToHistory'));
    const parts = [back, el('div', { className: 'card-head' }, el('h2', { id: 'history-detail-title' }, t('invocation'), ' ', el('code', {}, id)),
      inv ? el('span', { id: 'history-detail-status', dataset: { status: String(inv.InvocationStatus ?? '') } }, invocationBadge(inv.InvocationStatus)) : null)];
    parts.push(el('div', { className: 'view-error' }, last.error ? errorBox(tat, last.error, getLanguage(), 'history-error') : null));
    if (loading) parts.push(el('p', { className: 'muted' }, t('loading')));
    else if (!inv) parts.push(el('p', { className: 'muted', id: 'history-missing' }, t('invocationMissing')));
    else {
      const script = decodeText(tat, inv.CommandContent);
      parts.push(
        el('dl', { className: 'ids' },
          el('dt', {}, t('commandId')), el('dd', {}, el('code', {}, String(inv.CommandId ?? ''))),
          el('dt', {}, t('CommandType')), el('dd', {}, String(inv.CommandType ?? '')),
          el('dt', {}, t('Timeout')), el('dd', {}, String(inv.Timeout ?? '')),
          el('dt', {}, t('WorkingDirectory')), el('dd', {}, el('code', {}, String(inv.WorkingDirectory ?? ''))),
          el('dt', {}, t('Username')), el('dd', {}, el('code', {}, String(inv.Username ?? ''))),
          el('dt', {}, t('colCreated')), el('dd', {}, when(inv.CreatedTime))),
        el('h3', {}, t('Content')),
        el('pre', { className: 'script', id: 'history-script', tabindex: '0' }, script),
        el('div', { className: 'detail-actions' }, runAgainButton(inv), !done && ACTIVE.has(inv.InvocationStatus) ? cancelButton(id) : null),
        el('div', { className: 'table-wrap' }, el('table', { className: 'tasks' },
          el('caption', { className: 'sr-only' }, t('tasksOf', { id })),
          el('thead', {}, el('tr', {}, ['colInstance', 'colStatus', 'colExit', 'colStart', 'colEnd', 'colOutput'].map((k) => el('th', { scope: 'col' }, t(k))))),
          el('tbody', { id: 'history-tasks' }))));
      status.textContent = done ? t('finished', { n: last.detail.tasks?.length ?? 0 }) : '';
    }
    detailBox.replaceChildren(...parts);
    renderTasksOnly();
  }

  function runAgainButton(inv) {
    const button = el('button', { type: 'button', className: 'primary', id: 'run-again' }, t('runAgain'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      const signal = stop();
      try {
        const answer = await client.call('RunCommand', rerunParams(inv), { signal });
        location.hash = `#/history/${encodeURIComponent(answer.InvocationId)}`;
      } catch (e) {
        button.disabled = false;
        failed(e, detailBox);
      }
    });
    return button;
  }

  /** CancelInvocation while it runs; the tasks go on being followed and show what it did. */
  function cancelButton(id) {
    const button = el('button', { type: 'button', className: 'danger', id: 'cancel-invocation' }, t('cancelInvocation'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await client.call('CancelInvocation', { InvocationId: id }, { signal: controller?.signal });
        status.textContent = t('cancelSent');
      } catch (e) {
        button.disabled = false;
        failed(e, detailBox);
      }
    });
    return button;
  }

  return {
    el: root,
    titleKey: 'historyTitle',
    show(arg) {
      last = null;
      translate();
      if (arg) open(arg);
      else load();
    },
    hide() {
      stop();
    },
    translate,
  };

  function translate() {
    $('#history-title', heading).textContent = t('historyTitle');
    $('#history-subtitle', heading).textContent = t('historySubtitle');
    renderFilters();
    if (last?.list) renderList(last.list);
    if (last?.detail) renderDetail();
    if (last?.error) (last.detail ? detailBox : listBox).querySelector('.view-error')?.replaceChildren(errorBox(tat, last.error, getLanguage(), 'history-error'));
  }
}

/**
 * RunCommand parameters that run an invocation again: the same script, type, timeout,
 * directory, user, parameters and instances. Values the service filled in are sent as they are.
 */
export function rerunParams(inv) {
  const params = {
    Content: inv.CommandContent,
    InstanceIds: (inv.InvocationTaskBasicInfoSet ?? []).map((task) => task.InstanceId),
  };
  for (const key of ['CommandType', 'Timeout', 'WorkingDirectory', 'Username', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix']) {
    if (inv[key] !== undefined && inv[key] !== null && inv[key] !== '') params[key] = inv[key];
  }
  const given = (json) => typeof json === 'string' && json !== '' && json !== '{}';
  if (given(inv.Parameters) || given(inv.DefaultParameters)) {
    params.EnableParameter = true;
    if (given(inv.Parameters)) params.Parameters = inv.Parameters;
    if (given(inv.DefaultParameters)) params.DefaultParameters = inv.DefaultParameters;
  }
  return params;
}
