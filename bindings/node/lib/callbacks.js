'use strict';
// JS functions as librma's callbacks, rebuilt as koffi callbacks of the prototypes of rma_ffi.h.
//
// An exception cannot unwind through C: each adapter catches it, answers what refuses (a guard
// denies, a validator asks for manual review, progress cancels, the clock gives the system time),
// and hands the exception to `sink`, which the Engine throws again from the method that ran the
// command once librma has returned.
const koffi = require('koffi');
const { decode } = require('./json');
const { writeText } = require('./text');
const { outcomeCodes } = require('./outcome');

function guarded(sink, onError, body) {
  return (...args) => {
    try {
      return body(...args);
    } catch (error) {
      sink(error);
      return typeof onError === 'function' ? onError() : onError;
    }
  };
}

function register(fn, type) {
  return koffi.register(fn, `${type} *`);
}

// listener(event): the return value is ignored, as librma ignores the callback's.
function eventCallback(listener, sink) {
  return register(guarded(sink, 0, (userData, json) => {
    listener(decode(json));
    return 0;
  }), 'rma_event_fn');
}

// guard(input) returns true to let the transition run, or false or a message to refuse it.
function guardCallback(name, guard, sink) {
  return register(guarded(sink, 0, (userData, json, len, message, cap) => {
    const verdict = guard(decode(json));
    if (verdict === true) return 1;
    if (typeof verdict === 'string') writeText(message, cap, verdict);
    else if (verdict !== false) throw new TypeError(`guard ${name} returned ${typeof verdict}, not boolean or string`);
    return 0;
  }), 'rma_guard_fn');
}

// validator(input) returns {outcome: "pass" | "manual_review" | "fail", reason?, message?}.
function validatorCallback(name, validator, sink) {
  // -1: librma counts it as manual review, reason "validator_failed"
  return register(guarded(sink, -1, (userData, json, len, reason, reasonCap, message, messageCap) => {
    const answer = validator(decode(json));
    if (typeof answer !== 'object' || answer === null || !Object.hasOwn(outcomeCodes, answer.outcome)) {
      throw new TypeError(`validator ${name} must return {outcome: "pass" | "manual_review" | "fail", ...}`);
    }
    writeText(reason, reasonCap, answer.reason ?? '');
    writeText(message, messageCap, answer.message ?? '');
    return outcomeCodes[answer.outcome];
  }), 'rma_validator_fn');
}

function systemMicros() {
  return BigInt(Date.now()) * 1000n;
}

// clock() returns a Date, or microseconds since 1970 UTC as a bigint or an integer number.
function clockCallback(clock, sink) {
  return register(guarded(sink, systemMicros, () => {
    const now = clock();
    if (now instanceof Date) return BigInt(now.getTime()) * 1000n;
    if (typeof now === 'bigint') return now;
    if (Number.isSafeInteger(now)) return BigInt(now);
    throw new TypeError(`the clock returned ${typeof now}, not a Date, bigint or integer`);
  }), 'rma_clock_fn');
}

// progress(rowsDone, rowsTotal) may return false to cancel.
function progressCallback(progress, sink) {
  return register(guarded(sink, 1, (userData, done, total) =>
    (progress(Number(done), Number(total)) === false ? 1 : 0)), 'rma_progress_fn');
}

// progress(table, rowsDone, rowsTotal) may return false to cancel.
function copyProgressCallback(progress, sink) {
  return register(guarded(sink, 1, (userData, table, done, total) =>
    (progress(table, Number(done), Number(total)) === false ? 1 : 0)), 'rma_copy_progress_fn');
}

module.exports = {
  eventCallback,
  guardCallback,
  validatorCallback,
  clockCallback,
  progressCallback,
  copyProgressCallback,
  unregister: (callback) => koffi.unregister(callback),
};
