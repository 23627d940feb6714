'use strict';
// An outbox consumer: posts each message of librma's outbox to a webhook, in order, and
// acknowledges it only after the webhook answered 2xx. A failed post is retried with a growing
// pause; a message that still fails stops the run (the messages after it wait, so the receiver
// sees them in order) and the script exits 1, for cron or a supervisor to run it again later.
// Delivery is at least once: a crash between the 2xx and the ack posts that message again, so
// each post carries an Idempotency-Key the receiver can use to drop a repeat.
//
// usage: node outbox_webhook.js DATABASE WEBHOOK_URL [--attempts=5] [--backoff-ms=500]
const { parseArgs } = require('node:util');
const { setTimeout: sleep } = require('node:timers/promises');
const { Engine } = require('../../bindings/node'); // require('librma') in a host

const ACTOR = 'system:outbox-webhook';

// The HTTP status (0 when no answer came) and a word on it.
async function post(url, message) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': `rma-outbox-${message.seq}`,
        'X-Rma-Topic': message.topic,
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer(); // read to the end, so the connection can be reused
    return [response.status, `HTTP ${response.status} ${response.statusText}`];
  } catch (error) {
    return [0, error.cause?.message ?? error.message];
  }
}

// Posts one message until a 2xx or the last attempt; true when delivered.
async function deliver(url, message, attempts, backoffMs) {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [status, answer] = await post(url, message);
    if (status >= 200 && status < 300) return true;
    console.error(`message ${message.seq} (${message.topic}), attempt ${attempt} of ${attempts}: ${answer}`);
    if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
  }
  return false;
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { attempts: { type: 'string', default: '5' }, 'backoff-ms': { type: 'string', default: '500' } },
  });
  if (positionals.length !== 2) {
    console.error('usage: node outbox_webhook.js DATABASE WEBHOOK_URL [--attempts=5] [--backoff-ms=500]');
    return 2;
  }
  const [database, url] = positionals;
  const attempts = Math.max(1, Number.parseInt(values.attempts, 10) || 1);
  const backoffMs = Math.max(0, Number.parseInt(values['backoff-ms'], 10) || 0);

  const engine = await Engine.open(database);
  try {
    let delivered = 0;
    for (;;) {
      const { messages } = await engine.call(ACTOR, 'outbox.fetch', { limit: 100 });
      if (messages.length === 0) break;
      for (const message of messages) {
        if (!(await deliver(url, message, attempts, backoffMs))) {
          console.log(`delivered ${delivered}; message ${message.seq} failed ${attempts} times, it and the rest wait`);
          return 1;
        }
        await engine.call(ACTOR, 'outbox.ack', { seqs: [message.seq] });
        delivered++;
      }
    }
    console.log(`delivered ${delivered}, outbox empty`);
    return 0;
  } finally {
    await engine.close();
  }
}

main().then((code) => {
  process.exitCode = code;
}, (error) => {
  console.error(error);
  process.exitCode = 1;
});
