// Keeps the page within the API's frequency limit: at most `perSecond` requests start in any
// one-second window. Requests wait their turn in order.

export function createPacer(perSecond, { now = () => performance.now(), sleep = (ms) => new Promise((r) => setTimeout(r, ms)) } = {}) {
  const started = []; // start times of the requests in the last second
  let queue = Promise.resolve();

  async function slot() {
    for (;;) {
      const t = now();
      while (started.length && t - started[0] >= 1000) started.shift();
      if (started.length < perSecond) {
        started.push(t);
        return;
      }
      await sleep(1000 - (t - started[0]) + 1);
    }
  }

  /** Resolves when a request may start. */
  return {
    wait() {
      queue = queue.then(slot);
      return queue;
    },
  };
}
