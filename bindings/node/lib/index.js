'use strict';
// librma for Node: the Engine, its errors, the status codes and the validator outcomes.
// The exports are written out by name (and the errors re-exported whole) so that an ES module can
// import them by name too.
const { Engine } = require('./engine');
const { Status, statusName } = require('./status');
const { Outcome } = require('./outcome');
const { load: loadLibrary, ABI_VERSION } = require('./library');

module.exports = {
  Engine,
  Status,
  statusName,
  Outcome,
  ABI_VERSION,
  loadLibrary,
  ...require('./errors'),
};
