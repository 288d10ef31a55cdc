// The API's frequency limit ("A maximum of 20 requests can be initiated per second for this
// API"), per account and action, over a sliding one-second window. Callers key it only on
// verified accounts and known actions (handlers.mjs), so its keys are bounded by the accounts
// times the 29 actions, whatever a client sends (issue 14).

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
      return true;
    },
    /** How many keys it holds (for the tests of the bound above). */
    get size() {
      return seen.size;
    },
  };
}
