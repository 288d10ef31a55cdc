// How a failed call is shown, on every view: the code, the package's message for it in the
// page's language, the service's own words, the package's refusal list, and retry advice.
import { el } from './dom.js';
import { t } from './i18n.js';

/** What errorBox shows of a thrown error (a failed call, an abort excepted, or a refusal). */
export const asError = (e) => ({
  code: e.code ?? 'InternalError',
  message: e.message,
  requestId: e.requestId,
  errors: e.errors,
  detail: e.detail,
  status: e.status,
  outcome: e.outcome,
  reconciliation: e.reconciliation,
  invocations: e.invocations,
});

/**
 * What is known of a failed request's outcome, when it may have run (issue 22): said as such,
 * with what reconciliation found, and the invocations that had started; never "failed" alone.
 */
function outcomeNote(error) {
  const parts = [];
  if (error.outcome === 'unknown') {
    parts.push(el('p', { className: 'outcome', dataset: { outcome: 'unknown' } }, el('strong', {}, t('mayHaveRun'))));
    const r = error.reconciliation;
    if (r?.searched) parts.push(el('p', { className: 'reconciliation', dataset: { found: 'none' } }, t('reconcileNotFound', { n: r.candidates ?? 0 })));
    else if (r?.error) parts.push(el('p', { className: 'reconciliation', dataset: { found: 'error' } }, t('reconcileFailed', { code: r.error })));
  }
  if (error.invocations?.length) parts.push(el('p', { className: 'started' }, t('startedBefore', { ids: error.invocations.join(', ') })));
  return parts;
}

/**
 * An error: its code, the package's message for it, the service's own words, retry advice.
 * `id` tells the views' boxes apart (the run view's is #error).
 */
export function errorBox(tat, error, lang, id = 'error') {
  const box = el('div', { className: 'alert alert-bad', role: 'alert', id, dataset: { code: error.code, outcome: error.outcome ?? '' } });
  box.append(el('h3', {}, t('errorTitle')));
  if (error.code === 'NetworkError') {
    box.append(el('p', {}, el('code', { className: 'code' }, error.code), ' ', t('networkError', { detail: error.detail ?? '' })), ...outcomeNote(error));
    return box;
  }
  if (error.code === 'BadAnswer') {
    box.append(el('p', {}, el('code', { className: 'code' }, error.code), ' ', t('badAnswer', { status: error.status ?? '?' })), ...outcomeNote(error));
    return box;
  }
  const described = tat.describeError(error.code, lang);
  box.append(el('p', {}, el('code', { className: 'code' }, error.code), ' ', el('span', { className: 'message' }, described.message)));
  if (error.errors?.length) {
    box.append(el('p', {}, t('refused')), el('ul', {}, error.errors.map((e) => el('li', {}, `${e.field}: ${e.message}`))));
  } else if (error.message && error.message !== described.message) {
    box.append(el('p', { className: 'service-message' }, `${t('serviceSaid')}: ${error.message}`));
  }
  box.append(...outcomeNote(error));
  // "Retrying can succeed" is never said of a request that may have run.
  if (error.outcome !== 'unknown') box.append(el('p', { className: `retry ${described.retryable ? 'retry-yes' : 'retry-no'}`, dataset: { retryable: String(described.retryable) } }, described.retryable ? t('retryYes') : t('retryNo')));
  if (error.requestId) box.append(el('p', { className: 'muted' }, `${t('requestId')}: `, el('code', {}, error.requestId)));
  return box;
}
