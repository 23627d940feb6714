'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rma = require('..');
const { OPERATOR, openEngine, openReturn, guardAuthorize } = require('./fixture');

function authorize(engine, c) {
  return engine.callSync(OPERATOR, 'case.transition', { case_id: c.id, transition: 'authorize' });
}

test('listeners hear committed events until unsubscribed', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const all = [];
  const subscription = engine.subscribe((event) => all.push(event.type));
  const mine = [];
  engine.subscribe((event) => mine.push(event.case_id), 'customer:C2');

  openReturn(engine, 'C1');
  const other = openReturn(engine, 'C2');
  assert.deepEqual(all, ['case.created', 'case.created']);
  assert.deepEqual(mine, [other.id], 'a customer hears of its own cases only');

  engine.unsubscribe(subscription);
  openReturn(engine, 'C1');
  assert.equal(all.length, 2);
  assert.throws(() => engine.unsubscribe(subscription), rma.NotFoundError);
});

test("a listener's exception reaches the caller after the commit", async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.subscribe((event) => {
    throw new RangeError(`listener failed on ${event.type}`);
  });
  assert.throws(() => openReturn(engine), { name: 'RangeError', message: 'listener failed on case.created' });
  assert.equal(engine.callSync(OPERATOR, 'engine.stats').cases, 1, 'committed before the listener ran');
});

test('a listener may call the engine', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const numbers = [];
  engine.subscribe((event) => {
    if (event.type === 'case.created') numbers.push(engine.callSync(OPERATOR, 'case.get', { case_id: event.case_id }).number);
  });
  const c = openReturn(engine);
  assert.deepEqual(numbers, [c.number]);
});

test('guards let pass or refuse with a message', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const seen = [];
  engine.addGuard('stock_ok', (input) => {
    seen.push([input.transition, input.actor, input.params]);
    const units = input.case.lines[0].qty_requested;
    return units <= 2 ? true : `only 2 units may come back, not ${units} — sorry`;
  });
  guardAuthorize(engine, { guard: 'stock_ok', warehouse: 'MI' });

  assert.equal(authorize(engine, openReturn(engine, 'C1', 2)).status, 'authorized');
  assert.deepEqual(seen, [['authorize', OPERATOR, { warehouse: 'MI' }]]);
  assert.throws(() => authorize(engine, openReturn(engine, 'C1', 3)), (e) => e instanceof rma.TransitionError
    && e.reason === 'stock_ok' && e.message.includes('only 2 units may come back, not 3 — sorry'));
});

test("a guard's exception refuses and reaches the caller", async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.addGuard('erp_credit', () => {
    throw new Error('ERP unreachable');
  });
  guardAuthorize(engine, { guard: 'erp_credit' });
  const c = openReturn(engine);
  assert.throws(() => authorize(engine, c), { message: 'ERP unreachable' });
  assert.equal(engine.callSync(OPERATOR, 'case.get', { case_id: c.id }).status, 'requested');
});

test('a long refusal is cut at a character boundary', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.addGuard('wordy', () => 'è'.repeat(600));
  guardAuthorize(engine, { guard: 'wordy' });
  const error = (() => {
    try {
      authorize(engine, openReturn(engine));
    } catch (e) {
      return e;
    }
  })();
  assert.ok(error instanceof rma.TransitionError);
  assert.ok(error.message.includes('è'.repeat(255)) && !error.message.includes('\ufffd'));
});

test('validators judge each line', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.addValidator('receipt', (input) => (input.case.lines[0].reason_code === 'DOA'
    ? { outcome: rma.Outcome.FAIL, reason: 'receipt_missing', message: 'Scontrino mancante — ricevuta?' }
    : { outcome: rma.Outcome.PASS }));
  const c = openReturn(engine);
  const eligibility = engine.callSync(OPERATOR, 'case.check_eligibility', { case_id: c.id, line_no: 1 });
  assert.equal(eligibility.outcome, 'fail');
  const mine = eligibility.results.filter((r) => r.validator === 'receipt');
  assert.deepEqual(mine[0].reason, { code: 'receipt_missing', message: 'Scontrino mancante — ricevuta?' });
});

test("a validator's wrong answer is reported", async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.addValidator('broken', () => ({ outcome: 'maybe' }));
  const c = openReturn(engine);
  assert.throws(() => engine.callSync(OPERATOR, 'case.check_eligibility', { case_id: c.id, line_no: 1 }), TypeError);
});

test('the clock sets every timestamp', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.setClock(() => new Date('2026-03-29T00:59:59.500Z'));
  assert.equal(openReturn(engine).created_at, '2026-03-29T00:59:59.500000Z');
  engine.setClock(() => 86_400_000_000n);
  assert.equal(openReturn(engine).created_at, '1970-01-02T00:00:00Z');
  engine.setClock(null);
  assert.ok(openReturn(engine).created_at.startsWith(`${new Date().getUTCFullYear()}-`));
});

test("a clock's exception reaches the caller and the system time is used", async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.setClock(() => {
    throw new Error('clock unplugged');
  });
  assert.throws(() => openReturn(engine), { message: 'clock unplugged' });
  engine.setClock(null);
  const c = engine.callSync(OPERATOR, 'case.get', { case_id: 1 });
  assert.ok(c.created_at.startsWith(`${new Date().getUTCFullYear()}-`));
});

test('import progress is reported and may cancel', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const rows = Array.from({ length: 5 }, (_, i) => JSON.stringify({ sku: `P${i}`, name: `Kettle ${i}` })).join('\n');
  const request = { kind: 'products', format: 'jsonl', content: rows, progress_every: 2 };
  const calls = [];
  const report = engine.importSync(OPERATOR, request, (done, total) => calls.push([done, total]));
  assert.equal(report.records_written, 5);
  assert.deepEqual(calls.at(-1), [5, 5]);
  assert.throws(() => engine.importSync(OPERATOR, { ...request, content: rows.replaceAll('Kettle', 'Jug') }, () => false),
    (e) => e instanceof rma.ValidationError && e.field === 'progress');
  const async = await engine.import(OPERATOR, request, () => true);
  assert.equal(async.records_unchanged, 5);
  assert.equal((await engine.import(OPERATOR, request)).records_unchanged, 5, 'without progress');
  assert.equal(engine.importSync(OPERATOR, request).records_unchanged, 5);
});
