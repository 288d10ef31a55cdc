// #/commands: the command library. DescribeCommands paged and filtered by name, type, creator
// and tag key; rows [data-command-id]. #/commands/new creates one (CreateCommand);
// #/commands/<id> edits one of the user's (ModifyCommand), runs any, public ones included
// (InvokeCommand on chosen instances, with parameters), and deletes one of the user's after a
// confirmation (DeleteCommand). Forms name their controls by API parameter and follow the run
// form's validation contract: the package's errors set aria-invalid on their control, its
// warnings show beside it; nothing is sent while an error stands.
import { $, el, debounce, afterPress } from '../dom.js';
import { t, getLanguage, translatePage } from '../i18n.js';
import { errorBox, asError } from '../errors.js';
import { listTable, pager, pageRange, when } from './list.js';
import { showErrors, field } from '../fields.js';
import { parseInstanceIds, numberOrText, filledRows } from '../params.js';
import { createRows } from '../rows.js';
import { decodeText } from '../tasks.js';

const PAGE_SIZE = 10;
const FILTERS = [
  { name: 'command-name', label: 'CommandName' },
  { name: 'command-type', label: 'CommandType', values: () => ['SHELL', 'POWERSHELL', 'BAT'] },
  { name: 'created-by', label: 'filterCreatedBy', values: () => ['USER', 'TAT'] },
  { name: 'tag-key', label: 'tagKey' },
];
/** The edit form's text fields, in order; each is the API parameter of the same name. */
const TEXT_FIELDS = ['CommandName', 'Description', 'WorkingDirectory', 'Username', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix'];

export function createCommandsView({ tat, client, root, commandTypes }) {
  let state = { offset: 0, filters: {} };
  let last = null; // { list } | { edit } : what is shown, re-rendered on a language switch
  let controller = null;
  let revalidate = null; // the shown form's validation, re-run in a new language
  let tagRows = null; // the new command's Tags editor (its placeholders follow the language)

  const heading = el('div', { className: 'page-head' }, el('h1', { id: 'commands-title' }), el('p', { id: 'commands-subtitle' }));
  const body = el('div', { id: 'commands-body' });
  const status = el('p', { className: 'sr-only', id: 'commands-status', 'aria-live': 'polite' });
  root.replaceChildren(heading, body, status);

  function stop() {
    controller?.abort();
    controller = new AbortController();
    return controller.signal;
  }

  function showError(e, where) {
    if (e?.name === 'AbortError') return;
    (where ?? body).querySelector('.view-error')?.replaceChildren(errorBox(tat, asError(e), getLanguage(), 'commands-error'));
  }

  // ------------------------------------------------------------------ the list

  async function load() {
    const signal = stop();
    const filters = Object.entries(state.filters).map(([Name, v]) => ({ Name, Values: [v] }));
    const params = { Limit: PAGE_SIZE, ...(state.offset ? { Offset: state.offset } : {}), ...(filters.length ? { Filters: filters } : {}) };
    if (!last?.list) renderList({ loading: true });
    try {
      const page = await client.call('DescribeCommands', params, { signal });
      last = { list: { total: Number(page.TotalCount ?? 0), items: Array.isArray(page.CommandSet) ? page.CommandSet : [] } };
      renderList(last.list);
      status.textContent = t('commandsCount', { n: last.list.total });
    } catch (e) {
      last = { list: { total: 0, items: [] } };
      renderList(last.list);
      showError(e);
    }
  }

  function renderList({ loading, total = 0, items = [] }) {
    const filterForm = el('form', { className: 'card filters', id: 'commands-filters', role: 'search', method: 'dialog', novalidate: true },
      el('h2', { className: 'sr-only' }, t('filters')),
      el('div', { className: 'filter-grid' }, FILTERS.map((f) => {
        const id = `cf-${f.name}`;
        const control = f.values
          ? el('select', { id, name: f.name }, el('option', { value: '' }, t('filterAny')), f.values().map((v) => el('option', { value: v }, v)))
          : el('input', { id, name: f.name, type: 'text', spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off' });
        control.value = state.filters[f.name] ?? '';
        return el('div', { className: 'field' }, el('label', { for: id }, t(f.label)), control);
      }),
      el('div', { className: 'filter-actions' }, el('button', { type: 'submit', className: 'primary', id: 'commands-apply' }, t('filterApply')))));
    filterForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const filters = {};
      for (const f of FILTERS) {
        const v = filterForm.elements.namedItem(f.name).value.trim();
        if (v) filters[f.name] = v;
      }
      state = { offset: 0, filters };
      load();
    });
    const table = listTable({
      prefix: 'commands', loading, items, emptyKey: 'commandsEmpty', captionKey: 'commandsTitle',
      columns: ['CommandName', 'colCommand', 'CommandType', 'filterCreatedBy', 'colUpdated', 'Description'],
      rows: () => items.map(row),
    });
    body.replaceChildren(filterForm, el('section', { className: 'card', id: 'commands-list', 'aria-labelledby': 'commands-list-title' },
      el('div', { className: 'card-head' }, el('h2', { id: 'commands-list-title' }, t('commandsTitle')),
        el('a', { href: '#/commands/new', className: 'small-button', id: 'commands-new' }, t('commandNew'))),
      el('p', { className: 'hint', id: 'commands-range' }, pageRange(state.offset, items.length, total)),
      el('div', { className: 'view-error' }),
      table,
      pager({ prefix: 'commands', offset: state.offset, shown: items.length, total, size: PAGE_SIZE, go: (offset) => { state.offset = offset; load(); } })));
  }

  function row(cmd) {
    const id = String(cmd.CommandId ?? '');
    return el('tr', { dataset: { commandId: id, createdBy: String(cmd.CreatedBy ?? '') } },
      el('td', { 'data-label': t('CommandName') }, el('a', { href: `#/commands/${encodeURIComponent(id)}` }, String(cmd.CommandName ?? id))),
      el('td', { 'data-label': t('colCommand') }, el('code', {}, id)),
      el('td', { 'data-label': t('CommandType') }, String(cmd.CommandType ?? '')),
      el('td', { 'data-label': t('filterCreatedBy') }, String(cmd.CreatedBy ?? '')),
      el('td', { 'data-label': t('colUpdated') }, when(cmd.UpdatedTime ?? cmd.CreatedTime)),
      el('td', { 'data-label': t('Description') }, String(cmd.Description ?? '')));
  }

  // ------------------------------------------------------------------ one command

  async function open(id) {
    const signal = stop();
    if (id === 'new') {
      last = { edit: { cmd: null } };
      return renderEdit();
    }
    body.replaceChildren(el('p', { className: 'muted' }, t('loading')));
    try {
      const page = await client.call('DescribeCommands', { CommandIds: [id] }, { signal });
      const cmd = (page.CommandSet ?? []).find((c) => c.CommandId === id);
      last = { edit: { cmd, id } };
      renderEdit();
    } catch (e) {
      last = { edit: { cmd: undefined, id } };
      renderEdit();
      showError(e);
    }
  }

  function renderEdit() {
    const { cmd, id } = last.edit;
    const back = el('a', { href: '#/commands', className: 'back-link', id: 'commands-back', 'data-i18n': 'backToCommands' }, t('backToCommands'));
    if (cmd === undefined) {
      body.replaceChildren(el('section', { className: 'card' }, back, el('div', { className: 'view-error' }), el('p', { className: 'muted', id: 'command-missing' }, t('commandMissing', { id }))));
      return;
    }
    const mine = !cmd || cmd.CreatedBy !== 'TAT';
    const parts = [el('section', { className: 'card', 'aria-labelledby': 'command-form-title' }, back,
      el('h2', { id: 'command-form-title' }, el('span', { 'data-i18n': cmd ? 'commandEdit' : 'commandNew' }, t(cmd ? 'commandEdit' : 'commandNew')), cmd ? ' ' : null, cmd ? el('code', {}, cmd.CommandId) : null),
      el('div', { className: 'view-error' }),
      mine ? commandForm(cmd) : publicCommand(cmd))];
    if (cmd) parts.push(invokeForm(cmd));
    body.replaceChildren(...parts);
  }

  /** A public command: read only. */
  function publicCommand(cmd) {
    return el('div', {},
      el('dl', { className: 'ids' },
        el('dt', {}, t('CommandName')), el('dd', {}, String(cmd.CommandName ?? '')),
        el('dt', {}, t('CommandType')), el('dd', {}, String(cmd.CommandType ?? '')),
        el('dt', {}, t('Description')), el('dd', {}, String(cmd.Description ?? ''))),
      el('pre', { className: 'script', tabindex: '0', id: 'command-script' }, decodeText(tat, cmd.Content)));
  }

  /** CreateCommand (cmd null) or ModifyCommand. */
  function commandForm(cmd) {
    const form = el('form', { id: 'command-form', method: 'dialog', novalidate: true, autocomplete: 'off' });
    const input = (name, props = {}) => el('input', { id: `cm-${name}`, name, type: 'text', spellcheck: 'false', ...props });
    const content = el('textarea', { id: 'cm-Content', name: 'Content', rows: '8', spellcheck: 'false', autocapitalize: 'off', wrap: 'off' });
    content.value = cmd ? decodeText(tat, cmd.Content) : '';
    const type = el('select', { id: 'cm-CommandType', name: 'CommandType' }, commandTypes().map((v) => el('option', { value: v }, v)));
    type.value = cmd?.CommandType ?? 'SHELL';
    const timeout = input('Timeout', { inputmode: 'numeric', placeholder: '60' });
    timeout.value = cmd?.Timeout !== undefined && cmd?.Timeout !== null ? String(cmd.Timeout) : '';
    const texts = Object.fromEntries(TEXT_FIELDS.map((name) => {
      const control = input(name);
      control.value = cmd?.[name] ?? '';
      return [name, control];
    }));
    // EnableParameter cannot change once the command exists (the API says so).
    const enable = el('input', { id: 'cm-EnableParameter', name: 'EnableParameter', type: 'checkbox', disabled: Boolean(cmd) });
    enable.checked = Boolean(cmd?.EnableParameter);
    const defaults = input('DefaultParameters', { className: 'json', placeholder: '{"name": "value"}' });
    defaults.value = cmd?.DefaultParameters && cmd.DefaultParameters !== '{}' ? cmd.DefaultParameters : '';
    // Tags: CreateCommand takes them, ModifyCommand does not (the API says so); an existing
    // command shows its tags read only.
    let tagsPart = null;
    tagRows = null;
    if (!cmd) {
      const rowsBox = el('div', { id: 'cm-tags-rows' });
      const add = el('button', { type: 'button', className: 'link-button', id: 'cm-add-tag', 'data-i18n': 'addTag' }, t('addTag'));
      tagsPart = el('fieldset', { className: 'kv', 'data-field': 'Tags', id: 'cm-Tags' },
        el('legend', { 'data-i18n': 'Tags' }, t('Tags')), rowsBox, add);
      tagRows = createRows(rowsBox, { name: 'Tags', keyLabel: 'tagKey', valueLabel: 'tagValue', onChange: () => changed() });
      add.addEventListener('click', () => tagRows.add().querySelector('input').focus());
    } else if (Array.isArray(cmd.Tags) && cmd.Tags.length) {
      tagsPart = el('div', { className: 'field' }, el('span', { className: 'label', 'data-i18n': 'Tags' }, t('Tags')),
        el('p', { id: 'cm-tags' }, cmd.Tags.flatMap((tag, i) => [i ? ', ' : '', el('code', {}, `${tag.Key}=${tag.Value}`)])));
    }
    const submit = el('button', { type: 'submit', className: 'primary', id: 'command-save', 'data-i18n': cmd ? 'commandSave' : 'commandCreate' }, cmd ? t('commandSave') : t('commandCreate'));
    form.append(
      field(texts.CommandName, 'CommandName'),
      field(content, 'Content', 'contentHint'),
      el('div', { className: 'grid-2' },
        field(type, 'CommandType'), field(timeout, 'Timeout', 'timeoutHint'),
        field(texts.WorkingDirectory, 'WorkingDirectory'), field(texts.Username, 'Username'),
        field(texts.Description, 'Description'), field(defaults, 'DefaultParameters', 'defaultsHint'),
        field(texts.OutputCOSBucketUrl, 'OutputCOSBucketUrl'), field(texts.OutputCOSKeyPrefix, 'OutputCOSKeyPrefix')),
      el('div', { className: 'field check' }, enable, el('label', { for: enable.id, 'data-i18n': 'EnableParameter' }, t('EnableParameter'))),
      tagsPart,
      el('div', { className: 'detail-actions' }, submit, cmd ? deleteButton(cmd) : null));

    const touched = new Set();
    let submitted = false;
    /** The parameters as typed; the package judges them. */
    function read() {
      const params = cmd ? { CommandId: cmd.CommandId } : {};
      const errors = [];
      if (content.value !== '') {
        try {
          params.Content = tat.encodeContent(content.value);
        } catch (e) {
          errors.push({ field: 'Content', code: e.code ?? 'InvalidParameter', message: e.message });
        }
      }
      params.CommandType = type.value;
      if (timeout.value.trim() !== '') params.Timeout = numberOrText(timeout.value);
      for (const [name, control] of Object.entries(texts)) if (control.value !== '') params[name] = control.value;
      if (!cmd && enable.checked) params.EnableParameter = true;
      if (defaults.value.trim() !== '') params.DefaultParameters = defaults.value;
      const rows = { Tags: tagRows ? filledRows(tagRows.rows()) : [] };
      if (rows.Tags.length) params.Tags = rows.Tags.map(({ key, value }) => ({ Key: key, Value: value }));
      const verdict = tat.validate(cmd ? 'ModifyCommand' : 'CreateCommand', params, { language: getLanguage() });
      errors.push(...verdict.errors);
      showErrors(form, errors, rows, (c) => submitted || touched.has(c.name), verdict.warnings);
      return { params, errors };
    }
    revalidate = read;
    const changed = debounce(read, 120); // also the Tags editor's onChange (called only after this line has run)
    form.addEventListener('input', (e) => { touched.add(e.target.name); changed(); });
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
        const answer = await client.call(cmd ? 'ModifyCommand' : 'CreateCommand', params, { signal: controller.signal });
        status.textContent = t(cmd ? 'commandSaved' : 'commandCreated');
        const id = cmd ? cmd.CommandId : answer.CommandId;
        if (location.hash === `#/commands/${id}`) open(id);
        else location.hash = `#/commands/${encodeURIComponent(id)}`;
      } catch (err) {
        submit.disabled = false;
        showError(err, form.closest('section') ?? body);
      }
    });
    return form;
  }

  function deleteButton(cmd) {
    const button = el('button', { type: 'button', className: 'danger', id: 'command-delete', 'data-i18n': 'commandDelete' }, t('commandDelete'));
    button.addEventListener('click', async () => {
      // A native confirmation: modal, keyboard operable, announced by screen readers.
      if (!window.confirm(t('commandDeleteConfirm', { name: cmd.CommandName ?? cmd.CommandId }))) return;
      button.disabled = true;
      try {
        await client.call('DeleteCommand', { CommandId: cmd.CommandId }, { signal: controller.signal });
        status.textContent = t('commandDeleted');
        location.hash = '#/commands';
      } catch (e) {
        button.disabled = false;
        showError(e);
      }
    });
    return button;
  }

  /** InvokeCommand: the command on chosen instances, with its parameters; then its invocation in #/history. */
  function invokeForm(cmd) {
    const form = el('form', { className: 'card', id: 'invoke-form', method: 'dialog', novalidate: true, autocomplete: 'off', 'aria-labelledby': 'invoke-title' });
    const ids = el('textarea', { id: 'ic-InstanceIds', name: 'InstanceIds', rows: '3', spellcheck: 'false', autocapitalize: 'off' });
    const params = el('input', { id: 'ic-Parameters', name: 'Parameters', type: 'text', className: 'json', spellcheck: 'false', placeholder: cmd.DefaultParameters || '{"name": "value"}' });
    const submit = el('button', { type: 'submit', className: 'primary', id: 'invoke-run', 'data-i18n': 'commandRun' }, t('commandRun'));
    form.append(el('h2', { id: 'invoke-title', 'data-i18n': 'commandRunTitle' }, t('commandRunTitle')), el('div', { className: 'view-error' }),
      field(ids, 'InstanceIds', 'instanceHint'),
      cmd.EnableParameter ? field(params, 'Parameters', 'parametersHint') : null,
      el('div', { className: 'detail-actions' }, submit));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const request = { CommandId: cmd.CommandId };
      const list = parseInstanceIds(ids.value);
      if (list.length) request.InstanceIds = list;
      if (cmd.EnableParameter && params.value.trim() !== '') request.Parameters = params.value;
      const verdict = tat.validate('InvokeCommand', request, { language: getLanguage() });
      showErrors(form, verdict.errors, {}, () => true, verdict.warnings);
      if (!verdict.valid) {
        form.querySelector('[aria-invalid="true"]')?.focus();
        return;
      }
      submit.disabled = true;
      try {
        const answer = await client.call('InvokeCommand', request, { signal: controller.signal });
        location.hash = `#/history/${encodeURIComponent(answer.InvocationId)}`;
      } catch (err) {
        submit.disabled = false;
        showError(err, form);
      }
    });
    return form;
  }

  function translate() {
    $('#commands-title', heading).textContent = t('commandsTitle');
    $('#commands-subtitle', heading).textContent = t('commandsSubtitle');
  }

  return {
    el: root,
    titleKey: 'commandsTitle',
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
      // The list is rebuilt; a form keeps what was typed and has its words re-translated.
      if (last?.list) renderList(last.list);
      else {
        translatePage(body);
        tagRows?.translate();
        if (last?.edit && body.querySelector('#command-form')) revalidate?.();
      }
    },
  };
}
