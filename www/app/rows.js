// Key/value row editors for Tags, Parameters and DefaultParameters. Controls are named after
// the API field they produce (`Tags[0].Key`, `Parameters[0].Value`) and renumbered when a row
// goes, so that an error's field finds its control.
import { el } from './dom.js';
import { t } from './i18n.js';

let uid = 0;

/**
 * A row editor in `container`. `name` is the API parameter; `labels` are i18n keys for the
 * key and value inputs. `onChange()` runs after every edit, addition or removal.
 */
export function createRows(container, { name, keyLabel, valueLabel, onChange }) {
  const list = el('div', { className: 'kv-rows' });
  container.append(list);

  function renumber() {
    [...list.children].forEach((row, i) => {
      row.querySelector('[data-part="key"]').name = `${name}[${i}].Key`;
      row.querySelector('[data-part="value"]').name = `${name}[${i}].Value`;
    });
  }

  function add(key = '', value = '') {
    const n = ++uid;
    const keyInput = el('input', { type: 'text', id: `kv-${n}-k`, value: key, autocomplete: 'off', spellcheck: 'false', dataset: { part: 'key' } });
    const valueInput = el('input', { type: 'text', id: `kv-${n}-v`, value, autocomplete: 'off', spellcheck: 'false', dataset: { part: 'value' } });
    const remove = el('button', { type: 'button', className: 'icon-button', 'data-i18n-aria': 'remove', 'aria-label': t('remove'), title: t('remove') }, '×');
    const row = el('div', { className: 'kv-row' },
      el('div', { className: 'kv-cell' }, el('label', { for: keyInput.id, className: 'sr-only', 'data-i18n': keyLabel }, t(keyLabel)), keyInput),
      el('div', { className: 'kv-cell' }, el('label', { for: valueInput.id, className: 'sr-only', 'data-i18n': valueLabel }, t(valueLabel)), valueInput),
      remove);
    keyInput.placeholder = t(keyLabel);
    valueInput.placeholder = t(valueLabel);
    remove.addEventListener('click', () => {
      row.remove();
      renumber();
      onChange();
    });
    list.append(row);
    renumber();
    onChange();
    return row;
  }

  return {
    add,
    /** The rows as { key, value, keyInput, valueInput }, in order. */
    rows: () => [...list.children].map((row) => {
      const keyInput = row.querySelector('[data-part="key"]');
      const valueInput = row.querySelector('[data-part="value"]');
      return { key: keyInput.value, value: valueInput.value, keyInput, valueInput };
    }),
    /** Re-translates the placeholders (labels follow data-i18n). */
    translate() {
      for (const input of list.querySelectorAll('[data-part="key"]')) input.placeholder = t(keyLabel);
      for (const input of list.querySelectorAll('[data-part="value"]')) input.placeholder = t(valueLabel);
    },
  };
}
