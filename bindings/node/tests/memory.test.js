'use strict';
// Every string librma returns is freed: the resident memory stays flat over 100,000 calls whose
// answers are about 1 kB each, where a leak would add some 100 MB.
const test = require('node:test');
const assert = require('node:assert/strict');
const { OPERATOR, openEngine, openReturn } = require('./fixture');

const CALLS = 100_000;
const ALLOWED_GROWTH = 24 * 1024 * 1024;

function rss() {
  global.gc?.();
  return process.memoryUsage().rss;
}

test(`the resident memory stays flat over ${CALLS} calls`, { timeout: 300_000 }, async (t) => {
  const engine = openEngine();
  t.after(() => engine.close());
  const c = openReturn(engine);
  const answerBytes = JSON.stringify(engine.callSync(OPERATOR, 'case.get', { case_id: c.id })).length;
  let errors = 0;
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      engine.callSync(OPERATOR, 'case.get', { case_id: c.id });
      if (i % 10 === 0) {
        try {
          engine.callSync(OPERATOR, 'case.get', { case_id: 999 });
        } catch {
          errors++;
        }
      }
    }
  };
  run(CALLS / 10); // warm up: the index, the allocator's pools, V8's heap
  const before = rss();
  const started = process.hrtime.bigint();
  run(CALLS);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const growth = rss() - before;
  t.diagnostic(`${CALLS} case.get calls (${answerBytes} bytes each): ${Math.round(CALLS / seconds)} calls/s, `
    + `RSS growth ${(growth / 1048576).toFixed(1)} MiB`);
  assert.ok(errors > 0);
  assert.ok(growth < ALLOWED_GROWTH, `RSS grew by ${growth} bytes`);
});
