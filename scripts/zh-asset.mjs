// Moves the zh-CN texts out of the browser's full module into an asset of their own, so that a
// page that stays in English does not download them (5 KB gzipped; bench/NOTES.md):
//
//   node scripts/zh-asset.mjs <module.wasm> <zh-CN.bin>
//
// The module was built with the feature `zh-on-demand`: every text, with its zh-CN one, is in
// its data segments, and the module refuses `zh-CN` until `__zhLoaded()` is called. This
// script finds each zh-CN text of the sources (every `zh!("...")` literal and the catalogue's
// fifth column, src/errors.rs) in the data segments, zeroes it in the module (in place: the
// file keeps its length and layout) and writes the zeroed bytes with their addresses to the
// asset. `loadLanguage('zh-CN')` (pkg-template/language.mjs) writes them back to the same
// addresses of the instance's memory, after checking that every one of them is still zero,
// so that the memory is then the module's as the compiler built it.
//
// Only texts with a character outside ASCII are moved (all of them have one: checked), so no
// English text can be taken for one; the build fails if a text is not found, which would mean
// that this extraction no longer matches the sources.
//
// The asset: "TZH1", the number of ranges (u32), each range's address and length (u32 pairs),
// then the ranges' bytes back to back; little-endian, as wasm is.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [wasmPath, assetPath] = process.argv.slice(2);
if (!assetPath) throw new Error('usage: node scripts/zh-asset.mjs <module.wasm> <zh-CN.bin>');

// ---- the zh-CN texts of the sources
const rustString = /"((?:[^"\\]|\\.)*)"/.source;
const unescape = (s) => s.replace(/\\(u\{([0-9a-fA-F]+)\}|x([0-9a-fA-F]{2})|.)/g, (_, c, u, x) => {
  if (u) return String.fromCodePoint(parseInt(u, 16));
  if (x) return String.fromCharCode(parseInt(x, 16));
  const simple = { n: '\n', r: '\r', t: '\t', 0: '\0', '\\': '\\', '"': '"', "'": "'" }[c];
  if (simple === undefined) throw new Error(`zh-asset: unknown escape \\${c}`);
  return simple;
});
const sources = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.rs') ? [join(dir, e.name)] : []);
const texts = new Set();
for (const file of sources('src')) {
  const src = readFileSync(file, 'utf8');
  for (const [, s] of src.matchAll(new RegExp(`zh!\\(\\s*${rustString}\\s*\\)`, 'g'))) texts.add(unescape(s));
  if (file.endsWith('errors.rs')) {
    // `NAME = "Code", Category, retryable, "en-US", "zh-CN";`
    for (const [, , , , s] of src.matchAll(new RegExp(`^\\s*([A-Z0-9_]+) = ${rustString}, \\w+, (?:true|false), ${rustString}, ${rustString};$`, 'gm'))) {
      texts.add(unescape(s));
    }
  }
}
if (texts.size < 100) throw new Error(`zh-asset: only ${texts.size} zh-CN texts found in src/: the extraction no longer matches the sources`);
for (const t of texts) {
  if (/^[\x00-\x7f]*$/.test(t)) throw new Error(`zh-asset: the zh-CN text ${JSON.stringify(t)} is ASCII only and could not be told from English`);
}

// ---- the module's data segments (all active, at constant addresses, as wasm-ld writes them)
const wasm = readFileSync(wasmPath);
let at = 8;
const leb = () => {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = wasm[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
};
const segments = [];
while (at < wasm.length) {
  const id = wasm[at++];
  const size = leb();
  const end = at + size;
  if (id === 11) {
    for (let n = leb(); n > 0; n--) {
      const flags = leb();
      if (flags !== 0 || wasm[at] !== 0x41) throw new Error('zh-asset: a data segment that is not active at a constant address');
      at++;
      const address = leb(); // i32.const's operand (signed LEB128, but addresses here are far below 2^31)
      if (wasm[at++] !== 0x0b) throw new Error('zh-asset: a data segment offset that is not one i32.const');
      const length = leb();
      segments.push({ address, start: at, length });
      at += length;
    }
  }
  at = end;
}
if (!segments.length) throw new Error('zh-asset: no data segment');

// ---- every occurrence of every text, marked; then the marked bytes as ranges
const marked = new Uint8Array(wasm.length);
const missing = [];
for (const text of texts) {
  const needle = Buffer.from(text, 'utf8');
  let found = false;
  for (const { start, length } of segments) {
    const data = wasm.subarray(start, start + length);
    for (let i = data.indexOf(needle); i !== -1; i = data.indexOf(needle, i + 1)) {
      marked.fill(1, start + i, start + i + needle.length);
      found = true;
    }
  }
  if (!found) missing.push(text);
}
if (missing.length) throw new Error(`zh-asset: ${missing.length} zh-CN texts not found in ${wasmPath}: ${missing.slice(0, 5).map((t) => JSON.stringify(t)).join(', ')}`);

const ranges = [];
for (const { address, start, length } of segments) {
  for (let i = start; i < start + length; i++) {
    if (!marked[i]) continue;
    let j = i;
    while (j < start + length && marked[j]) j++;
    ranges.push({ address: address + (i - start), bytes: Buffer.from(wasm.subarray(i, j)) });
    wasm.fill(0, i, j);
    i = j;
  }
}
const header = Buffer.alloc(8 + ranges.length * 8);
header.write('TZH1', 0, 'latin1');
header.writeUInt32LE(ranges.length, 4);
ranges.forEach(({ address, bytes }, k) => {
  header.writeUInt32LE(address, 8 + k * 8);
  header.writeUInt32LE(bytes.length, 12 + k * 8);
});
writeFileSync(assetPath, Buffer.concat([header, ...ranges.map((r) => r.bytes)]));
writeFileSync(wasmPath, wasm);
const total = ranges.reduce((n, r) => n + r.bytes.length, 0);
console.log(`zh-asset: ${texts.size} zh-CN texts, ${total} bytes in ${ranges.length} ranges, moved from ${wasmPath} to ${assetPath}`);
