'use strict';
// rma_ffi.h as koffi reads it (docs/c-api.md): every exported function bound, the status codes and
// validator outcomes of this package equal to rma.h.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const rma = require('..');
const { markOutputs } = require('../lib/header');
const { outcomeCodes } = require('../lib/outcome');

const source = path.join(__dirname, '..', '..', '..');
const rmaHeader = process.env.RMA_HEADER ?? path.join(source, 'capi/include/rma/rma.h');
const exportedList = process.env.RMA_EXPORTED_SYMBOLS ?? path.join(source, 'capi/exported_symbols.txt');

test('rma_ffi.h binds every exported function of librma', () => {
  const loaded = rma.loadLibrary();
  const exported = fs.readFileSync(exportedList, 'utf8').split('\n').filter((name) => name !== '').sort();
  assert.deepEqual(Object.keys(loaded.functions).sort(), exported);
  assert.equal(loaded.functions.rma_abi_version(), rma.ABI_VERSION);
  assert.equal(rma.loadLibrary(), loaded, 'loaded once');
});

test('out parameters become koffi outputs, a returned string a disposable one', () => {
  assert.equal(markOutputs('rma_status rma_case_get(rma_engine *engine, const char *actor, const char *request_json, char **out_json)'),
    'rma_status rma_case_get(rma_engine *engine, const char *actor, const char *request_json, _Out_ rma_string *out_json)');
  assert.equal(markOutputs('rma_status rma_engine_open(const char *path, const char *options_json, rma_engine **out_engine)'),
    'rma_status rma_engine_open(const char *path, const char *options_json, _Out_ rma_engine **out_engine)');
  assert.equal(markOutputs('rma_status rma_engine_unsubscribe(rma_engine *engine, int64_t subscription)'),
    'rma_status rma_engine_unsubscribe(rma_engine *engine, int64_t subscription)');
});

test('the status codes and outcomes are those of rma.h', () => {
  const text = fs.readFileSync(rmaHeader, 'utf8');
  const defined = (prefix) => Object.fromEntries([...text.matchAll(new RegExp(`^#define ${prefix}(\\w+) (\\d+)`, 'gm'))]
    .map(([, name, value]) => [name, Number(value)]));
  const statuses = { OK: Number(/^#define RMA_OK (\d+)/m.exec(text)[1]), ...defined('RMA_E_') };
  assert.deepEqual(statuses, { ...rma.Status });
  const loaded = rma.loadLibrary();
  for (const value of Object.values(rma.Status)) {
    assert.equal(rma.statusName(value), loaded.functions.rma_status_name(value));
  }
  assert.equal(rma.statusName(99), 'unknown');
  const outcomes = Object.fromEntries(Object.entries(defined('RMA_OUTCOME_')).map(([k, v]) => [k.toLowerCase(), v]));
  assert.deepEqual(outcomes, outcomeCodes);
});

test('a missing library or header is a LibraryError', () => {
  assert.throws(() => rma.loadLibrary({ library: '/nonexistent/librma.so.1' }), rma.LibraryError);
  assert.throws(() => rma.loadLibrary({ header: '/nonexistent/rma_ffi.h' }), rma.LibraryError);
});
