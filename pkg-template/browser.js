// Browsers (no bundler needed): `import init, * as tat from 'tat-request'`, then `await init()`
// once; it fetches tat_request_bg.wasm from beside this file (or from the URL you pass).
export * from './web/tat_request.js';
export { default } from './web/tat_request.js';
