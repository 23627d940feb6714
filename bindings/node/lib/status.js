'use strict';
// librma's status codes: the fixed numbers of rma.h (RMA_OK, RMA_E_*), never renumbered.
// test/status.test.js keeps them equal to the header.
const Status = Object.freeze({
  OK: 0,
  INVALID_ARGUMENT: 1,
  NOT_FOUND: 2,
  CONFLICT: 3,
  TRANSITION_DENIED: 4,
  PERMISSION_DENIED: 5,
  MALFORMED_JSON: 6,
  MISSING_FIELD: 7,
  WRONG_TYPE: 8,
  UNKNOWN_VALUE: 9,
  OUT_OF_RANGE: 10,
  TOO_LARGE: 11,
  INVALID_UTF8: 12,
  DUPLICATE: 13,
  STORAGE: 14,
  NO_MEMORY: 15,
  INTERNAL: 16,
});

const names = new Map(Object.entries(Status).map(([key, value]) => [value, key.toLowerCase()]));

// The lower-case name of a code ("not_found"), as rma_status_name() gives it; "unknown" otherwise.
function statusName(status) {
  return names.get(status) ?? 'unknown';
}

module.exports = { Status, statusName };
