'use strict';
// package-lock.json, which `npm ci` installs from: every package from registry.npmjs.org by
// name, version and integrity hash, none from another address, a git repository or a path.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const REGISTRY = 'https://registry.npmjs.org/';

test('the lock file records packages of registry.npmjs.org only, each with its hash', () => {
  const lock = require(path.join(__dirname, '..', 'package-lock.json'));
  const manifest = require(path.join(__dirname, '..', 'package.json'));
  assert.equal(lock.lockfileVersion, 3);
  assert.deepEqual(lock.packages[''].dependencies, manifest.dependencies);
  assert.deepEqual(lock.packages[''].devDependencies, manifest.devDependencies);
  const entries = Object.entries(lock.packages).filter(([where]) => where !== '');
  assert.ok(entries.length > 0);
  for (const [where, entry] of entries) {
    assert.ok(where.startsWith('node_modules/'), where);
    assert.ok(entry.link !== true, `${where} is a link`);
    assert.match(entry.version, /^\d+\.\d+\.\d+/, `${where} is not a registry version: ${entry.version}`);
    assert.match(entry.integrity ?? '', /^sha512-/, `${where} has no sha512 integrity`);
    if (entry.resolved !== undefined) assert.ok(entry.resolved.startsWith(REGISTRY), `${where} from ${entry.resolved}`);
  }
});
