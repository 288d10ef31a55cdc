// buildRequest's fast path, shared by every entry (make pkg copies it to fast-path.cjs for
// CommonJS). Reading a request value by value across the JS/wasm boundary costs about a
// microsecond a value; here plain data becomes JSON text through the engine's own
// JSON.stringify (which is also how the official Node SDK writes its body, so the body keeps
// the caller's key order), the other properties go across as plain arguments, and the result
// comes back as one string. The core parses that text, validates the parsed value and signs
// the very same text.
//
// Anything unusual (an unknown property, a value of another type, a getter that throws, a
// Date, NaN, a function, a lone surrogate, more than the conversion's limits) takes the
// careful way instead: the wasm `buildRequest`, which reports exactly what is wrong and where.
// No rule lives here: every check of a value is the core's.

// The body's text in pieces, or undefined to write it with JSON.stringify alone: the same
// text as JSON.stringify(params), but each long string value of the top-level object (a
// script's Content) is a piece of its own (odd indices), which the encoder writes as it is,
// between the quotes of the pieces around it. JSON.stringify reads a long string a
// character at a time (93 µs of the largest request's 97 in Node 20, bench/NOTES.md) where
// the encoder copies it. Node's entries only: the browser's module has no check for it
// (`rawStrings`), and esbuild leaves this out of the browser's bundle. The core checks that
// each such piece needs no escape (no control character, `"` or `\`: __bodyStringsPlain)
// before the body is signed; otherwise the body is written again by JSON.stringify alone.
// Everything else is JSON.stringify's own: keys, numbers, nested values.
const LONG = 1024;
export function bodyPieces(params) {
  // An object's own properties only (a string's indices are no JSON keys); JSON.stringify
  // would call a toJSON.
  if (typeof params !== 'object' || params === null || Array.isArray(params) || typeof params.toJSON === 'function') return undefined;
  const out = [];
  let text = '{';
  let first = true;
  for (const k of Object.keys(params)) {
    const v = params[k];
    // A lone surrogate is escaped by JSON.stringify, replaced by the encoder: left to it.
    const raw = typeof v === 'string' && v.length >= LONG && v.isWellFormed();
    const json = raw ? '' : JSON.stringify(v);
    // JSON.stringify leaves out what it would write as undefined (only undefined here:
    // plain() let no function or symbol through).
    if (json === undefined) continue;
    text += (first ? '' : ',') + JSON.stringify(k) + ':';
    first = false;
    if (raw) {
      out.push(text + '"', v);
      text = '"';
    } else {
      text += json;
    }
  }
  if (out.length === 0) return undefined;
  out.push(text + '}');
  return out;
}

/**
 * The body of `params` written into the module's body buffer with bodyPieces(): `[body,
 * bytes]`, or undefined when it does not apply or the module finds a long string that
 * JSON.stringify would escape (the fast path then writes the body with JSON.stringify).
 */
export function writeLongStrings(params, wasm, utf8, memory) {
  const parts = bodyPieces(params);
  if (!parts) return undefined;
  // Concatenated (the engine joins them without copying the long ones).
  let body = parts[0];
  for (let i = 1; i < parts.length; i++) body += parts[i];
  // As the fast path's encodeBody: one byte a UTF-16 unit first, then three (the strings
  // here are well-formed).
  for (const capacity of [body.length, body.length * 3]) {
    const at = wasm.__bodyBuffer(capacity);
    const buffer = new Uint8Array(memory.buffer, at, capacity);
    const ranges = [];
    let written = 0;
    for (let i = 0; i < parts.length; i++) {
      const r = utf8.encodeInto(parts[i], buffer.subarray(written));
      if (r.read !== parts[i].length) break;
      if (i & 1) ranges.push(written, written + r.written);
      written += r.written;
      if (i === parts.length - 1) {
        if (!wasm.__bodyStringsPlain(new Uint32Array(ranges))) return undefined;
        return [body, new Uint8Array(memory.buffer, at, written)];
      }
    }
  }
  return undefined;
}

/**
 * @param {object} wasm the wasm-bindgen module
 * @param {typeof import('node:crypto') | undefined} crypto node:crypto, to hash the body natively;
 *   without it (browsers: WebCrypto is asynchronous) the core hashes it
 * @param {typeof writeLongStrings | undefined} long writeLongStrings, to write long strings
 *   with the encoder (Node's entries)
 * @returns {(input: unknown) => { url: string, method: string, headers: Record<string, string>, body: string, warnings: object[] }}
 */
export function fastBuildRequest(wasm, crypto, long) {
  // crypto.hash (Node 20.12+) is the one-shot form, about twice as fast for small bodies.
  const sha256 = !crypto
    ? undefined
    : crypto.hash
      ? (bytes) => crypto.hash('sha256', bytes, 'hex')
      : (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
  const { keys, maxDepth, maxValues, maxTextUnits, rawStrings } = wasm.__fastPathInfo();
  const known = new Set(keys);
  // The body crosses as UTF-8 written straight into the module's body buffer by the engine's
  // encoder, one native step (passing a string goes through a character-by-character loop).
  const utf8 = new TextEncoder();
  const memory = wasm.__memory();

  // Whether JSON.stringify writes `v` exactly as the careful conversion reads it: only
  // strings, finite numbers, booleans, null, arrays and objects with the plain prototype,
  // nested less than `maxDepth` deep. Returns how many of `left` values remain, -1 if not.
  function plain(v, depth, left) {
    if (--left < 0) return -1;
    switch (typeof v) {
      case 'string':
      case 'boolean':
      case 'undefined': // dropped from objects and null in arrays, by both conversions
        return left;
      case 'number':
        return Number.isFinite(v) ? left : -1;
      case 'object': {
        if (v === null) return left;
        if (depth >= maxDepth) return -1;
        if (Array.isArray(v)) {
          // Refused by its length before any element is read, as the careful way does: a
          // sparse array of length 2^32 - 1 must not be walked.
          if (v.length > left) return -1;
          for (let i = 0; i < v.length && left >= 0; i++) left = plain(v[i], depth + 1, left);
          return left;
        }
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) return -1;
        const keys = Object.keys(v);
        if (keys.length > left) return -1;
        for (const k of keys) {
          left = plain(v[k], depth + 1, left);
          if (left < 0) break;
        }
        return left;
      }
      default:
        return -1;
    }
  }
  const text = (v) => typeof v === 'string' && v.isWellFormed();
  // `null` means absent, on both ways (wasm-bindgen reads null and undefined alike).
  const optText = (v) => v == null || text(v);

  // Writes `body` into the module's body buffer, asking for `capacity` bytes; the bytes
  // written, or undefined when `capacity` did not hold them all. The memory's buffer is read
  // after the call, which may grow (and so replace) it.
  function encodeBody(body, capacity) {
    const at = wasm.__bodyBuffer(capacity);
    const { read, written } = utf8.encodeInto(body, new Uint8Array(memory.buffer, at, capacity));
    return read === body.length ? new Uint8Array(memory.buffer, at, written) : undefined;
  }

  // The wasm arguments, or undefined for the careful way.
  function prepare(input) {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
    for (const k of Object.keys(input)) if (!known.has(k)) return undefined;
    const { action, params, secretId, secretKey, token, region, host, language, rules, validation, signActionHeader, timestamp } = input;
    if (!(text(action) && text(secretId) && text(secretKey))) return undefined;
    if (!(optText(token) && optText(region) && optText(host) && optText(language) && optText(rules) && optText(validation))) return undefined;
    if (!(signActionHeader == null || typeof signActionHeader === 'boolean')) return undefined;
    if (!(timestamp == null || typeof timestamp === 'number')) return undefined;
    if (params === undefined || plain(params, 0, maxValues) < 0) return undefined;
    // Long strings by the encoder where the module checks them (Node's: writeLongStrings).
    let [body, bytes] = (rawStrings && long && long(params, wasm, utf8, memory)) || [JSON.stringify(params)];
    if (body.length > maxTextUnits) return undefined;
    // One byte per UTF-16 unit first (JSON of base64 scripts is ASCII), the most UTF-8 can
    // take (3 per unit) only when that did not hold it all: a large body must not reserve
    // three times its size in memory that never shrinks.
    // Three bytes a unit always hold it: UTF-8 takes at most that, and JSON.stringify escapes
    // lone surrogates.
    bytes ??= encodeBody(body, body.length) ?? encodeBody(body, body.length * 3);
    const digest = sha256 ? sha256(bytes) : undefined;
    return [action, bytes.length, digest, secretId, secretKey, token, region, host, language, rules, validation, signActionHeader, timestamp, body];
  }

  return function buildRequest(input) {
    let a;
    try {
      a = prepare(input);
    } catch {
      a = undefined; // a throwing getter or Proxy trap: the careful way says which
    }
    let lines = a && wasm.__buildRequestText(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
    if (lines === undefined) return wasm.buildRequest(input);
    // With warnings the answer is `[lines, warnings]`; usually it is the lines alone.
    let warnings = [];
    if (typeof lines !== 'string') [lines, warnings] = lines;
    // Read in place rather than split into an array first (0.4 µs of a 26 µs request).
    let end = lines.indexOf('\n');
    const url = lines.slice(0, end);
    const at = end + 1;
    end = lines.indexOf('\n', at);
    const method = lines.slice(at, end);
    const headers = {};
    while (end >= 0) {
      const name = end + 1;
      const value = lines.indexOf('\n', name) + 1;
      end = lines.indexOf('\n', value);
      headers[lines.slice(name, value - 1)] = end < 0 ? lines.slice(value) : lines.slice(value, end);
    }
    return { url, method, headers, body: a[13], warnings };
  };
}
