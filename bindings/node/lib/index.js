'use strict';
// librma for Node: the Engine, its errors, the status codes and the validator outcomes.
const { Engine } = require('./engine');
const { Status, statusName } = require('./status');
const { Outcome } = require('./outcome');
const { load, ABI_VERSION } = require('./library');
const errors = require('./errors');

module.exports = {
  Engine,
  Status,
  statusName,
  Outcome,
  ABI_VERSION,
  loadLibrary: load,
  RmaError: errors.RmaError,
  ValidationError: errors.ValidationError,
  NotFoundError: errors.NotFoundError,
  ConflictError: errors.ConflictError,
  TransitionError: errors.TransitionError,
  PermissionDeniedError: errors.PermissionDeniedError,
  StorageError: errors.StorageError,
  InternalError: errors.InternalError,
  LibraryError: errors.LibraryError,
};
