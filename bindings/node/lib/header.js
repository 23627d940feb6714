'use strict';
// Reads rma_ffi.h (one declaration a line, no preprocessor; docs/c-api.md) into koffi: a
// `typedef struct X X` becomes an opaque type, `typedef int32_t rma_status` an alias, a callback
// typedef a prototype, and every other line a function of the library.
const koffi = require('koffi');

// koffi types are process-wide: a second library loaded from the same header reuses them.
const declared = new Set();

function declareType(name, make) {
  if (!declared.has(name)) {
    make();
    declared.add(name);
  }
}

// A `char **out_*` parameter receives a string the caller frees with rma_free: declared as an
// output of the disposable type `rma_string`, koffi copies it into a JS string and hands the
// pointer to rma_free at once. Other `out_*` parameters (the engine, a subscription id) are plain
// outputs.
function markOutputs(line) {
  return line.replace(/([(,]\s*)([^,()]*?)\b(out_\w+)(?=\s*[,)])/g, (whole, lead, type, name) => {
    const bare = type.trim();
    if (bare === 'char **') return `${lead}_Out_ rma_string *${name}`;
    return `${lead}_Out_ ${type}${name}`;
  });
}

// A callback's `char *` parameter (not const) is a buffer it writes its answer into (a guard's
// message, a validator's reason): declared `void *`, koffi hands the callback its address instead
// of reading it as a string. The same pointer in C.
function writableBuffers(proto) {
  return proto.replace(/(^|[(,]\s*)char \*(\w+)/g, (whole, lead, name) => `${lead}void *${name}`);
}

// Returns {name: function} for every function of the header, bound to `lib`.
function bind(lib, text) {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const functions = {};
  const free = lines.find((l) => /\brma_free\s*\(/.test(l));
  if (free === undefined) throw new Error('rma_ffi.h declares no rma_free');
  functions.rma_free = lib.func(free);
  declareType('rma_string', () => koffi.disposable('rma_string', 'str', functions.rma_free));
  for (const line of lines) {
    let m;
    if ((m = /^typedef struct (\w+) (\w+);$/.exec(line))) {
      declareType(m[2], () => koffi.opaque(m[2]));
    } else if ((m = /^typedef ([\w ]+?) (\w+);$/.exec(line))) {
      declareType(m[2], () => koffi.alias(m[2], m[1]));
    } else if ((m = /^typedef (.+\(.*\));$/.exec(line))) {
      const proto = writableBuffers(m[1]);
      const name = /(\w+)\s*\(/.exec(proto)[1];
      declareType(name, () => koffi.proto(proto));
    } else if (line !== free) {
      const fn = lib.func(markOutputs(line.replace(/;$/, '')));
      const name = /(\w+)\s*\(/.exec(line)[1];
      functions[name] = fn;
    }
  }
  return functions;
}

module.exports = { bind, markOutputs };
