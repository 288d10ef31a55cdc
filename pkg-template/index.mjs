// Node, ES module: import * as tat from 'tat-request'. The module is compiled and
// instantiated on load; init() exists only so that code shared with browsers can await it.
import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import m from './node/tat_request.js';
import { fastBuildRequest, writeLongStrings } from './fast-path.mjs';
import { clientFactory, TatError } from './client.mjs';
import { nodeCredentials, CREDENTIAL_PLACES } from './node-credentials.mjs';
import { pacerClass } from './pacer.mjs';

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
  forgetCredentials,
  memoryBytes,
} = m;

/** Keeps calls within a rate; misuse (after free(), a forged `this`) is a TatError. */
export const Pacer = pacerClass(m);

/** Validates, builds and signs; the body is hashed with node:crypto (native SHA-256). */
export const buildRequest = fastBuildRequest(m, crypto, writeLongStrings);

export { TatError };

/** A client that signs, paces, sends, retries and waits; credentials as the official SDKs find them. */
export const createClient = clientFactory(
  { ...m, buildRequest, Pacer },
  nodeCredentials({ env: process.env, homedir, readFile: (path) => readFile(path, 'utf8') }),
  CREDENTIAL_PLACES,
);

/** Nothing to do in Node: the module is ready on import. */
export function initSync() {}

/** Nothing to do in Node: the module is ready on import. */
export default async function init() {}
