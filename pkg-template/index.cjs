// Node, CommonJS: require('tat-request'). The module is compiled and instantiated on load;
// init() exists only so that code shared with browsers can await it.
'use strict';
const crypto = require('node:crypto');
const m = require('./node/tat_request.js');
const { fastBuildRequest } = require('./fast-path.cjs');

const init = async () => {};
const api = {};
// `__`-prefixed exports serve the entries, not users.
for (const [name, value] of Object.entries(m)) if (!name.startsWith('__')) api[name] = value;
// Validates, builds and signs; the body is hashed with node:crypto (native SHA-256).
api.buildRequest = fastBuildRequest(m, crypto);
module.exports = Object.assign(api, { init, initSync: () => {}, default: init });
