// `tat-request/inline`: the browser entry with the WebAssembly module embedded (base64 in this
// file), for bundlers that emit no assets (esbuild, rollup without a wasm plugin) and for Node
// bundles (`esbuild --platform=node`), where no file beside the bundle can be read.
// `await init()` once, in browsers and Node alike; it compiles the embedded bytes.
// scripts/build-pkg.sh bundles it into pkg/inline.js (esbuild's binary loader for the wasm).
import * as m from './web/tat_request.js';
import wasm from './web/tat_request_bg.wasm';
import zh from './web/zh-CN.bin';
import { guarded } from './ready.mjs';

// The zh-CN texts are embedded too and written in as the module loads: zh-CN works right
// after init(), as in Node (loadLanguage is there for code shared with the browser entry).
const api = guarded(
  m,
  (input) => m.default(input ?? { module_or_path: wasm }),
  (input) => m.initSync(input ?? { module: wasm }),
  () => zh,
  zh,
);
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
