'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { isMainThread } = require('node:worker_threads');
const rma = require('..');
const { OPERATOR, openEngine, returnRequest, guardAuthorize } = require('./fixture');

test('calls resolve to their answers, many at once', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const created = await Promise.all(Array.from({ length: 40 }, (_, i) =>
    engine.call(OPERATOR, 'case.create', returnRequest(i % 2 ? 'C1' : 'C2'))));
  assert.equal(new Set(created.map((c) => c.number)).size, 40);
  assert.equal((await engine.call(OPERATOR, 'engine.stats')).cases, 40);
});

test("a rejection carries the failing thread's details, not this thread's", async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  assert.throws(() => engine.callSync(OPERATOR, 'case.get', { case_id: 999 }), rma.NotFoundError);
  await assert.rejects(engine.call('customer:C1', 'engine.stats'), (e) => e instanceof rma.PermissionDeniedError
    && e.field === 'actor' && e.reason === 'role_not_allowed' && e.message.startsWith('actor: '));
  await assert.rejects(engine.call(OPERATOR, 'case.create', { kind: 'return' }),
    (e) => e instanceof rma.ValidationError && e.code === 'missing_field');
});

test('synchronous calls are refused while a Promise is pending', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const pending = engine.call(OPERATOR, 'engine.stats');
  assert.throws(() => engine.callSync(OPERATOR, 'engine.stats'), (e) => e instanceof rma.ValidationError && e.field === 'engine');
  assert.throws(() => engine.addGuard('late', () => true), rma.ValidationError);
  await pending;
  assert.equal(engine.callSync(OPERATOR, 'engine.stats').cases, 0);
});

test('callbacks of a pool thread command run on this thread', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const threads = [];
  engine.addGuard('small', (input) => {
    threads.push(isMainThread);
    return input.case.lines[0].qty_requested < 3 || 'too many';
  });
  guardAuthorize(engine, { guard: 'small' });
  const events = [];
  engine.subscribe((event) => events.push([event.type, isMainThread]));
  const small = await engine.call(OPERATOR, 'case.create', returnRequest('C1', 1));
  const large = await engine.call(OPERATOR, 'case.create', returnRequest('C1', 5));
  const moved = await engine.call(OPERATOR, 'case.transition', { case_id: small.id, transition: 'authorize' });
  assert.equal(moved.status, 'authorized');
  await assert.rejects(engine.call(OPERATOR, 'case.transition', { case_id: large.id, transition: 'authorize' }),
    (e) => e instanceof rma.TransitionError && e.reason === 'small' && e.message.includes('too many'));
  assert.deepEqual(threads, [true, true]);
  assert.deepEqual(events.map(([type]) => type).filter((type) => type !== 'notification.requested'),
    ['case.created', 'case.created', 'case.transitioned', 'transition.denied']);
  assert.ok(events.every(([, main]) => main));
});

test('a listener may call the engine and unsubscribe itself during a Promise command', async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const numbers = [];
  const subscription = engine.subscribe((event) => {
    if (event.type !== 'case.created') return;
    engine.unsubscribe(subscription); // once: librma may still call it, so its registration waits
    numbers.push(engine.call(OPERATOR, 'case.get', { case_id: event.case_id }).then((c) => c.number));
  });
  const first = await engine.call(OPERATOR, 'case.create', returnRequest());
  await engine.call(OPERATOR, 'case.create', returnRequest());
  assert.deepEqual(await Promise.all(numbers), [first.number]);
  assert.throws(() => engine.unsubscribe(subscription), rma.NotFoundError);
});

test("a listener's exception rejects the command's Promise", async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  engine.subscribe(() => {
    throw new Error('webhook down');
  });
  await assert.rejects(engine.call(OPERATOR, 'case.create', returnRequest()), { message: 'webhook down' });
  assert.equal((await engine.call(OPERATOR, 'engine.stats')).cases, 1);
});

test('close waits for the pending Promises', async () => {
  const engine = openEngine();
  const subscription = engine.subscribe(() => {});
  const pending = Array.from({ length: 5 }, () => engine.call(OPERATOR, 'case.create', returnRequest()));
  const closing = engine.close();
  await assert.rejects(engine.call(OPERATOR, 'engine.stats'), rma.ValidationError);
  assert.equal((await Promise.all(pending)).length, 5);
  await closing;
  assert.equal(engine.closed, true);
  assert.throws(() => engine.unsubscribe(subscription), rma.ValidationError);
});

test('Engine.open resolves to an open engine', async () => {
  const engine = await rma.Engine.open(':memory:', { index_mode: 'eager' });
  assert.equal((await engine.call(OPERATOR, 'engine.stats')).cases, 0);
  await engine.close();
  await assert.rejects(rma.Engine.open(':memory:', { index_mode: 'never' }), rma.ValidationError);
});
