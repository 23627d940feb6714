'use strict';
// Strings on their way into C: checked before they are sent, and written into C buffers.
const koffi = require('koffi');
const { Status } = require('./status');
const { fromStatus } = require('./from-status');

// C strings end at the first NUL: one inside would cut the text short without a word; a lone
// surrogate has no UTF-8 form.
function requireText(value, field) {
  if (typeof value !== 'string') {
    throw fromStatus(Status.INVALID_ARGUMENT, `${field}: must be a string, not ${typeof value}`, field);
  }
  if (value.includes('\0')) {
    throw fromStatus(Status.INVALID_ARGUMENT, `${field}: contains a NUL byte`, field);
  }
  if (!value.isWellFormed()) {
    throw fromStatus(Status.INVALID_UTF8, `${field}: is not valid UTF-8`, field);
  }
  return value;
}

// Writes `text` as UTF-8 into the zeroed C buffer at `pointer` of `cap` bytes, NUL included,
// cut at a character boundary.
function writeText(pointer, cap, text) {
  const limit = Number(cap) - 1;
  let bytes = Buffer.from(String(text), 'utf8');
  if (bytes.length > limit) {
    let end = limit;
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--; // not inside a character
    bytes = bytes.subarray(0, end);
  }
  if (bytes.length > 0) new Uint8Array(koffi.view(pointer, bytes.length)).set(bytes);
}

module.exports = { requireText, writeText };
