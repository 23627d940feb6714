'use strict';
// The koffi registrations of one engine's callbacks, and when each may be released.
//
// librma may still call an unsubscribed listener or a replaced clock or guard once, from a command
// that was under way on a pool thread when it was removed (docs/c-api.md, "Events"). Such a
// callback is released when no command of the engine is pending; the others when it closes.
const { unregister } = require('./callbacks');

class Registrations {
  #current = new Map(); // by role: "subscription:3", "guard:stock_ok", "clock"
  #retired = [];
  #busy;

  // busy(): whether a command of the engine is pending on a pool thread.
  constructor(busy) {
    this.#busy = busy;
  }

  keep(key, callback) {
    this.retire(key);
    this.#current.set(key, callback);
  }

  retire(key) {
    const old = this.#current.get(key);
    if (old === undefined) return;
    this.#current.delete(key);
    if (this.#busy()) this.#retired.push(old);
    else unregister(old);
  }

  // No command is pending any more.
  idle() {
    for (const callback of this.#retired) unregister(callback);
    this.#retired = [];
  }

  // The engine is closed: nothing calls any of them.
  releaseAll() {
    this.idle();
    for (const callback of this.#current.values()) unregister(callback);
    this.#current.clear();
  }
}

module.exports = { Registrations };
