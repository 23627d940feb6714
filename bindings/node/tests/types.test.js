'use strict';
// The TypeScript declarations: generated from docs/schemas and up to date, a typed host compiles
// with tsc --strict, and each misspelled key or op of misspelled.ts is an error.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const packageDir = path.join(__dirname, '..');
const schemas = process.env.RMA_SCHEMAS ?? path.join(packageDir, '..', '..', 'docs', 'schemas');
const typed = path.join(__dirname, 'typed');

function node(args) {
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: packageDir });
  return { status: run.status, output: run.stdout + run.stderr };
}

test('types/schemas.d.ts is what docs/schemas give', { timeout: 120_000 }, () => {
  const run = node([path.join(packageDir, 'scripts', 'generate-types.js'), schemas, path.join(packageDir, 'types', 'schemas.d.ts'), '--check']);
  assert.equal(run.status, 0, run.output);
});

test('a typed host passes tsc --strict', { timeout: 120_000 }, () => {
  const run = node([require.resolve('typescript/bin/tsc'), '-p', path.join(typed, 'tsconfig.json')]);
  assert.equal(run.status, 0, run.output);
});

test('misspelled keys, ops and actors fail to compile, each on its line', { timeout: 120_000 }, () => {
  const run = node([require.resolve('typescript/bin/tsc'), '-p', path.join(typed, 'tsconfig.misspelled.json')]);
  assert.notEqual(run.status, 0);
  const reported = [...run.output.matchAll(/misspelled\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1]));
  const expected = fs.readFileSync(path.join(typed, 'misspelled.ts'), 'utf8').split('\n')
    .flatMap((line, i) => (line.includes('// expected error') ? [i + 1] : []));
  assert.equal(expected.length, 6);
  assert.deepEqual(reported, expected, run.output);
});
