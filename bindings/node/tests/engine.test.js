'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Engine, ValidationError, StorageError } = require('..');
const { OPERATOR, openReturn } = require('./fixture');

test('an engine opens, answers and closes', async () => {
  const engine = new Engine();
  assert.match(engine.version(), /^\d+\.\d+\.\d+$/);
  assert.deepEqual(engine.callSync(OPERATOR, 'engine.stats'), { cases: 0, index_bytes: 0, last_event_seq: 0 });
  assert.equal(engine.closed, false);
  await engine.close();
  assert.equal(engine.closed, true);
  await engine.close(); // twice does nothing
  assert.throws(() => engine.callSync(OPERATOR, 'engine.stats'), (e) => e instanceof ValidationError && e.field === 'engine');
  await assert.rejects(engine.call(OPERATOR, 'engine.stats'), ValidationError);
});

test('a file store keeps its cases across engines', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rma-node-'));
  const file = path.join(dir, 'returns.db');
  try {
    const first = new Engine(file);
    first.callSync(OPERATOR, 'customer.upsert', { id: 'C1', name: 'Acme Srl' });
    const opened = openReturn(first);
    await first.close();
    const second = await Engine.open(file, { index_mode: 'lazy' });
    const again = await second.call(OPERATOR, 'case.get', { case_id: opened.id });
    assert.equal(again.number, opened.number);
    await second.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a store that cannot be opened is a StorageError naming the path', async () => {
  const where = path.join(os.tmpdir(), 'no-such-dir-rma', 'x', 'returns.db');
  assert.throws(() => new Engine(where), (e) => e instanceof StorageError && e.code === 'storage');
  await assert.rejects(Engine.open(where), StorageError);
});

test('bad options are refused with the option named', () => {
  assert.throws(() => new Engine(':memory:', { index_mode: 'sometimes' }),
    (e) => e instanceof ValidationError && e.field.includes('index_mode'));
});
