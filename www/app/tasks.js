// Following an invocation: DescribeInvocationTasks until every task is terminal (as the
// package's status catalogue says), and the task table. Rows carry data-status.
import { el } from './dom.js';
import { t, getLanguage } from './i18n.js';

/** Waits `ms`; an abort rejects with an AbortError. The listener goes when the time is up. */
const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const onAbort = () => {
    clearTimeout(timer);
    reject(new DOMException('aborted', 'AbortError'));
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener('abort', onAbort);
    resolve();
  }, ms);
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** The most tasks DescribeInvocationTasks returns in one page (its Limit is at most 100). */
const PAGE_SIZE = 100;

/**
 * Every task of the invocation, page by page, as few pages (paced calls) as the API allows,
 * with each task's output (the API hides it unless asked: the table shows it as tasks end);
 * never more pages than its `expected` instances need, whatever TotalCount says (issue 23).
 */
async function fetchTasks(client, invocationId, expected, signal) {
  const tasks = [];
  for (let pages = 0; pages < Math.ceil(Math.max(expected, 1) / PAGE_SIZE); pages++) {
    const page = await client.call('DescribeInvocationTasks', {
      Filters: [{ Name: 'invocation-id', Values: [invocationId] }],
      Limit: PAGE_SIZE,
      ...(tasks.length ? { Offset: tasks.length } : {}),
      HideOutput: false,
    }, { signal });
    const set = Array.isArray(page.InvocationTaskSet) ? page.InvocationTaskSet : [];
    tasks.push(...set);
    if (!set.length || tasks.length >= expected || tasks.length >= Number(page.TotalCount ?? 0)) break;
  }
  return tasks;
}

/**
 * Polls until every one of `expected` tasks is terminal; `onTasks(tasks)` after each round.
 * Failures the service calls retryable (the frequency limit, internal errors) and network
 * failures are retried by the package's client; what still fails ends it.
 */
export async function followInvocation({ tat, client, invocationId, expected, onTasks, signal }) {
  let delay = 600;
  for (;;) {
    const tasks = await fetchTasks(client, invocationId, expected, signal);
    onTasks(tasks);
    if (tasks.length >= expected && tasks.every((task) => tat.describeTaskStatus(String(task.TaskStatus)).terminal)) return tasks;
    await sleep(delay, signal);
    delay = Math.min(delay * 1.25, 3000);
  }
}

const time = (iso) => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString(getLanguage(), { hour12: false });
};

/**
 * Base64 text (a task's output, a command's script) decoded for display: what is not UTF-8
 * shows as replacement characters; what is not base64, as the reason. Never throws.
 */
export function decodeText(tat, b64) {
  if (typeof b64 !== 'string' || b64 === '') return '';
  try {
    return tat.decodeOutput(b64, { lossy: true });
  } catch (e) {
    return `[${e.code ?? 'error'}] ${e.message}`;
  }
}

/** The decoded output, or the reason it cannot be shown. Never throws. */
const outputText = (tat, result) => decodeText(tat, result?.Output);

/** Renders the task table into `container` (a tbody) from the last DescribeInvocationTasks. */
export function renderTasks(tat, tbody, tasks) {
  const lang = getLanguage();
  tbody.replaceChildren(...tasks.map((task) => {
    const status = tat.describeTaskStatus(String(task.TaskStatus ?? ''), lang);
    const result = task.TaskResult ?? {};
    const output = outputText(tat, result);
    const dropped = Number(result.Dropped) > 0 ? t('dropped', { n: result.Dropped }) : '';
    const terminal = status.terminal;
    return el('tr', { dataset: { status: String(task.TaskStatus ?? ''), instance: String(task.InstanceId ?? '') } },
      el('td', { 'data-label': t('colInstance') }, el('code', {}, String(task.InstanceId ?? ''))),
      el('td', { 'data-label': t('colStatus') },
        el('span', { className: `badge badge-${badgeKind(task.TaskStatus, terminal, result.ExitCode)}`, title: status.description }, status.label)),
      el('td', { 'data-label': t('colExit'), className: 'num' }, terminal && result.ExitCode !== undefined && result.ExitCode !== null ? String(result.ExitCode) : '—'),
      el('td', { 'data-label': t('colStart') }, time(result.ExecStartTime ?? task.StartTime)),
      el('td', { 'data-label': t('colEnd') }, time(result.ExecEndTime ?? task.EndTime)),
      el('td', { 'data-label': t('colOutput'), className: 'output-cell' },
        output ? el('pre', { className: 'output', tabindex: '0' }, output) : el('span', { className: 'muted' }, t('noOutput')),
        dropped ? el('div', { className: 'muted' }, dropped) : null,
        task.ErrorInfo ? el('div', { className: 'task-error' }, String(task.ErrorInfo)) : null));
  }));
}

/** The badge colour: success, failure, or still moving. */
function badgeKind(status, terminal, exitCode) {
  if (!terminal) return 'active';
  if (status === 'SUCCESS') return Number(exitCode) === 0 ? 'ok' : 'warn';
  return 'bad';
}
