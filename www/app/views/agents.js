// #/agents: DescribeAutomationAgentStatus for the known instances: the sandbox's fleet in
// emulator mode, the IDs entered here otherwise (relay or direct mode). Rows
// [data-instance-id][data-agent-status]. The list is validated by the package like the run
// form (errors with aria-invalid, warnings beside) and asked in requests of one instance kind
// and at most 100 IDs each.
import { $, el } from '../dom.js';
import { t, getLanguage } from '../i18n.js';
import { errorBox, asError } from '../errors.js';
import { dataTable, when } from './list.js';
import { showErrors } from '../fields.js';
import { parseInstanceIds } from '../params.js';

/** DescribeAutomationAgentStatus takes at most this many InstanceIds a request. */
const PER_REQUEST = 100;

export function createAgentsView({ tat, client, root, fleet }) {
  let last = null; // { agents, asked } or { error }: re-rendered on a language switch
  let controller = null;
  let filled = false;

  const heading = el('div', { className: 'page-head' }, el('h1', { id: 'agents-title' }), el('p', { id: 'agents-subtitle' }));
  const form = el('form', { className: 'card', id: 'agents-form', method: 'dialog', novalidate: true, autocomplete: 'off' });
  const textarea = el('textarea', { id: 'ag-InstanceIds', name: 'InstanceIds', rows: '4', spellcheck: 'false', autocapitalize: 'off', 'aria-describedby': 'ag-h-InstanceIds' });
  const label = el('label', { for: 'ag-InstanceIds' });
  const hint = el('p', { className: 'hint', id: 'ag-h-InstanceIds' });
  const submit = el('button', { type: 'submit', className: 'primary', id: 'agents-check' });
  form.append(el('div', { className: 'field' }, label, textarea, hint), el('div', { className: 'filter-actions' }, submit));
  const results = el('section', { className: 'card', id: 'agents-results', 'aria-labelledby': 'agents-results-title' });
  const status = el('p', { className: 'sr-only', id: 'agents-status', 'aria-live': 'polite' });
  root.replaceChildren(heading, form, results, status);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    check();
  });

  /**
   * The requests that ask about `ids`: one request takes one kind of instance (CVM ins-,
   * Lighthouse lhins-, managed mi-; the package refuses a mix) and at most 100 IDs. Each
   * batch keeps the positions of its IDs in the list, for the messages.
   */
  function batches(ids) {
    const kinds = new Map();
    ids.forEach((id, index) => {
      const kind = /^(?:lhins|ins|mi)-/.exec(id)?.[0] ?? '';
      kinds.set(kind, [...(kinds.get(kind) ?? []), { id, index }]);
    });
    const out = [];
    for (const list of kinds.values()) for (let i = 0; i < list.length; i += PER_REQUEST) out.push(list.slice(i, i + PER_REQUEST));
    return out;
  }

  /** The requests to send; a problem with the IDs is shown on the control and nothing is sent. */
  function read() {
    const ids = parseInstanceIds(textarea.value);
    const language = getLanguage();
    const errors = [];
    const warnings = [];
    const requests = batches(ids);
    for (const batch of requests) {
      const verdict = tat.validate('DescribeAutomationAgentStatus', { InstanceIds: batch.map((x) => x.id) }, { language });
      // Positions in the whole list, not the batch: the field names the line the user sees.
      const shift = (p) => ({ ...p, field: p.field.replace(/^InstanceIds\[(\d+)\]/, (m, n) => `InstanceIds[${batch[Number(n)]?.index ?? n}]`) });
      errors.push(...verdict.errors.map(shift));
      warnings.push(...verdict.warnings.map(shift));
    }
    if (!ids.length) errors.push({ field: 'InstanceIds', code: 'MissingParameter', message: t('agentsNone') });
    showErrors(form, errors, {}, () => true, warnings);
    return errors.length ? null : { ids, requests: requests.map((b) => b.map((x) => x.id)) };
  }

  async function check() {
    const asked = read();
    if (!asked) {
      textarea.focus();
      return;
    }
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    submit.disabled = true;
    status.textContent = t('loading');
    try {
      const agents = [];
      for (const InstanceIds of asked.requests) {
        const answer = await client.call('DescribeAutomationAgentStatus', { InstanceIds, Limit: PER_REQUEST }, { signal });
        agents.push(...(Array.isArray(answer.AutomationAgentSet) ? answer.AutomationAgentSet : []));
      }
      last = { agents, asked: asked.ids };
    } catch (e) {
      if (e?.name === 'AbortError') return;
      last = { error: asError(e) };
    } finally {
      submit.disabled = false;
    }
    render();
  }

  function render() {
    const parts = [el('h2', { id: 'agents-results-title' }, t('agentsTitle'))];
    if (!last) parts.push(el('p', { className: 'muted' }, t('agentsIntro')));
    else if (last.error) parts.push(errorBox(tat, last.error, getLanguage(), 'agents-error'));
    else {
      const byId = new Map(last.agents.map((a) => [a.InstanceId, a]));
      // Every instance asked about, in the order asked; one the service does not know has no agent.
      const online = last.asked.filter((id) => byId.get(id)?.AgentStatus === 'Online').length;
      status.textContent = t('agentsCount', { online, n: last.asked.length });
      parts.push(el('p', { className: 'hint', id: 'agents-summary' }, t('agentsCount', { online, n: last.asked.length })),
        dataTable('agents', 'agentsTitle', ['colInstance', 'colAgent', 'colEnvironment', 'colVersion', 'colHeartbeat'],
          last.asked.map((id) => row(id, byId.get(id)))));
    }
    results.replaceChildren(...parts);
  }

  function row(id, agent) {
    const s = agent ? String(agent.AgentStatus ?? '') : 'Unknown';
    const kind = s === 'Online' ? 'ok' : s === 'Offline' ? 'bad' : 'warn';
    const key = `agent.${s}`;
    const words = t(key);
    return el('tr', { dataset: { instanceId: id, agentStatus: s } },
      el('td', { 'data-label': t('colInstance') }, el('code', {}, id)),
      el('td', { 'data-label': t('colAgent') }, el('span', { className: `badge badge-${kind}` }, words === key ? s : words)),
      el('td', { 'data-label': t('colEnvironment') }, String(agent?.Environment ?? '—')),
      el('td', { 'data-label': t('colVersion') }, String(agent?.Version ?? '—')),
      el('td', { 'data-label': t('colHeartbeat') }, when(agent?.LastHeartbeatTime)));
  }

  function translate() {
    $('#agents-title', heading).textContent = t('agentsTitle');
    $('#agents-subtitle', heading).textContent = t('agentsSubtitle');
    label.textContent = t('InstanceIds');
    hint.textContent = t('agentsHint');
    submit.textContent = t('agentsCheck');
    if (form.querySelector('.msg:not([hidden])')) read();
    render();
  }

  return {
    el: root,
    titleKey: 'agentsTitle',
    show() {
      // The fleet the sandbox offers, once; what the user typed stays.
      if (!filled) {
        const known = fleet();
        if (known.length && textarea.value === '') textarea.value = known.join('\n');
        filled = true;
      }
      translate();
      if (!last && textarea.value.trim() !== '') check();
    },
    hide() {
      controller?.abort();
    },
    translate,
  };
}
