// The browser entries' functions, each refusing to run before `init()` has loaded the module:
// a call would otherwise fail inside the wasm-bindgen glue with a bare TypeError. The check is
// one boolean per call. Shared by browser.js (wasm fetched) and inline.js (wasm embedded).
import { fastBuildRequest } from './fast-path.mjs';
import { clientFactory, TatError } from './client.mjs';
import { pacerClass } from './pacer.mjs';

const FUNCTIONS = ['validate', 'validateRunCommand', 'describeError', 'describeTaskStatus', 'encodeContent',
  'decodeOutput', 'listPlaceholders', 'previewContent', 'limits', 'splitRunCommand', 'parseResponse',
  'forgetCredentials', 'memoryBytes'];

/**
 * The entry's exports over the glue `m`: `init` (async) and `initSync` mark the module ready;
 * every other function throws a `TatError` with code `ModuleNotInitialized` until then.
 */
export function guarded(m, glueInit, glueInitSync) {
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
  api.default = async function init(input) {
    const out = await glueInit(input);
    ready = true;
    return out;
  };
  api.initSync = function initSync(input) {
    const out = glueInitSync(input);
    ready = true;
    return out;
  };
  return api;
}
