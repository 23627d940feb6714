'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rma = require('..');
const { OPERATOR, openEngine, openReturn } = require('./fixture');

const { Status } = rma;

// Runs `fn` and returns what it threw.
function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail('nothing was thrown');
}

test('each status has its class, code, field and reason', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const c = openReturn(engine);
  const cases = [
    [() => engine.callSync(OPERATOR, 'case.get', { case_id: 999 }), rma.NotFoundError, Status.NOT_FOUND, 'case_id', ''],
    [() => engine.callSync(OPERATOR, 'case.create', { kind: 'return', channel: 'b2c', customer_id: 'C1' }),
      rma.ValidationError, Status.MISSING_FIELD, 'lines', ''],
    [() => engine.callSync(OPERATOR, 'case.get', { case_id: 'one' }), rma.ValidationError, Status.WRONG_TYPE, 'case_id', ''],
    [() => engine.callSync(OPERATOR, 'case.gett', {}), rma.ValidationError, Status.UNKNOWN_VALUE, 'op', ''],
    [() => engine.callSync(OPERATOR, 'case.add_note', { case_id: c.id, version: c.version + 5, channel: 'internal', body: 'x' }),
      rma.ConflictError, Status.CONFLICT, 'version', ''],
    [() => engine.callSync('customer:C2', 'engine.stats'), rma.PermissionDeniedError, Status.PERMISSION_DENIED, 'actor', 'role_not_allowed'],
    [() => engine.callSync(OPERATOR, 'case.transition', { case_id: c.id, transition: 'refund' }),
      rma.TransitionError, Status.TRANSITION_DENIED, 'transition', 'not_in_state'],
    [() => engine.callSync('nobody', 'engine.stats'), rma.ValidationError, Status.INVALID_ARGUMENT, 'actor', ''],
  ];
  for (const [fn, Class, status, field, reason] of cases) {
    const error = thrown(fn);
    assert.ok(error instanceof Class, `${error.name}: ${error.message}`);
    assert.ok(error instanceof rma.RmaError && error instanceof Error);
    assert.deepEqual([error.status, error.code, error.field, error.reason],
      [status, rma.statusName(status), field, reason], error.message);
    assert.ok(error.message.startsWith(`${field}: `), error.message);
  }
});

test('a failed command changed nothing', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const before = engine.callSync(OPERATOR, 'engine.stats');
  thrown(() => engine.callSync(OPERATOR, 'case.create', { kind: 'return', channel: 'b2c', customer_id: 'C1',
    lines: [{ sku: 'KETTLE-1', quantity: 0, reason_code: 'DOA' }] }));
  assert.deepEqual(engine.callSync(OPERATOR, 'engine.stats'), before);
});

test('text librma cannot take is refused before it is sent', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const nul = thrown(() => engine.callSync('operator:an\0na', 'engine.stats'));
  assert.deepEqual([nul.constructor, nul.status, nul.field], [rma.ValidationError, Status.INVALID_ARGUMENT, 'actor']);
  const surrogate = thrown(() => engine.callSync('operator:\ud800', 'engine.stats'));
  assert.deepEqual([surrogate.status, surrogate.field], [Status.INVALID_UTF8, 'actor']);
  const notObject = thrown(() => engine.callSync(OPERATOR, 'engine.stats', [1, 2]));
  assert.deepEqual([notObject.status, notObject.field], [Status.INVALID_ARGUMENT, 'request']);
  const cyclic = {};
  cyclic.self = cyclic;
  assert.equal(thrown(() => engine.callSync(OPERATOR, 'engine.stats', cyclic)).field, 'request');
});

test('an unknown status is an InternalError', () => {
  const { fromStatus } = require('../lib/from-status');
  const error = fromStatus(99, 'what');
  assert.ok(error instanceof rma.InternalError);
  assert.equal(error.code, 'unknown');
});
