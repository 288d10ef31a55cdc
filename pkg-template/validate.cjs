// Node, CommonJS: require('tat-request/validate'). Validation without the signer and the
// client: the English module (validate/en.wasm) is compiled on load; the bilingual one
// (validate/en-zh.wasm) on the first call that asks for zh-CN, synchronously (the two have
// the same exports; each function goes to the bilingual one only for zh-CN).
'use strict';
const english = require('./validate/en.cjs');

let bilingual;
const loadBilingual = () => (bilingual ??= require('./validate/en-zh.cjs'));

/** The language a call asks for: `language` given directly or as `{ language }`. */
function asked(arg) {
  try {
    return typeof arg === 'string' ? arg : arg?.language;
  } catch {
    return undefined; // a throwing getter: the English module reports it
  }
}

// Which argument carries each function's language (or options); the others have none.
const LANGUAGE_AT = { validate: 2, validateRunCommand: 1, describeError: 1, describeTaskStatus: 1, listPlaceholders: 1, previewContent: 3 };
const api = {};
for (const [name, at] of Object.entries(LANGUAGE_AT)) {
  // A method of an object literal, so that the function keeps its name.
  ({ [name]: api[name] } = {
    [name](...args) {
      return (asked(args[at]) === 'zh-CN' ? loadBilingual() : english)[name](...args);
    },
  });
}
for (const name of ['encodeContent', 'decodeOutput', 'limits']) api[name] = english[name];

const init = async () => {};
/** Loads a language's messages now rather than on first use (for code shared with browsers). */
async function loadLanguage(language) {
  if (language === 'zh-CN') loadBilingual();
  else if (language !== 'en-US') {
    throw Object.assign(new Error("loadLanguage: language must be 'en-US' or 'zh-CN'."), { name: 'TatError', code: 'InvalidParameterValue' });
  }
}
module.exports = Object.assign(api, { init, initSync: () => {}, loadLanguage, default: init });
