// The package from an ES module: every export by name.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as named from '../lib/index.js';

test('an ES module imports every export by name', async () => {
  const exported = createRequire(import.meta.url)('..');
  for (const name of Object.keys(exported)) assert.equal(named[name], exported[name], name);
  const engine = new named.Engine();
  assert.throws(() => engine.callSync('operator:anna', 'case.get', { case_id: 5 }), named.NotFoundError);
  await engine.close();
});
