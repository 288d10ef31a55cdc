// The requests every benchmark signs: the same in Node and in the browser.
// `typical`: a 1.3 KB script on 10 instances with a region; `largest`: the largest valid
// RunCommand (64 KB of base64 Content, 100 instances, 20 custom parameters).

export const credentials = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
};
export const region = 'ap-guangzhou';
export const timestamp = 1700000000;

function base64(text) {
  return typeof Buffer !== 'undefined' ? Buffer.from(text).toString('base64') : btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** Keys in the order serde_json writes them (sorted), so that JSON.stringify gives the same bytes. */
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));

const line = 'systemctl status nginx --no-pager | head -n 20 && df -h / && free -m # 部署检查\n';

export function typical() {
  let script = '#!/bin/bash\nset -euo pipefail\n';
  while (script.length < 1300) script += line;
  return sorted({
    Content: base64(script.slice(0, 1300)),
    InstanceIds: Array.from({ length: 10 }, (_, i) => `ins-${String(i).padStart(8, '0')}`),
    CommandType: 'SHELL',
    Timeout: 60,
    WorkingDirectory: '/root',
    Description: 'nightly health check',
  });
}

export function largest() {
  const names = Array.from({ length: 20 }, (_, i) => `param_${i}`);
  // 49,152 bytes of script encode to exactly 65,536 base64 characters.
  let script = names.map((n) => `echo {{${n}}}\n`).join('');
  while (script.length < 49152) script += 'x';
  script = script.slice(0, 49152);
  return sorted({
    Content: base64(script),
    InstanceIds: Array.from({ length: 100 }, (_, i) => `ins-${String(i).padStart(8, '0')}`),
    CommandType: 'SHELL',
    Timeout: 86400,
    EnableParameter: true,
    Parameters: JSON.stringify(Object.fromEntries(names.map((n, i) => [n, `value-${i}`]))),
  });
}

/** The middle value of `values` once sorted (the upper middle of an even count). */
export function median(values) {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[ordered.length >> 1];
}

/**
 * Rates of several functions measured in turns (a sample of each, then the next round), so
 * that a machine that speeds up or slows down during the run moves every rate alike and the
 * ratios stay fair. The median rate per second of each, by name.
 */
export function rates(fns, { ms = 300, samples = 9 } = {}) {
  const sample = (fn, ms) => {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let i = 0; i < 16; i++) fn();
      n += 16;
      now = performance.now();
    }
    return (n * 1000) / (now - start);
  };
  for (const fn of Object.values(fns)) sample(fn, ms);
  const all = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let s = 0; s < samples; s++) for (const [k, fn] of Object.entries(fns)) all[k].push(sample(fn, ms));
  const result = Object.fromEntries(Object.entries(all).map(([k, r]) => [k, median(r)]));
  // Every sample, by name, for ratios taken round by round (see `pairedRatio`).
  return Object.defineProperty(result, 'samples', { value: all });
}

/**
 * How many times faster `a` is than `b` in a `rates` result: the median of the ratios of
 * their samples taken in the same round. On a machine whose speed drifts (other work on it),
 * each round's two samples see the same conditions, where the ratio of two medians may pair
 * a fast moment of one with a slow moment of the other.
 */
export function pairedRatio(result, a, b) {
  const [as, bs] = [result.samples[a], result.samples[b]];
  return median(as.map((v, i) => v / bs[i]));
}

/** The same for an async function, awaited one call at a time. */
export async function rateAsync(fn, { ms = 400, samples = 7 } = {}) {
  const end = performance.now() + ms;
  while (performance.now() < end) await fn();
  const rates = [];
  for (let s = 0; s < samples; s++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      await fn();
      n++;
      now = performance.now();
    }
    rates.push((n * 1000) / (now - start));
  }
  return median(rates);
}

/** Median of `fn`'s duration in milliseconds over `n` calls. */
export function medianMs(fn, n = 301) {
  for (let i = 0; i < 30; i++) fn();
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}
