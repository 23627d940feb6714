'use strict';
// The errors librma reports, one subclass per family of status codes, as the PHP package and the
// Python module have them.
const { statusName } = require('./status');

// Base of every error librma reports. `status` is the status code (Status.*), `code` its stable
// name ("not_found"), `message` librma's text ("field: message"), `field` the input it blames as a
// JSON-like path ("lines[0].quantity", "" when none) and `reason` the stable code that tells
// refusals of one status apart ("decision_locked", a guard's name; "" for other failures).
class RmaError extends Error {
  constructor(status, message, field = '', reason = '') {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = statusName(status);
    this.field = field;
    this.reason = reason;
  }
}

// The input is wrong: invalid argument, malformed JSON, missing field, wrong type, unknown value,
// out of range, too large or invalid UTF-8.
class ValidationError extends RmaError {}
class NotFoundError extends RmaError {}
// A stale version, an action done already, a reused idempotency key, a duplicate.
class ConflictError extends RmaError {}
// The workflow refused the move; `reason` is "not_in_state", "nothing_to_refund" or the guard's name.
class TransitionError extends RmaError {}
class PermissionDeniedError extends RmaError {}
// The database failed; `reason` "busy" or "serialization" means retrying may succeed.
class StorageError extends RmaError {}
// A bug in librma, or an allocation that failed.
class InternalError extends RmaError {}

// librma or rma_ffi.h cannot be found or loaded, or speaks another ABI.
class LibraryError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'LibraryError';
  }
}

module.exports = {
  RmaError,
  ValidationError,
  NotFoundError,
  ConflictError,
  TransitionError,
  PermissionDeniedError,
  StorageError,
  InternalError,
  LibraryError,
};
