// What every part of the client shares: its error, option checks, and waits that an abort ends.
// Imports nothing (the entries hand the client the package's functions).

/** setTimeout's longest wait (about 24.8 days); longer ones would fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
/** Backoff: attempt n waits between half and all of min(BASE * 2^n, MAX) ms. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 20_000;

/**
 * The package's error: an `Error` named `TatError` with a `.code`. `instanceof TatError` is true
 * for every error the package throws, the WebAssembly core's included (they share the name).
 */
export class TatError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = 'TatError';
    this.code = code;
    if (details) Object.assign(this, details);
  }

  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === 'TatError';
  }
}

export const invalid = (field, what) => new TatError('InvalidParameter', `${field} ${what}.`, { field, outcome: 'not-run' });

/** Runs `read`; a getter or Proxy trap that throws becomes a TatError naming `field`. */
export function reading(read, field) {
  try {
    return read();
  } catch (e) {
    if (e instanceof TatError) throw e;
    throw invalid(field, 'could not be read (a getter or Proxy trap threw)');
  }
}

/** A plain copy of `given`, refusing keys that are not in `known`, naming the first. */
export function onlyKnown(given, known, where) {
  if (given === undefined) return {};
  if (given === null || typeof given !== 'object') throw invalid(where, 'must be an object');
  return reading(() => {
    if (Array.isArray(given)) throw invalid(where, 'must be an object');
    const copy = {};
    for (const key of Object.keys(given)) {
      if (!known.includes(key)) throw invalid(`${where}.${key}`, `is not an option (${known.join(', ')})`);
      copy[key] = given[key];
    }
    return copy;
  }, where);
}

/** Waits `ms`; an abort rejects at once with the signal's reason (an AbortError by default). */
export function sleep(ms, signal) {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(ms, MAX_TIMER_MS));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `promise`, or the signal's reason as soon as it aborts. */
export function abortable(promise, signal) {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function checkSignal(signal, where) {
  const ok = signal == null || reading(() => typeof AbortSignal === 'function' && signal instanceof AbortSignal, where);
  if (!ok) throw invalid(where, 'must be an AbortSignal');
}

/** Exponential backoff with jitter ("equal jitter": never less than half the step). */
export const backoff = (n) => {
  const step = Math.min(BACKOFF_BASE_MS * 2 ** Math.min(n, 16), BACKOFF_MAX_MS);
  return step / 2 + Math.random() * (step / 2);
};

/**
 * The error an abort rejects with: the signal's reason (an AbortError by default) carrying
 * `details` (the invocations made so far, the requests in flight), or a TatError `Aborted`
 * wrapping a reason that is not an object.
 */
export function aborted(signal, details) {
  const reason = signal.reason;
  if (reason !== null && typeof reason === 'object') {
    try {
      return Object.assign(reason, details);
    } catch {
      // A frozen reason: wrapped below.
    }
  }
  return new TatError('Aborted', 'Aborted by the caller\'s signal (see the cause).', { cause: reason, ...details });
}
