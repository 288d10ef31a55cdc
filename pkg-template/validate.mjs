// Node, ES module: import * as tat from 'tat-request/validate'. The same module as
// require('tat-request/validate') (validate.cjs), with named exports.
import v from './validate.cjs';

export const {
  validate,
  validateRunCommand,
  describeError,
  describeTaskStatus,
  encodeContent,
  decodeOutput,
  listPlaceholders,
  previewContent,
  limits,
  initSync,
  loadLanguage,
} = v;

/** Nothing to do in Node: the module is ready on import. */
export default v.init;
