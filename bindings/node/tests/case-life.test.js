'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { OPERATOR, openEngine, returnRequest } = require('./fixture');

test('a return goes from request to closed, with notes and its history', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const move = (c, transition, extra = {}) =>
    engine.callSync(OPERATOR, 'case.transition', { case_id: c.id, transition, version: c.version, ...extra });

  let c = engine.callSync('customer:C1', 'case.create', returnRequest('C1', 2));
  assert.equal(c.status, 'requested');
  assert.match(c.number, /^RMA-/);
  c = engine.callSync(OPERATOR, 'case.add_note', { case_id: c.id, channel: 'internal', body: 'box looks opened' });
  c = engine.callSync(OPERATOR, 'case.add_note', { case_id: c.id, channel: 'external', body: 'We have your request.' });
  c = move(c, 'authorize');
  assert.equal(c.status, 'authorized');

  c = engine.callSync(OPERATOR, 'case.update', {
    case_id: c.id, version: c.version, changes: { lines: [{ line_no: 1, qty_received: 2 }] },
  });
  c = move(c, 'receive');
  c = engine.callSync(OPERATOR, 'case.update', {
    case_id: c.id, version: c.version, changes: { lines: [{ line_no: 1, condition: 'defective', qty_accepted: 2 }] },
  });
  c = move(c, 'inspect');
  c = engine.callSync(OPERATOR, 'case.update', { case_id: c.id, version: c.version, changes: { resolution: 'refund' } });
  c = move(c, 'refund');
  c = move(c, 'close');
  assert.equal(c.status, 'closed');

  const customerView = await engine.call('customer:C1', 'case.get', { case_id: c.id });
  assert.deepEqual(customerView.notes.map((n) => n.body), ['We have your request.'], 'internal notes stay inside');

  const history = engine.callSync(OPERATOR, 'case.history', { case_id: c.id }).events.map((e) => e.type);
  assert.equal(history[0], 'case.created');
  assert.equal(history.filter((type) => type === 'case.transitioned').length, 5);
  assert.ok(history.includes('note.added'));

  const found = engine.callSync(OPERATOR, 'case.query', { status: 'closed' });
  assert.deepEqual(found.items.map((item) => item.id), [c.id]);
});
