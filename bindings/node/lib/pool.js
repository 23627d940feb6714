'use strict';
// Threads that run librma calls for the Promise API. Not koffi's own async calls: librma keeps a
// failure's details per thread, and a koffi async call leaves no way to read them on the thread
// that failed. Each thread here runs the call and reads them before it answers.
//
// The threads start on first use, at most `size` of them; more calls wait in line. An idle pool
// does not keep the process alive.
const os = require('node:os');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

class Pool {
  #loadOptions;
  #size;
  #idle = [];
  #all = [];
  #queue = [];
  #tasks = new Map();
  #nextId = 1;

  constructor(loadOptions, size = Math.min(4, Math.max(2, os.availableParallelism()))) {
    this.#loadOptions = loadOptions;
    this.#size = size;
  }

  // Runs functions[name](...args, out) on a pool thread: {status, value} or {status, message,
  // field, reason}.
  run(name, args) {
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, name, args, resolve, reject });
      this.#dispatch();
    });
  }

  #dispatch() {
    while (this.#queue.length > 0) {
      let worker = this.#idle.pop();
      if (worker === undefined) {
        if (this.#all.length >= this.#size) return;
        worker = this.#start();
      }
      const task = this.#queue.shift();
      this.#tasks.set(task.id, { task, worker });
      worker.ref();
      worker.postMessage({ id: task.id, name: task.name, args: task.args });
    }
  }

  #start() {
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: this.#loadOptions });
    worker.on('message', (answer) => this.#finish(worker, answer));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`a librma thread stopped (exit code ${code})`)));
    this.#all.push(worker);
    return worker;
  }

  #finish(worker, answer) {
    const entry = this.#tasks.get(answer.id);
    this.#tasks.delete(answer.id);
    worker.unref();
    this.#idle.push(worker);
    if (answer.thrown !== undefined) entry.task.reject(new Error(answer.thrown));
    else entry.task.resolve(answer);
    this.#dispatch();
  }

  #fail(worker, error) {
    this.#all = this.#all.filter((w) => w !== worker);
    this.#idle = this.#idle.filter((w) => w !== worker);
    for (const [id, entry] of this.#tasks) {
      if (entry.worker === worker) {
        this.#tasks.delete(id);
        entry.task.reject(error);
      }
    }
    this.#dispatch();
  }
}

const pools = new Map();

// The pool of the library loaded with `loadOptions` ({library, header}).
function poolFor(loaded) {
  const key = `${loaded.library}\n${loaded.header}`;
  let pool = pools.get(key);
  if (pool === undefined) {
    pool = new Pool({ library: loaded.library, header: loaded.header });
    pools.set(key, pool);
  }
  return pool;
}

module.exports = { poolFor };
