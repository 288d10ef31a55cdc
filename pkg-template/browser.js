// Browsers (no bundler needed): `import init, * as tat from 'tat-request'`, then `await init()`
// once; it fetches web/tat_request_bg.wasm (or the URL you pass), and `loadLanguage('zh-CN')`
// fetches web/zh-CN.bin, the zh-CN messages (pkg-template/language.mjs). scripts/build-pkg.sh bundles
// this file with its imports into pkg/browser.js, one minified module with its source map.
import * as m from './web/tat_request.js';
import { guarded } from './ready.mjs';

const api = guarded(m, m.default, m.initSync, () => new URL('web/zh-CN.bin', import.meta.url));
export default api.default;
export const {
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
  splitRunCommand,
  parseResponse,
  Pacer,
  forgetCredentials,
  memoryBytes,
  buildRequest,
  createClient,
  TatError,
  loadLanguage,
} = api;
