// Browsers (no bundler needed): `import init, * as tat from 'tat-request'`, then `await init()`
// once; it fetches web/tat_request_bg.wasm (or the URL you pass). scripts/build-pkg.sh bundles
// this file with its imports into pkg/browser.js, one minified module with its source map.
import * as m from './web/tat_request.js';
import { fastBuildRequest } from './fast-path.mjs';
import { clientFactory } from './client.mjs';
import { pacerClass } from './pacer.mjs';

export { TatError } from './client.mjs';

export {
  default,
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
  forgetCredentials,
  memoryBytes,
} from './web/tat_request.js';

/** Keeps calls within a rate (after `init()`); misuse is a TatError. */
export const Pacer = pacerClass(m);

let fast;
/** Validates, builds and signs (after `init()`); the body is hashed in WebAssembly. */
export function buildRequest(input) {
  fast ??= fastBuildRequest(m);
  return fast(input);
}

/**
 * A client that signs, paces, sends, retries and waits (after `init()`). Browsers have no
 * default credentials: pass them, preferably temporary ones (`credentials` as a function).
 */
export const createClient = clientFactory({ ...m, buildRequest, Pacer });
