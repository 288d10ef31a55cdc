// Node, CommonJS: require('tat-request'). The module is compiled and instantiated on load;
// init() exists only so that code shared with browsers can await it.
'use strict';
const crypto = require('node:crypto');
const m = require('./node/tat_request.js');
const { readFile } = require('node:fs/promises');
const { homedir } = require('node:os');
const { fastBuildRequest, writeLongStrings } = require('./fast-path.cjs');
const { clientFactory, TatError } = require('./client.cjs');
const { nodeCredentials, CREDENTIAL_PLACES } = require('./node-credentials.cjs');
const { pacerClass } = require('./pacer.cjs');

const init = async () => {};
const api = {};
// `__`-prefixed exports serve the entries, not users.
for (const [name, value] of Object.entries(m)) if (!name.startsWith('__')) api[name] = value;
// Keeps calls within a rate; misuse (after free(), a forged `this`) is a TatError.
api.Pacer = pacerClass(m);
// Validates, builds and signs; the body is hashed with node:crypto (native SHA-256).
api.buildRequest = fastBuildRequest(m, crypto, writeLongStrings);
api.TatError = TatError;
// A client that signs, paces, sends, retries and waits; credentials as the official SDKs find them.
api.createClient = clientFactory(
  { ...api },
  nodeCredentials({ env: process.env, homedir, readFile: (path) => readFile(path, 'utf8') }),
  CREDENTIAL_PLACES,
);
module.exports = Object.assign(api, { init, initSync: () => {}, default: init });
