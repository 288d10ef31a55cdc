// Browsers: `import init, * as tat from 'tat-request/validate'`, then `await init()` once.
// Validation without the signer and the client: a module built from the crate without its
// `signer` feature, English messages only (pkg/validate/en.wasm). `loadLanguage('zh-CN')`
// fetches the bilingual build of the same module (pkg/validate/en-zh.wasm) and puts it in
// the English one's place: the two have the same exports, so one glue serves both, and the
// English module refuses `zh-CN` (saying to call loadLanguage) until then. Nothing is kept
// between calls in either module, so the swap loses nothing. scripts/build-pkg.sh bundles
// this file with the glue into pkg/validate.js, one minified module with its source map.
import glueInit, { __wbg_get_imports, __wbg_load, __wbg_finalize_init } from './validate/glue.js';

export {
  initSync,
  validate,
  validateRunCommand,
  describeError,
  describeTaskStatus,
  encodeContent,
  decodeOutput,
  listPlaceholders,
  previewContent,
  limits,
} from './validate/glue.js';

let englishLoading; // the English module's init(), once asked for
let bilingual; // the bilingual module's loading, once asked for

/**
 * Loads the English module (from beside this file, or the given source), unless the bilingual
 * one is loaded or loading: it serves English too.
 */
export default function init(input) {
  if (bilingual) return bilingual;
  englishLoading ??= glueInit(input);
  return englishLoading;
}

const refusal = (message) => Object.assign(new Error(message), { name: 'TatError', code: 'InvalidParameterValue' });

/**
 * Makes `language` available to every function. 'en-US' is always there (this loads the
 * English module if nothing is loaded yet); 'zh-CN' fetches the bilingual module (from beside
 * this file, or `input`: a URL, a Response, bytes or a compiled module) and uses it from then on.
 */
export async function loadLanguage(language, input) {
  if (language === 'en-US') return init();
  if (language !== 'zh-CN') throw refusal("loadLanguage: language must be 'en-US' or 'zh-CN'.");
  bilingual ??= (async () => {
    // An English init() in flight settles first, so that it cannot replace this module.
    await englishLoading?.catch(() => {});
    let source = input?.module_or_path ?? input ?? new URL('validate/en-zh.wasm', import.meta.url);
    if (typeof source === 'string' || source instanceof URL || (typeof Request === 'function' && source instanceof Request)) {
      source = fetch(source);
    }
    const { instance, module } = await __wbg_load(await source, __wbg_get_imports());
    __wbg_finalize_init(instance, module);
  })();
  // A failed load (network) may be retried.
  bilingual.catch(() => { bilingual = undefined; });
  return bilingual;
}
