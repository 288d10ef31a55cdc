// Reads the form into RunCommand parameters, as the user typed them: no rule is applied here
// (the package's validator judges everything); empty optional fields are left out, as the
// service reads an absent field and an empty one alike.

const OPTIONAL_TEXT = ['CommandName', 'Description', 'WorkingDirectory', 'Username', 'OutputCOSBucketUrl', 'OutputCOSKeyPrefix'];

/** InstanceIds as typed: one per line or comma-separated, blanks dropped. */
export const parseInstanceIds = (text) => text.split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== '');

/**
 * A JSON object text of key/value rows, written by hand so that a repeated key reaches the
 * validator (an object built in JS would silently keep only the last one).
 */
export const rowsToJson = (rows) => `{${rows.map(({ key, value }) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`;

/** Rows with a key or a value; a blank row is a row the user has not filled yet. */
export const filledRows = (rows) => rows.filter((r) => r.key !== '' || r.value !== '');

/** A number when the text is one, otherwise the text itself, for the validator to explain. */
export function numberOrText(text) {
  const s = text.trim();
  return s !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : text;
}

/**
 * Reads the form. `editors` are the row editors { Tags, Parameters, DefaultParameters }.
 * Returns { params, extraErrors, rows } where `rows` maps each list parameter to the rows it
 * was made of (index i of Tags is rows.Tags[i]), and `extraErrors` are errors found while
 * encoding (a script that is not well-formed text).
 */
export function readParams(form, editors, tat) {
  const value = (name) => form.elements.namedItem(name)?.value ?? '';
  const params = {};
  const extraErrors = [];

  const script = value('Content');
  if (script !== '') {
    try {
      params.Content = tat.encodeContent(script);
    } catch (e) {
      extraErrors.push({ field: 'Content', code: e.code ?? 'InvalidParameter', message: e.message });
    }
  }
  const ids = parseInstanceIds(value('InstanceIds'));
  if (ids.length) params.InstanceIds = ids;
  params.CommandType = value('CommandType');
  for (const name of OPTIONAL_TEXT) if (value(name) !== '') params[name] = value(name);
  if (value('Timeout').trim() !== '') params.Timeout = numberOrText(value('Timeout'));
  if (form.elements.namedItem('SaveCommand').checked) params.SaveCommand = true;
  if (form.elements.namedItem('EnableParameter').checked) params.EnableParameter = true;

  const rows = {};
  const tags = filledRows(editors.Tags.rows());
  rows.Tags = tags;
  if (tags.length) params.Tags = tags.map(({ key, value: v }) => ({ Key: key, Value: v }));
  for (const name of ['Parameters', 'DefaultParameters']) {
    const filled = filledRows(editors[name].rows());
    rows[name] = filled;
    if (filled.length) params[name] = rowsToJson(filled);
  }
  return { params, extraErrors, rows };
}

/** The credential and connection settings, read when needed and never kept elsewhere. */
export function readCredentials(form) {
  const value = (name) => form.elements.namedItem(name)?.value ?? '';
  return {
    // As typed: the package says what is wrong with a credential; trimming here would sign
    // with something other than what the user sees.
    secretId: value('SecretId'),
    secretKey: value('SecretKey'),
    token: value('Token') || undefined,
    region: value('Region') || undefined,
    endpoint: value('Endpoint').trim(),
  };
}
