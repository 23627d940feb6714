'use strict';
// What an eligibility validator answers about one case line, and the RMA_OUTCOME_* numbers of
// rma.h they stand for.
const Outcome = Object.freeze({
  PASS: 'pass',
  MANUAL_REVIEW: 'manual_review',
  FAIL: 'fail', // the line is not eligible for return
});

const outcomeCodes = Object.freeze({ pass: 0, manual_review: 1, fail: 2 });

module.exports = { Outcome, outcomeCodes };
