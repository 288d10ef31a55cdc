// Types of tat-request/browser: the package's (index.d.ts). A file of its own so that resolvers
// without `exports` (TypeScript's node10) find it beside browser.js.
export * from './index.js';
export { default } from './index.js';
