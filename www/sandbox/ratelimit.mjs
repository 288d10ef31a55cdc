// The API's frequency limit ("A maximum of 20 requests can be initiated per second for this
// API"), per account and action, over a sliding one-second window.

export const REQUESTS_PER_SECOND = 20;

export function createRateLimiter({ limit = REQUESTS_PER_SECOND, windowMs = 1000 } = {}) {
  const seen = new Map(); // key -> times (ms) of the requests admitted in the last window
  return {
    /** Records a request at `nowMs`; false when it is over the limit (and then not counted). */
    admit(key, nowMs) {
      const times = (seen.get(key) ?? []).filter((t) => nowMs - t < windowMs);
      if (times.length >= limit) {
        seen.set(key, times);
        return false;
      }
      times.push(nowMs);
      seen.set(key, times);
      // Forget idle keys so that a long-running demo does not grow without bound.
      if (seen.size > 1000) for (const [k, v] of seen) if (!v.some((t) => nowMs - t < windowMs)) seen.delete(k);
      return true;
    },
  };
}
