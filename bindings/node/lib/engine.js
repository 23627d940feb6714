'use strict';
const { load } = require('./library');
const { poolFor } = require('./pool');
const { Status } = require('./status');
const { fromStatus } = require('./from-status');
const { encodeRequest, decode } = require('./json');
const { requireText } = require('./text');
const callbacks = require('./callbacks');
const { Registrations } = require('./registrations');

const opening = Symbol('opening');

// One open librma store (an SQLite file or ":memory:", or PostgreSQL through the options).
//
// Requests and answers are plain objects, the JSON documents of docs/json.md; every failure is an
// RmaError of its status family. Every string librma returns is copied and released with rma_free
// before the call returns, so nothing is left to free but the engine itself: close() it.
//
// Each command comes twice: call() returns a Promise and runs on a pool thread (the store may
// make it wait: a lock held by another process, a PostgreSQL round trip, a large import), and
// callSync() runs on this thread. While a Promise of this engine is pending, its synchronous
// commands, setClock, addGuard and addValidator throw: librma may be waiting inside its lock for a
// guard, validator, clock or progress callback that only this thread can run. subscribe and
// unsubscribe take no part in that lock and work at any time.
//
// Callbacks (event listeners, guards, validators, the clock, import progress) are JS functions;
// they always run on this thread. One that throws makes the callback refuse, and the exception is
// thrown again (or rejects the Promise) from the method that ran the command.
class Engine {
  #functions;
  #loaded;
  #handle = null;
  #registrations = new Registrations(() => this.#pending > 0);
  #callbackError = null;
  #pending = 0; // Promise commands under way on pool threads
  #closed = null; // the Promise close() returned
  #onClosed = null; // resolves it, once no command is pending

  // path: an SQLite file (created if missing) or ":memory:"; options: the "options" document of
  // docs/json.md; library: {library, header} paths (else RMA_LIBRARY, RMA_FFI_HEADER, defaults).
  constructor(path = ':memory:', options = null, library = {}) {
    this.#loaded = load(library);
    this.#functions = this.#loaded.functions;
    if (path === opening) {
      this.#handle = options;
      return;
    }
    const out = [null];
    const status = this.#functions.rma_engine_open(requireText(path, 'path'), Engine.#options(options), out);
    if (status !== Status.OK) throw this.#lastError(status);
    this.#handle = out[0];
  }

  // Opens the store on a pool thread (migrating a database or reaching PostgreSQL takes time).
  static async open(path = ':memory:', options = null, library = {}) {
    const loaded = load(library);
    const answer = await poolFor(loaded).run('rma_engine_open', [requireText(path, 'path'), Engine.#options(options)]);
    if (answer.status !== Status.OK) throw fromStatus(answer.status, answer.message, answer.field, answer.reason);
    return new Engine(opening, answer.value, library);
  }

  static #options(options) {
    return options === null || options === undefined ? null : encodeRequest(options, 'options');
  }

  // Closes the store once the pending Promises are settled; further calls throw. Closing twice
  // does nothing. The Promise resolves when the store is closed.
  close() {
    if (this.#closed === null) {
      this.#closed = new Promise((resolve) => {
        this.#onClosed = resolve;
      });
      if (this.#pending === 0) this.#idle();
    }
    return this.#closed;
  }

  get closed() {
    return this.#closed !== null;
  }

  // librma's version ("0.1.0").
  version() {
    return this.#functions.rma_version();
  }

  // Runs one op of docs/json.md ("case.create", "case.transition", "batch", ...) as actor
  // ("operator:anna", "customer:C1") and resolves to its answer.
  call(actor, op, request = {}) {
    return this.#async('rma_engine_call', [requireText(actor, 'actor'), requireText(op, 'op'), encodeRequest(request)]);
  }

  callSync(actor, op, request = {}) {
    const args = [requireText(actor, 'actor'), requireText(op, 'op'), encodeRequest(request)];
    return this.#sync('rma_engine_call', args);
  }

  // "import.run": loads an ERP file ({kind, format, content, ...}) and resolves to the
  // ImportReport. progress(rowsDone, rowsTotal) may return false to cancel the import.
  import(actor, request, progress = null) {
    const args = [requireText(actor, 'actor'), encodeRequest(request)];
    return this.#async('rma_import_run', args, this.#transient(progress, callbacks.progressCallback));
  }

  importSync(actor, request, progress = null) {
    const args = [requireText(actor, 'actor'), encodeRequest(request)];
    return this.#sync('rma_import_run', args, this.#transient(progress, callbacks.progressCallback));
  }

  // "store.copy": copies this SQLite store into an empty PostgreSQL schema (admin only).
  // progress(table, rowsDone, rowsTotal) may return false to cancel the copy.
  copyStore(actor, request, progress = null) {
    const args = [requireText(actor, 'actor'), encodeRequest(request)];
    return this.#async('rma_store_copy', args, this.#transient(progress, callbacks.copyProgressCallback));
  }

  copyStoreSync(actor, request, progress = null) {
    const args = [requireText(actor, 'actor'), encodeRequest(request)];
    return this.#sync('rma_store_copy', args, this.#transient(progress, callbacks.copyProgressCallback));
  }

  // Delivers every committed event (a docs/json.md Event) to listener, after the commit, in seq
  // order. With actor ("customer:C1"), only the events of that actor's own cases, as its view
  // allows. Returns the subscription for unsubscribe().
  subscribe(listener, actor = null) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const handle = this.#ready(false);
    const callback = callbacks.eventCallback(listener, this.#sink);
    const out = [0n];
    const status = actor === null
      ? this.#functions.rma_engine_subscribe(handle, callback, null, out)
      : this.#functions.rma_engine_subscribe_as(handle, requireText(actor, 'actor'), callback, null, out);
    if (status !== Status.OK) {
      callbacks.unregister(callback);
      throw this.#lastError(status);
    }
    const subscription = Number(out[0]);
    this.#registrations.keep(`subscription:${subscription}`, callback);
    return subscription;
  }

  unsubscribe(subscription) {
    const status = this.#functions.rma_engine_unsubscribe(this.#ready(false), BigInt(subscription));
    if (status !== Status.OK) throw this.#lastError(status);
    this.#registrations.retire(`subscription:${subscription}`);
  }

  // Adds the guard that workflow definitions name as {"guard": name}. guard(input) receives
  // {case, transition, actor, params} and returns true to let the transition run, or false or a
  // message (at most 511 bytes are kept) to refuse it. It runs inside the engine's lock: it must
  // not call the engine. Adding a name again replaces the guard.
  addGuard(name, guard) {
    this.#add('guard', name, guard, callbacks.guardCallback, 'rma_engine_add_guard');
  }

  // Adds an eligibility validator, named name in the results, run after the built-in ones on every
  // eligibility check. validator(input) receives {case, line_no, unit, today} and returns
  // {outcome: Outcome.PASS | MANUAL_REVIEW | FAIL, reason: a stable code (63 bytes at most),
  // message: for people (511 bytes at most)}. It runs inside the engine's lock: it must not call
  // the engine. A validator cannot be removed.
  addValidator(name, validator) {
    this.#add('validator', name, validator, callbacks.validatorCallback, 'rma_engine_add_validator');
  }

  // Makes the engine read the time from clock() (tests, replays), which returns a Date or
  // microseconds since 1970 UTC; null restores the system clock. It runs inside the engine's
  // lock: it must not call the engine.
  setClock(clock) {
    const handle = this.#ready(true);
    const callback = clock === null ? null : callbacks.clockCallback(clock, this.#sink);
    const status = this.#functions.rma_engine_set_clock(handle, callback, null);
    if (status !== Status.OK) {
      if (callback !== null) callbacks.unregister(callback);
      throw this.#lastError(status);
    }
    if (callback === null) this.#registrations.retire('clock');
    else this.#registrations.keep('clock', callback);
  }

  #add(role, name, fn, adapt, register) {
    if (typeof fn !== 'function') throw new TypeError(`${role} must be a function`);
    const handle = this.#ready(true);
    const callback = adapt(requireText(name, 'name'), fn, this.#sink);
    const status = this.#functions[register](handle, name, callback, null);
    if (status !== Status.OK) {
      callbacks.unregister(callback);
      throw this.#lastError(status);
    }
    this.#registrations.keep(`${role}:${name}`, callback);
  }

  // A progress callback for one command: null when there is none, which librma accepts.
  #transient(progress, adapt) {
    return progress === null || progress === undefined ? null : adapt(progress, this.#sink);
  }

  #sink = (error) => {
    this.#callbackError ??= error;
  };

  // transient: a callback for this command only, passed with a NULL user_data and released after
  // it; undefined for the functions that take none.
  #sync(name, args, transient = undefined) {
    const handle = this.#ready(true);
    const out = [null];
    let status;
    try {
      status = this.#functions[name](handle, ...args, ...(transient === undefined ? [] : [transient, null]), out);
    } finally {
      if (transient) callbacks.unregister(transient);
    }
    const error = status === Status.OK ? null : this.#lastError(status);
    return this.#settle(error, out[0]);
  }

  async #async(name, args, transient = undefined) {
    let handle;
    try {
      handle = this.#ready(false);
    } catch (error) {
      if (transient) callbacks.unregister(transient);
      throw error;
    }
    this.#pending++;
    let answer;
    try {
      answer = await poolFor(this.#loaded).run(name, [handle, ...args, ...(transient === undefined ? [] : [transient, null])]);
    } finally {
      if (transient) callbacks.unregister(transient);
      if (--this.#pending === 0) this.#idle();
    }
    const error = answer.status === Status.OK ? null : fromStatus(answer.status, answer.message, answer.field, answer.reason);
    return this.#settle(error, answer.value);
  }

  #idle() {
    this.#registrations.idle();
    if (this.#onClosed === null) return;
    this.#functions.rma_engine_close(this.#handle);
    this.#handle = null;
    this.#registrations.releaseAll();
    this.#onClosed();
    this.#onClosed = null;
  }

  #settle(error, text) {
    const thrown = this.#callbackError;
    this.#callbackError = null;
    if (thrown !== null) throw thrown;
    if (error !== null) throw error;
    if (text === null || text === undefined) throw fromStatus(Status.INTERNAL, 'librma succeeded without an answer');
    return decode(text);
  }

  #ready(sync) {
    if (this.#closed !== null) {
      throw fromStatus(Status.INVALID_ARGUMENT, 'engine: the engine is closed', 'engine');
    }
    if (sync && this.#pending > 0) {
      throw fromStatus(Status.INVALID_ARGUMENT, 'engine: a Promise of this engine is pending; librma may be waiting for '
        + 'a callback only this thread can run, so a synchronous call now could wait for ever: await it first', 'engine');
    }
    return this.#handle;
  }

  #lastError(status) {
    const f = this.#functions;
    return fromStatus(status, f.rma_last_error(), f.rma_last_error_field(), f.rma_last_error_reason());
  }
}

module.exports = { Engine };
