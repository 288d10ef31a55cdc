// Puts each validation message on the control it concerns, accessibly: an error gives the
// control aria-invalid="true"; a warning is shown beside it, marked as a warning, without
// aria-invalid (the request can still be sent). aria-describedby names the control's hints,
// then its error and warning messages.
import { el } from './dom.js';
import { t } from './i18n.js';

/** Codes about a custom parameter's name rather than its value. */
const KEY_CODES = /ParameterKey/;

/** A control by its name, or a group (a fieldset) by its data-field. */
const byName = (form, name) => form.querySelector(`:is(input, textarea, select)[name="${CSS.escape(name)}"], fieldset[data-field="${CSS.escape(name)}"]`);

/**
 * The control an error's field names. `rows` come from readParams (Tags[i] is rows.Tags[i]).
 * Fields look like `Content`, `InstanceIds[3]`, `Tags[0].Key`, `Parameters.varA`.
 */
export function controlFor(form, { field, code }, rows) {
  if (typeof field !== 'string' || field === '') return null;
  let m = /^Tags\[(\d+)\](?:\.(Key|Value))?$/.exec(field);
  if (m) {
    const row = rows.Tags?.[Number(m[1])];
    if (row) return m[2] === 'Value' ? row.valueInput : row.keyInput;
  }
  m = /^(Parameters|DefaultParameters)\.(.*)$/s.exec(field);
  if (m) {
    const matching = (rows[m[1]] ?? []).filter((r) => r.key === m[2]);
    // A repeated key is the later row's fault; other problems belong to the first.
    const row = /Duplicated/.test(code) ? matching.at(-1) : matching[0];
    if (row) return KEY_CODES.test(code) ? row.keyInput : row.valueInput;
    return byName(form, m[1]);
  }
  const exact = byName(form, field);
  if (exact) return exact;
  // InstanceIds[3] and the like: the list's control; the message itself names the item.
  m = /^([A-Za-z]+)/.exec(field);
  return m ? byName(form, m[1]) : null;
}

/** The message element of `control` for a kind of problem: `err` or `warn`. */
function messageFor(control, kind) {
  const id = `${kind}-${control.id || control.dataset.field}`;
  let msg = document.getElementById(id);
  if (!msg) {
    msg = el('div', { className: kind === 'warn' ? 'msg warn' : 'msg', id, hidden: true });
    const host = control.closest('.kv-row') ?? control.closest('.field') ?? control;
    if (host === control) control.after(msg);
    else host.append(msg);
  }
  return msg;
}

/** aria-describedby: the control's own hints, then its shown messages. */
function describe(control) {
  const key = control.id || control.dataset.field;
  const shown = ['err', 'warn'].map((k) => document.getElementById(`${k}-${key}`)).filter((m) => m && !m.hidden).map((m) => m.id);
  if (control.dataset.hints === undefined) control.dataset.hints = control.getAttribute('aria-describedby') ?? '';
  const ids = [...control.dataset.hints.split(' ').filter(Boolean), ...shown];
  if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
  else control.removeAttribute('aria-describedby');
}

/**
 * Shows `errors` and `warnings` (the package's problems) on their controls; `visible(control)`
 * says whether the user has touched it yet. Returns the problems that found no control, to be
 * listed apart.
 */
export function showErrors(form, errors, rows, visible, warnings = []) {
  const orphans = [];
  for (const [kind, list] of [['err', errors], ['warn', warnings]]) {
    const perControl = new Map();
    for (const problem of list) {
      const control = controlFor(form, problem, rows);
      if (!control) orphans.push(problem);
      else perControl.set(control, [...(perControl.get(control) ?? []), problem]);
    }
    // Messages of this kind that no longer apply.
    for (const msg of form.querySelectorAll(kind === 'err' ? '.msg:not(.warn):not([hidden])' : '.msg.warn:not([hidden])')) {
      const control = form.querySelector(`[aria-describedby~="${CSS.escape(msg.id)}"]`);
      if (!control || !perControl.has(control) || !visible(control)) {
        msg.hidden = true;
        if (control) {
          if (kind === 'err') control.removeAttribute('aria-invalid');
          describe(control);
        }
      }
    }
    for (const [control, problems] of perControl) {
      if (!visible(control)) continue;
      const msg = messageFor(control, kind);
      // data-error-field, not data-field: data-field marks controls (see byName).
      msg.replaceChildren(...problems.map((e) => el('p', { dataset: { code: e.code, errorField: e.field } }, e.message)));
      msg.hidden = false;
      if (kind === 'err') control.setAttribute('aria-invalid', 'true');
      describe(control);
    }
  }
  return { orphans };
}

/**
 * A field of a form: label, control, hint; `control` carries the API parameter as its name and
 * its hint in aria-describedby (which describe() keeps first). data-i18n: a language switch
 * re-translates the words without rebuilding what was typed.
 */
export function field(control, labelKey, hintKey) {
  const hint = hintKey ? el('p', { className: 'hint', id: `h-${control.id}`, 'data-i18n': hintKey }, t(hintKey)) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return el('div', { className: 'field' }, el('label', { for: control.id, 'data-i18n': labelKey }, t(labelKey)), control, hint);
}
