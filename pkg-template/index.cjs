// Node, CommonJS: require('tat-request'). The module is compiled and instantiated on load;
// init() exists only so that code shared with browsers can await it.
'use strict';
const m = require('./node/tat_request.js');
const init = async () => {};
module.exports = Object.assign({}, m, { init, initSync: () => {}, default: init });
