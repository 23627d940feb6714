'use strict';
// JSON text in and out of librma: plain objects both ways, bad input as ValidationError.
const { Status } = require('./status');
const { fromStatus } = require('./from-status');

function encodeRequest(request, field = 'request') {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw fromStatus(Status.INVALID_ARGUMENT, `${field}: must be an object`, field);
  }
  let text;
  try {
    text = JSON.stringify(request);
  } catch (error) {
    throw fromStatus(Status.INVALID_ARGUMENT, `${field}: cannot be written as JSON: ${error.message}`, field);
  }
  if (!text.isWellFormed()) {
    throw fromStatus(Status.INVALID_UTF8, `${field}: holds a string that is not valid UTF-8`, field);
  }
  return text;
}

function decode(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fromStatus(Status.INTERNAL, `librma answered text that is not JSON: ${error.message}`);
  }
  if (value === null || typeof value !== 'object') {
    throw fromStatus(Status.INTERNAL, 'librma answered JSON that is not an object');
  }
  return value;
}

module.exports = { encodeRequest, decode };
