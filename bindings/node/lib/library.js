'use strict';
// Loads librma through koffi, once per process and thread, with the declarations of rma_ffi.h.
//
// Where they are found, first that is given wins: the paths passed to load(), the environment
// variables RMA_LIBRARY and RMA_FFI_HEADER, then librma.so.1 as the dynamic loader finds it and
// rma_ffi.h in /usr/local/include/rma or /usr/include/rma.
const fs = require('node:fs');
const koffi = require('koffi');
const { bind } = require('./header');
const { LibraryError } = require('./errors');

// The RMA_ABI_VERSION this package speaks.
const ABI_VERSION = 1;
const DEFAULT_LIBRARY = 'librma.so.1';
const HEADER_PLACES = ['/usr/local/include/rma/rma_ffi.h', '/usr/include/rma/rma_ffi.h'];

const loaded = new Map();

function env(name) {
  const value = process.env[name];
  return value === undefined || value === '' ? null : value;
}

function findHeader(header) {
  const path = header ?? env('RMA_FFI_HEADER') ?? HEADER_PLACES.find((place) => fs.existsSync(place));
  if (path === undefined) {
    throw new LibraryError(`rma_ffi.h not found in ${HEADER_PLACES.join(' or ')}: set RMA_FFI_HEADER or pass its path`);
  }
  return path;
}

// {library, header, functions}: `functions` holds every function of rma_ffi.h by name.
function load({ library = null, header = null } = {}) {
  const libraryPath = library ?? env('RMA_LIBRARY') ?? DEFAULT_LIBRARY;
  const headerPath = findHeader(header);
  const key = `${libraryPath}\n${headerPath}`;
  let entry = loaded.get(key);
  if (entry === undefined) {
    let text;
    try {
      text = fs.readFileSync(headerPath, 'utf8');
    } catch (error) {
      throw new LibraryError(`cannot read rma_ffi.h at ${headerPath}: ${error.message}`, { cause: error });
    }
    let functions;
    try {
      functions = bind(koffi.load(libraryPath), text);
    } catch (error) {
      throw new LibraryError(`loading librma (${libraryPath}) failed: ${error.message}`, { cause: error });
    }
    const abi = functions.rma_abi_version();
    if (abi !== ABI_VERSION) {
      throw new LibraryError(`librma speaks ABI ${abi}, this package ABI ${ABI_VERSION}`);
    }
    entry = Object.freeze({ library: libraryPath, header: headerPath, functions });
    loaded.set(key, entry);
  }
  return entry;
}

module.exports = { load, ABI_VERSION };
