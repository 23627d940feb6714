'use strict';
// The error class of each status code: the families of errors.js.
const { Status } = require('./status');
const {
  ValidationError, NotFoundError, ConflictError, TransitionError, PermissionDeniedError, StorageError, InternalError,
} = require('./errors');

const classByStatus = new Map([
  [Status.INVALID_ARGUMENT, ValidationError],
  [Status.NOT_FOUND, NotFoundError],
  [Status.CONFLICT, ConflictError],
  [Status.TRANSITION_DENIED, TransitionError],
  [Status.PERMISSION_DENIED, PermissionDeniedError],
  [Status.MALFORMED_JSON, ValidationError],
  [Status.MISSING_FIELD, ValidationError],
  [Status.WRONG_TYPE, ValidationError],
  [Status.UNKNOWN_VALUE, ValidationError],
  [Status.OUT_OF_RANGE, ValidationError],
  [Status.TOO_LARGE, ValidationError],
  [Status.INVALID_UTF8, ValidationError],
  [Status.DUPLICATE, ConflictError],
  [Status.STORAGE, StorageError],
  [Status.NO_MEMORY, InternalError],
  [Status.INTERNAL, InternalError],
]);

// The error of the family of `status` (an unknown code gives InternalError).
function fromStatus(status, message, field = '', reason = '') {
  const Class = classByStatus.get(status) ?? InternalError;
  return new Class(status, message, field, reason);
}

module.exports = { fromStatus };
