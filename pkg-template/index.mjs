// Node, ES module: import * as tat from 'tat-request'. The module is compiled and
// instantiated on load; init() exists only so that code shared with browsers can await it.
import crypto from 'node:crypto';
import m from './node/tat_request.js';
import { fastBuildRequest } from './fast-path.mjs';

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
  splitRunCommand,
  parseResponse,
  Pacer,
  forgetCredentials,
  memoryBytes,
} = m;

/** Validates, builds and signs; the body is hashed with node:crypto (native SHA-256). */
export const buildRequest = fastBuildRequest(m, crypto);

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}

/** Nothing to do in Node: the module is ready on import. */
export default async function init() {}
