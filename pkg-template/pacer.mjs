// The Pacer class over the wasm module's table of pacers (src/wasm/pacer.rs). Each instance
// keeps its pacer's number in a private field, so that a call after free() or on a forged
// `this` reaches the module as "no such pacer" and is answered with a TatError, never with an
// address read from the object. Imports nothing: the CommonJS copy is made by build-pkg.sh.

/** An `Error` named `TatError` with a `.code`, as the module throws. */
function misuse(message) {
  const e = new Error(message);
  e.name = 'TatError';
  e.code = 'InvalidParameter';
  return e;
}

/**
 * The Pacer class for the module `m` (its `__pacerNew`, `__pacerDelay`, `__pacerFree`);
 * `ready()`, called first by the constructor, throws when the module is not loaded yet.
 */
export function pacerClass(m, ready = () => {}) {
  // A pacer whose object was collected without free() is freed with it.
  const collected = new FinalizationRegistry((id) => m.__pacerFree(id));
  class Pacer {
    #id = 0;
    /** `new Pacer(ratePerSecond = 20)`: keeps calls within a rate. */
    constructor(rate) {
      ready();
      this.#id = m.__pacerNew(rate);
      collected.register(this, this.#id, this);
    }
    /** Books the next call at `now` (ms; Date.now() when omitted); answers how long to wait. */
    delay(now) {
      // A forged or primitive `this` has no #id: number 0, which no pacer has.
      const id = Object(this) === this && #id in this ? this.#id : 0;
      return m.__pacerDelay(id, now);
    }
    /** Frees the pacer; later calls throw a TatError. */
    free() {
      if (Object(this) !== this || !(#id in this)) throw misuse('free() was called on something that is not a Pacer.');
      m.__pacerFree(this.#id);
      collected.unregister(this);
      this.#id = 0;
    }
  }
  if (Symbol.dispose) Pacer.prototype[Symbol.dispose] = Pacer.prototype.free;
  // Called without `new`, a class throws a plain TypeError: a function that says so as a
  // TatError, with the class's prototype, is exported instead.
  function PacerEntry(rate) {
    if (!new.target) throw misuse('Pacer is a class: create one with new Pacer(ratePerSecond).');
    return Reflect.construct(Pacer, [rate], new.target === PacerEntry ? Pacer : new.target);
  }
  PacerEntry.prototype = Pacer.prototype;
  Object.defineProperty(Pacer.prototype, 'constructor', { value: PacerEntry, writable: true, configurable: true });
  Object.defineProperty(PacerEntry, 'name', { value: 'Pacer' });
  return PacerEntry;
}
