'use strict';
// A thread of the pool (pool.js): runs librma calls synchronously and reads a failure's details
// right after, on this thread, where librma keeps them (rma_last_error is per thread).
const { parentPort, workerData } = require('node:worker_threads');
const { load } = require('./library');

const { functions } = load(workerData);

parentPort.on('message', ({ id, name, args }) => {
  const out = [null];
  let status;
  try {
    status = functions[name](...args, out);
  } catch (error) {
    parentPort.postMessage({ id, thrown: String(error?.message ?? error) });
    return;
  }
  if (status === 0) {
    parentPort.postMessage({ id, status, value: out[0] });
  } else {
    parentPort.postMessage({
      id,
      status,
      message: functions.rma_last_error(),
      field: functions.rma_last_error_field(),
      reason: functions.rma_last_error_reason(),
    });
  }
});
