// Node, CommonJS: require('tat-request'). The module is compiled and instantiated on load;
// init() exists only so that code shared with browsers can await it.
'use strict';
const crypto = require('node:crypto');
const m = require('./node/tat_request.js');
const { readFile } = require('node:fs/promises');
const { homedir } = require('node:os');
const { fastBuildRequest } = require('./fast-path.cjs');
const { jsonText, oneShotHash } = require('./node-body.cjs');
const { clientFactory, TatError } = require('./client.cjs');
const { nodeCredentials, CREDENTIAL_PLACES } = require('./node-credentials.cjs');
const { pacerClass } = require('./pacer.cjs');

const init = async () => {};
const api = {};
// `__`-prefixed exports serve the entries, not users.
for (const [name, value] of Object.entries(m)) if (!name.startsWith('__')) api[name] = value;
// Keeps calls within a rate; misuse (after free(), a forged `this`) is a TatError.
api.Pacer = pacerClass(m);
// Validates, builds and signs; the body is written by node-body.cjs (JSON.stringify's text,
// faster; what it leaves, by JSON.stringify) and hashed with node:crypto (native SHA-256).
const hash = oneShotHash(crypto);
api.buildRequest = fastBuildRequest(m, hash, jsonText, fastBuildRequest(m, hash));
api.TatError = TatError;
// A client that signs, paces, sends, retries and waits; credentials as the official SDKs find them.
api.createClient = clientFactory(
  { ...api },
  nodeCredentials({ env: process.env, homedir, readFile: (path) => readFile(path, 'utf8') }),
  CREDENTIAL_PLACES,
);
// Both languages are in Node's module: checks `language` only (for code shared with browsers).
async function loadLanguage(language) {
  if (language !== 'en-US' && language !== 'zh-CN') throw new TatError('InvalidParameterValue', "loadLanguage: language must be 'en-US' or 'zh-CN'.");
}
module.exports = Object.assign(api, { init, initSync: () => {}, loadLanguage, default: init });
