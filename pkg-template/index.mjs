// Node, ES module: import * as tat from 'tat-request'. The module is compiled and
// instantiated on load; init() exists only so that code shared with browsers can await it.
import m from './node/tat_request.js';

export const {
  validate,
  validateRunCommand,
  buildRequest,
  describeError,
  describeTaskStatus,
  encodeContent,
  decodeOutput,
  listPlaceholders,
  previewContent,
  limits,
  splitRunCommand,
  parseResponse,
  Pacer,
  forgetCredentials,
  memoryBytes,
} = m;

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}

/** Nothing to do in Node: the module is ready on import. */
export default async function init() {}
