#!/usr/bin/env node
'use strict';
// Writes types/schemas.d.ts from the JSON Schemas of docs/schemas: one named type per document.
//
//   node scripts/generate-types.js SCHEMAS_DIR OUT_FILE [--check]
//
// json-schema-to-typescript compiles one schema at a time and inlines every $ref it follows, so
// run over the files as they are it would repeat Case, CaseLine, ... in each of the 80 op schemas
// under names that collide. Here each definition is compiled alone, with every $ref replaced by
// the name of the type it points to (the package's `tsType`), so each shared document is declared
// once and referred to by name. With --check, nothing is written: the script fails when OUT_FILE
// differs from what it would write.
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');

// Definitions whose plain name would hide a global of TypeScript's standard library.
const renamed = { date: 'CivilDate', error: 'ErrorDocument' };

const pascal = (text) => text.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');

// The TypeScript name of the type a schema file's definition (or its root, def null) becomes.
function typeName(file, def) {
  const base = file.replace(/\.schema\.json$/, '');
  if (base === 'common') return renamed[def] ?? pascal(def);
  if (base === 'event') return 'RmaEvent';
  if (base === 'outbox-message') return 'OutboxMessage';
  const [folder, stem] = base.split('/');
  const suffix = { ops: '', events: 'Event', config: 'Config' }[folder];
  return pascal(stem) + suffix + (def === null ? '' : pascal(def));
}

// Every schema file under `dir`, as paths relative to it with forward slashes, in a stable order.
function schemaFiles(dir, sub = '') {
  return fs.readdirSync(path.join(dir, sub), { withFileTypes: true })
    .flatMap((entry) => {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) return schemaFiles(dir, rel);
      return rel.endsWith('.schema.json') ? [rel] : [];
    })
    .sort();
}

// A copy of `schema` ready to compile alone: $refs become the names of their types, and the
// members that would make json-schema-to-typescript declare more than one type are dropped.
function standalone(schema, file, top = true) {
  if (Array.isArray(schema)) return schema.map((item) => standalone(item, file, false));
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  const types = [schema.type].flat();
  if (types.includes('object') && schema.properties === undefined && schema.additionalProperties === undefined) {
    out.additionalProperties = true; // a free-form object (custom fields, a payload), not an empty one
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') {
      out.tsType = refName(value, file);
    } else if (['$defs', '$schema', '$id'].includes(key) || (key === 'title' && !top)) {
      continue;
    } else if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, standalone(v, file, false)]));
    } else {
      out[key] = standalone(value, file, false);
    }
  }
  return out;
}

function refName(ref, file) {
  const [target, pointer = ''] = ref.split('#');
  const targetFile = target === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
  const def = /^\/\$defs\/([^/]+)$/.exec(pointer);
  if (pointer !== '' && def === null) throw new Error(`${file}: $ref ${ref} does not name a definition`);
  return typeName(targetFile, def === null ? null : def[1]);
}

async function declarations(dir) {
  const parts = [];
  const ops = [];
  for (const file of schemaFiles(dir)) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const defs = Object.entries(schema.$defs ?? {});
    const hasRoot = schema.type !== undefined || schema.oneOf !== undefined || schema.anyOf !== undefined;
    const targets = [...(hasRoot ? [[null, schema]] : []), ...defs];
    for (const [def, sub] of targets) {
      const name = typeName(file, def);
      const body = standalone({ ...sub, title: undefined }, file);
      delete body.title;
      parts.push(await compile(body, name, {
        bannerComment: '',
        additionalProperties: false, // an answer's type lists what librma writes: a misspelled key fails
        declareExternallyReferenced: false,
        strictIndexSignatures: true,
        unknownAny: true,
        ignoreMinAndMaxItems: true, // string[] rather than a tuple spelled out item by item
        format: true,
        cwd: path.join(dir, path.dirname(file)),
      }));
    }
    if (file.startsWith('ops/')) ops.push(file.slice(4, -'.schema.json'.length));
  }
  const map = (kind) => ops.map((op) => `  ${JSON.stringify(op)}: ${typeName(`ops/${op}.schema.json`, kind)};`).join('\n');
  parts.push(`/** The request of each op of docs/json.md. */\nexport interface OpRequests {\n${map('request')}\n}\n`);
  parts.push(`/** The answer of each op of docs/json.md. */\nexport interface OpAnswers {\n${map('answer')}\n}\n`);
  return `// Generated by scripts/generate-types.js from docs/schemas: edit the schemas, not this file.\n\n${parts.join('\n')}`;
}

async function main() {
  const [dir, outFile, flag] = process.argv.slice(2);
  if (dir === undefined || outFile === undefined) {
    console.error('usage: generate-types.js SCHEMAS_DIR OUT_FILE [--check]');
    process.exit(2);
  }
  const text = await declarations(dir);
  if (flag === '--check') {
    const current = fs.existsSync(outFile) ? fs.readFileSync(outFile, 'utf8') : '';
    if (current !== text) {
      console.error(`${outFile} is not what docs/schemas give: run npm run types in bindings/node`);
      process.exit(1);
    }
    console.log(`${outFile} is up to date`);
    return;
  }
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);
  console.log(`wrote ${outFile}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
