'use strict';
// An in-memory engine with two customers, C1 and C2, and a way to open a return for one.
const { Engine } = require('..');

const OPERATOR = 'operator:anna';

function openEngine() {
  const engine = new Engine();
  engine.callSync(OPERATOR, 'customer.upsert', { id: 'C1', name: 'Acme Srl' });
  engine.callSync(OPERATOR, 'customer.upsert', { id: 'C2', name: 'Other Srl' });
  return engine;
}

function returnRequest(customer = 'C1', quantity = 1) {
  return {
    kind: 'return',
    channel: 'b2c',
    customer_id: customer,
    lines: [{ sku: 'KETTLE-1', quantity, reason_code: 'DOA' }],
  };
}

function openReturn(engine, customer = 'C1', quantity = 1) {
  return engine.callSync(OPERATOR, 'case.create', returnRequest(customer, quantity));
}

// Adds `guard` to the consumer return's transition "authorize" (cases opened afterwards use it).
function guardAuthorize(engine, guard) {
  const config = engine.callSync(OPERATOR, 'workflow.config');
  for (const workflow of config.workflows) {
    if (workflow.id !== 'consumer_return') continue;
    for (const transition of workflow.transitions) {
      if (transition.name === 'authorize') (transition.guards ??= []).push(guard);
    }
  }
  engine.callSync('system:setup', 'workflow.configure', config);
}

module.exports = { OPERATOR, openEngine, returnRequest, openReturn, guardAuthorize };
