// The browser entries' functions, each refusing to run before `init()` has loaded the module:
// a call would otherwise fail inside the wasm-bindgen glue with a bare TypeError. The check is
// one boolean per call. Shared by browser.js (wasm fetched) and inline.js (wasm embedded).
import { fastBuildRequest } from './fast-path.mjs';
import { clientFactory, TatError } from './client.mjs';
import { pacerClass } from './pacer.mjs';
import { languages } from './language.mjs';

const FUNCTIONS = ['validate', 'validateRunCommand', 'describeError', 'describeTaskStatus', 'encodeContent',
  'decodeOutput', 'listPlaceholders', 'previewContent', 'limits', 'splitRunCommand', 'parseResponse',
  'forgetCredentials', 'memoryBytes'];

/**
 * The entry's exports over the glue `m`: `init` (async) and `initSync` mark the module ready;
 * every other function throws a `TatError` with code `ModuleNotInitialized` until then.
 * `zhSource()` is where `loadLanguage('zh-CN')` finds the zh-CN texts by default; `withZh`, the
 * texts themselves, written in as the module loads (tat-request/inline, which embeds them).
 */
export function guarded(m, glueInit, glueInitSync, zhSource, withZh) {
  let ready = false;
  const check = (name) => {
    if (!ready) {
      throw new TatError('ModuleNotInitialized', `tat-request: ${name}() was called before the WebAssembly module was loaded; \`await init()\` once first (import init from 'tat-request').`);
    }
  };
  const api = {};
  for (const name of FUNCTIONS) {
    const f = m[name];
    api[name] = { [name](...args) { check(name); return f(...args); } }[name];
  }
  api.Pacer = pacerClass(m, () => check('new Pacer'));
  let fast;
  /** Validates, builds and signs (after `init()`); the body is hashed in WebAssembly. */
  api.buildRequest = function buildRequest(input) {
    check('buildRequest');
    fast ??= fastBuildRequest(m);
    return fast(input);
  };
  /**
   * A client that signs, paces, sends, retries and waits (after `init()`). Browsers have no
   * default credentials: pass them, preferably temporary ones (`credentials` as a function).
   */
  api.createClient = clientFactory({ ...m, ...api });
  api.TatError = TatError;
  let loading; // the module's loading, once init() is called (again after a failure)
  const zh = languages(m, () => loading ?? api.default(), zhSource);
  const loaded = (out, input) => {
    // The embedded texts belong to the embedded module only.
    if (withZh && input === undefined) zh.apply(withZh);
    ready = true;
    return out;
  };
  api.default = function init(input) {
    const p = glueInit(input).then((out) => loaded(out, input));
    loading = p;
    p.catch(() => { if (loading === p) loading = undefined; });
    return p;
  };
  api.initSync = function initSync(input) {
    const out = loaded(glueInitSync(input), input);
    loading = Promise.resolve(out);
    return out;
  };
  api.loadLanguage = zh.loadLanguage;
  return api;
}
