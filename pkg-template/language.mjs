// The browser's full module without its zh-CN texts until a page asks for them: the build
// (scripts/zh-asset.mjs) moved them out of web/tat_request_bg.wasm into web/zh-CN.bin, 5 KB
// gzipped that a page in English never downloads (bench/RESULTS.md). `loadLanguage('zh-CN')`
// writes them back to their addresses in the instance's memory, after checking that every one
// of them is still zero there (so that an asset of another build is refused, not mixed in),
// and then tells the module, which refuses `zh-CN` until then (src/wasm/language.rs). Nothing
// else in the module changes: pacers, the signer and the client carry on.
import { TatError } from './client/base.mjs';

const refusal = (message) => new TatError('InvalidParameterValue', `loadLanguage: ${message}`);
const foreign = () => refusal('the zh-CN texts given are not the zh-CN.bin built with this module.');

/** The bytes of `source`: a URL, a `Request`, a `Response` or bytes (or a promise of one). */
async function readSource(source) {
  source = await source;
  if (typeof source === 'string' || source instanceof URL || source instanceof Request) source = await fetch(source);
  // Bytes of any kind become a Response too: one way to read them all.
  if (!(source instanceof Response)) source = new Response(source);
  if (!source.ok) throw refusal(`fetching the zh-CN texts answered HTTP ${source.status}.`);
  return new Uint8Array(await source.arrayBuffer());
}

/**
 * Writes the asset's texts into the module `m` (its `__memory` and `__zhLoaded` exports); the
 * asset is "TZH1", a count, (address, length) pairs and the bytes (scripts/zh-asset.mjs).
 * Everything is checked before anything is written.
 */
export function applyZh(m, bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const count = bytes.length >= 8 && String.fromCharCode(...bytes.subarray(0, 4)) === 'TZH1' ? view.getUint32(4, true) : -1;
  const memory = new Uint8Array(m.__memory().buffer);
  const ranges = [];
  let at = 8 + count * 8;
  if (count < 0 || at > bytes.length) throw foreign();
  for (let k = 8; k < 8 + count * 8; k += 8) {
    const address = view.getUint32(k, true);
    const text = bytes.subarray(at, (at += view.getUint32(k + 4, true)));
    // Where the build zeroed the texts, the memory of the module it built is zero.
    if (at > bytes.length || memory.subarray(address, address + text.length).some((b) => b) || address + text.length > memory.length) throw foreign();
    ranges.push([address, text]);
  }
  if (at !== bytes.length) throw foreign();
  for (const [address, text] of ranges) memory.set(text, address);
  m.__zhLoaded();
}

/**
 * The languages of the glue `m`: `loadLanguage(language, input?)`, where 'en-US' is always
 * there and 'zh-CN' loads the texts once (from `input`, or `defaultSource()`: beside the
 * entry), after the module: `loaded()` is the module's loading, started by init() (or by this
 * call, if init() was not called yet, as the validation entry does); and `apply(bytes)`, for
 * an entry that has the texts at hand (tat-request/inline embeds them).
 */
export function languages(m, loaded, defaultSource) {
  let applied = false; // the zh-CN texts are in memory
  let zh; // their loading, once asked for (again after a failure)
  const apply = (bytes) => {
    if (applied) return;
    applyZh(m, bytes);
    applied = true;
  };
  async function loadLanguage(language, input) {
    if (language !== 'en-US' && language !== 'zh-CN') throw refusal("language must be 'en-US' or 'zh-CN'.");
    const module = loaded();
    if (language === 'en-US' || applied) return void (await module);
    zh ??= (async () => {
      const [bytes] = await Promise.all([readSource(input?.module_or_path ?? input ?? defaultSource()), module]);
      apply(bytes);
    })();
    // A failed load (the network, a wrong file) may be retried: nothing was written.
    zh.catch(() => { zh = undefined; });
    return zh;
  }
  return { loadLanguage, apply };
}
