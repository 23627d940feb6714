'use strict';
// examples/node/outbox_webhook.js against a local webhook: every message arrives once with a 2xx
// after a retry, in order, and is acknowledged; a message the webhook keeps refusing stays in the
// outbox with the ones after it, and the run exits 1.
//
// usage: node outbox_webhook_test.js EXAMPLES_NODE_DIR WORK_DIR   (RMA_LIBRARY, RMA_FFI_HEADER set)
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const [examples, work] = process.argv.slice(2);
const { Engine } = require(path.join(examples, '..', '..', 'bindings', 'node'));
const staff = 'operator:anna';

// The webhook: the first post of each message is refused (503), the topic "poison" always is.
function webhook(posts) {
  const seen = new Set();
  return http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const key = request.headers['idempotency-key'];
      const topic = request.headers['x-rma-topic'];
      const status = topic === 'poison' || !seen.has(key) ? 503 : 200;
      seen.add(key);
      posts.push({ key, topic, status, body: JSON.parse(body) });
      response.writeHead(status).end();
    });
  });
}

async function consume(database, url) {
  const example = path.join(examples, 'outbox_webhook.js');
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath,
      [example, '--attempts=3', '--backoff-ms=20', database, url]);
    return [0, stdout + stderr];
  } catch (error) {
    return [error.code, error.stdout + error.stderr];
  }
}

async function main() {
  fs.mkdirSync(work, { recursive: true });
  const database = path.join(work, 'outbox.db');
  for (const file of [database, `${database}-wal`, `${database}-shm`]) fs.rmSync(file, { force: true });

  let engine = new Engine(database);
  engine.callSync(staff, 'customer.upsert', { id: 'C1', name: 'Acme Srl' });
  const c = engine.callSync(staff, 'case.create', { kind: 'return', channel: 'b2b', customer_id: 'C1',
    lines: [{ sku: 'KETTLE-1', quantity: 1, reason_code: 'DOA' }] });
  for (const amount of [2990, 1500, 750]) {
    engine.callSync(staff, 'outbox.post', { case_id: c.id, topic: 'credit_note.request',
      payload: { amount_minor: amount, currency: 'EUR' } });
  }
  await engine.close();

  const posts = [];
  const server = webhook(posts);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/rma`;
  try {
    let [code, output] = await consume(database, url);
    assert.equal(code, 0, output);
    assert.match(output, /delivered 3, outbox empty/);
    assert.deepEqual(posts.map((p) => [p.key, p.status]), [
      ['rma-outbox-1', 503], ['rma-outbox-1', 200], ['rma-outbox-2', 503], ['rma-outbox-2', 200],
      ['rma-outbox-3', 503], ['rma-outbox-3', 200]]);
    assert.deepEqual(posts[1].body.payload, { amount_minor: 2990, currency: 'EUR' });
    assert.equal(posts[1].topic, 'credit_note.request');

    engine = new Engine(database);
    assert.deepEqual(engine.callSync(staff, 'outbox.fetch').messages, [], 'delivered messages were not acknowledged');
    // A message the webhook refuses keeps itself and the one after it in the outbox.
    engine.callSync(staff, 'outbox.post', { case_id: c.id, topic: 'poison', payload: { n: 1 } });
    engine.callSync(staff, 'outbox.post', { case_id: c.id, topic: 'credit_note.request', payload: { n: 2 } });
    [code, output] = await consume(database, url);
    assert.equal(code, 1, output);
    assert.match(output, /message 4 failed 3 times/);
    assert.deepEqual(engine.callSync(staff, 'outbox.fetch').messages.map((m) => m.seq), [4, 5]);
    assert.equal(posts.filter((p) => p.key === 'rma-outbox-4').length, 3);
    assert.ok(!posts.some((p) => p.key === 'rma-outbox-5'), 'message 5 was posted past the failed 4');
    await engine.close();

    // No webhook at all: nothing acknowledged.
    [code, output] = await consume(database, 'http://127.0.0.1:1/rma');
    assert.equal(code, 1, output);
  } finally {
    server.close();
  }
  console.log('3 messages delivered after one retry each and acknowledged; a refused one kept in order');
  console.log('node outbox webhook done');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
