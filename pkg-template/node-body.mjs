// What Node's fast path (pkg-template/fast-path.mjs) does with the body that browsers do not:
// hash it with node:crypto, and write its JSON text itself. Kept out of fast-path.mjs, which
// the browser entry bundles (its size is budgeted). Imports nothing: make pkg copies it for
// CommonJS.

/**
 * node:crypto's one-shot `hash` (Node 20.12+: about twice as fast as a Hash object for small
 * bodies), or its equivalent on older versions.
 * @param {typeof import('node:crypto')} crypto
 * @returns {{ hash: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }}
 */
export function oneShotHash(crypto) {
  return crypto.hash ? crypto : { hash: (algorithm, data, encoding) => crypto.createHash(algorithm).update(data).digest(encoding) };
}

// The body's JSON text, written while the parameters are checked, instead of checking them and
// then calling JSON.stringify. The text is JSON.stringify's, byte for byte: what the official
// Node SDK sends and signs.
//
// Why: Node 20's JSON.stringify looks at every character of every string to escape it, about
// 1.7 ns a character: the typical request's Content (1,904 characters) alone cost 3.3 us of a
// 15 us request, where two `indexOf` and `isWellFormed` tell in under 0.1 us that it needs no
// escaping (the command is in bench/NOTES.md, "Node: the body's JSON text written in JS").
//
// A string is written as it is, between quotes, when it holds no `"`, no `\` and no lone
// surrogate: JSON.stringify then writes it so too, unless it holds a control character
// (U+0000 to U+001F), which is not looked for here. Written raw, such a character makes the
// text invalid JSON (it can only sit inside a string: nothing else here writes one), which the
// core refuses to parse; the request is then built again with JSON.stringify's text (the
// `fallback` of index.mjs).
// So a text the core accepts is always JSON.stringify's. Every other string goes through
// JSON.stringify alone.

/**
 * JSON.stringify(v)'s text if `v` is plain data (strings, finite numbers, booleans, null,
 * undefined inside objects and arrays, arrays and objects with the standard prototypes,
 * nested less than `maxDepth` deep, at most `maxValues` values), or undefined for the fast
 * path's other ways (a value it would refuse, or one JSON.stringify might write otherwise: a
 * `toJSON` method, an array of another prototype).
 * @param {unknown} v
 * @param {number} maxDepth
 * @param {number} maxValues
 * @returns {string | undefined}
 */
export function jsonText(v, maxDepth, maxValues) {
  // JSON.stringify calls a `toJSON` method of any object it writes: one that every object
  // inherits (a library's polyfill), or an array's, leaves the text to JSON.stringify itself.
  // (An object's own `toJSON` is one of its keys: a function there is refused below anyway.)
  if ('toJSON' in Object.prototype) return undefined;
  let left = maxValues;
  let out = '';
  // Appends `v`; false to give up. Counts values and depth as the fast path's check does.
  function write(v, depth) {
    if (--left < 0) return false;
    switch (typeof v) {
      case 'string':
        out += quote(v);
        return true;
      case 'boolean':
        out += v ? 'true' : 'false';
        return true;
      case 'number':
        if (!Number.isFinite(v)) return false;
        out += v; // Number#toString, which JSON.stringify writes for a finite number
        return true;
      case 'object': {
        if (v === null) {
          out += 'null';
          return true;
        }
        if (depth >= maxDepth) return false;
        const proto = Object.getPrototypeOf(v);
        if (Array.isArray(v)) {
          if (proto !== Array.prototype || 'toJSON' in v || v.length > left) return false;
          out += '[';
          for (let i = 0; i < v.length; i++) {
            if (i > 0) out += ',';
            const item = v[i];
            if (item === undefined) {
              if (--left < 0) return false;
              out += 'null';
            } else if (!write(item, depth + 1)) return false;
          }
          out += ']';
          return true;
        }
        if (proto !== Object.prototype && proto !== null) return false;
        const keys = Object.keys(v);
        if (keys.length > left) return false;
        out += '{';
        let first = true;
        for (const k of keys) {
          const item = v[k];
          if (item === undefined) {
            if (--left < 0) return false;
            continue;
          }
          out += first ? quote(k) + ':' : ',' + quote(k) + ':';
          first = false;
          if (!write(item, depth + 1)) return false;
        }
        out += '}';
        return true;
      }
      default:
        return false;
    }
  }
  return write(v, 0) ? out : undefined;
}

/** `s` as JSON.stringify quotes it, but for control characters (see the top). */
function quote(s) {
  return s.indexOf('"') < 0 && s.indexOf('\\') < 0 && s.isWellFormed() ? '"' + s + '"' : JSON.stringify(s);
}
