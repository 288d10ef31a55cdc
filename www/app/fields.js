// Puts each validation message on the control it concerns, accessibly: the control gets
// aria-invalid="true" and aria-describedby naming its message element (after its hints).
import { el } from './dom.js';

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

function messageFor(control) {
  const id = `err-${control.id || control.dataset.field}`;
  let msg = document.getElementById(id);
  if (!msg) {
    msg = el('div', { className: 'msg', id, hidden: true });
    const host = control.closest('.kv-row') ?? control.closest('.field') ?? control;
    if (host === control) control.after(msg);
    else host.append(msg);
  }
  return msg;
}

/**
 * Shows `errors` (package errors) on their controls; `visible(control)` says whether the
 * user has touched it yet. Returns the errors that found no control, to be listed apart.
 */
export function showErrors(form, errors, rows, visible) {
  const perControl = new Map();
  const orphans = [];
  for (const error of errors) {
    const control = controlFor(form, error, rows);
    if (!control) orphans.push(error);
    else perControl.set(control, [...(perControl.get(control) ?? []), error]);
  }
  for (const control of form.querySelectorAll('[aria-invalid="true"]')) {
    if (!perControl.has(control) || !visible(control)) clear(control);
  }
  for (const [control, list] of perControl) {
    if (!visible(control)) continue;
    const msg = messageFor(control);
    // data-error-field, not data-field: data-field marks controls (see byName).
    msg.replaceChildren(...list.map((e) => el('p', { dataset: { code: e.code, errorField: e.field } }, e.message)));
    msg.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    const hints = (control.dataset.hints ?? control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== msg.id);
    control.dataset.hints = hints.join(' ');
    control.setAttribute('aria-describedby', [...hints, msg.id].join(' '));
  }
  return { orphans };
}

function clear(control) {
  control.removeAttribute('aria-invalid');
  const msg = document.getElementById(`err-${control.id || control.dataset.field}`);
  if (msg) msg.hidden = true;
  const hints = control.dataset.hints ?? '';
  if (hints) control.setAttribute('aria-describedby', hints);
  else control.removeAttribute('aria-describedby');
}
