'use strict';
// librma inside a Node shop (an Express or Fastify app, a Shopify app's backend): the shop owns
// the orders, the customer's "My account" pages and the e-mails; librma owns the returns.
//
// - onOrderStatusChanged() is the order-status hook (a Shopify `orders/fulfilled` webhook, a
//   WooCommerce REST webhook): a completed order is fed to librma as a sales document, so that
//   returns are bounded by what was sold and the warranty knows the sale.
// - handleReturnRequest() is the return-request form handler (the POST of "Request a return" on
//   an order page): it turns the form into case.create as the customer and answers what the page
//   shows, the RMA number or the form's errors next to their fields.
// - listen() carries librma's events back to the shop: order notes for the customer and the
//   e-mails librma asks for.
//
// Every command is awaited: it runs on librma's thread pool and the shop's event loop keeps
// serving other requests meanwhile.
//
// usage: node shop_returns.js   (runs a short story and checks it; tests/node runs it)
const { createHash } = require('node:crypto');
const assert = require('node:assert/strict');
const { Engine, RmaError, ValidationError } = require('../../bindings/node'); // require('librma') in a shop

class ShopReturnsModule {
  constructor(rma, orders) {
    this.rma = rma;
    this.orders = orders; // the shop's orders table, by order id
    this.outgoing = []; // what the shop would have sent: order notes and e-mails
  }

  // The shop's customer id as librma's: one namespace per shop.
  static customerId(shopCustomer) {
    return `SHOP-${shopCustomer}`;
  }

  async onOrderStatusChanged(orderId, from, to) {
    const order = this.orders.get(orderId);
    order.status = to;
    if (to !== 'completed') return;
    const customer = ShopReturnsModule.customerId(order.customerId);
    await this.rma.call('system:shop', 'customer.upsert', {
      id: customer, name: order.billingName, email: order.billingEmail, language: 'it',
    });
    const document = {
      id: `SHOP-${orderId}`, date: order.date, delivery_date: order.delivered, customer_id: customer,
      channel: 'b2c', distance_sale: true, currency: order.currency, jurisdiction: order.country,
      lines: [...order.lines].map(([lineNo, line]) => ({
        line_no: lineNo, sku: line.sku, quantity: line.qty, unit_price: line.priceMinor, vat_rate_bp: line.vatBp,
        serials: line.serial === '' ? [] : [line.serial],
      })),
    };
    const report = await this.rma.import('system:shop', {
      kind: 'sales_documents', format: 'jsonl', content: JSON.stringify(document),
    });
    if (!report.committed) throw new Error(`order ${orderId} was not fed to librma: ${JSON.stringify(report.errors)}`);
  }

  // post: the form, {order_id, qty: {line: n}, reason: {line: code}, comment}.
  async handleReturnRequest(shopCustomer, post) {
    const orderId = Number(post.order_id ?? 0);
    const order = this.orders.get(orderId);
    // The shop's own rule: a customer returns from its own completed orders only.
    if (order === undefined || order.customerId !== shopCustomer || order.status !== 'completed') {
      return { ok: false, errors: { order_id: 'Choose one of your delivered orders.' } };
    }
    const lines = [];
    const formField = []; // librma's lines[i] back to the form's qty[line]
    for (const [lineNo, qty] of Object.entries(post.qty ?? {})) {
      const line = order.lines.get(Number(lineNo));
      if (Number(qty) === 0 || line === undefined) continue;
      formField.push(`qty[${lineNo}]`);
      lines.push({
        sku: line.sku,
        serial: line.serial,
        quantity: Number(qty),
        reason_code: post.reason?.[lineNo] ?? 'changed_mind',
        defect_description: post.comment ?? '',
        sales_document: { document: `SHOP-${orderId}`, line: Number(lineNo) },
      });
    }
    if (lines.length === 0) return { ok: false, errors: { qty: 'Choose at least one item to return.' } };
    let created;
    try {
      created = await this.rma.call(`customer:${ShopReturnsModule.customerId(shopCustomer)}`, 'case.create', {
        kind: 'return', channel: 'b2c', lines,
        // A form sent twice (a double click, a reload) opens one case.
        idempotency_key: `shop-return-${createHash('sha256').update(JSON.stringify([orderId, lines])).digest('hex')}`,
      });
    } catch (error) {
      if (error instanceof ValidationError) {
        // lines[0].quantity -> qty[2]: the error goes next to the field the customer typed in.
        const m = /^lines\[(\d+)\]/.exec(error.field);
        return { ok: false, errors: { [m === null ? 'form' : formField[Number(m[1])] ?? 'qty']: error.message } };
      }
      if (error instanceof RmaError) { // a conflict, storage: nothing the customer can fix
        console.error(`return request failed: ${error.code} ${error.message}`);
        return { ok: false, errors: { form: 'We could not record your request; please try again.' } };
      }
      throw error;
    }
    (order.returns ??= []).push(created.number);
    return { ok: true, number: created.number };
  }

  // librma -> shop: a note on the order when its return moves, the e-mails librma asks for.
  listen() {
    this.rma.subscribe((event) => {
      if (event.type === 'notification.requested') {
        this.outgoing.push(`mail ${event.data.template} for ${event.case_number}`);
      } else if (event.type === 'case.transitioned') {
        // The note says only what the customer may read: the case's number and new status.
        for (const [orderId, order] of this.orders) {
          if (order.returns?.includes(event.case_number)) {
            this.outgoing.push(`note on order ${orderId}: return ${event.case_number} is now ${event.data.to}`);
          }
        }
      }
    });
  }
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// The story: order 1001 is delivered, its customer asks to return too many mugs, then the kettle;
// the shop's staff authorize the return in their back office.
async function main() {
  const orders = new Map([[1001, {
    customerId: 7, billingName: 'Mario Rossi', billingEmail: 'mario.rossi@example.it', status: 'processing',
    date: day(-6), delivered: day(-3), currency: 'EUR', country: 'IT',
    lines: new Map([
      [1, { sku: 'KETTLE-17', qty: 1, priceMinor: 3990, vatBp: 2200, serial: 'KT17-000123' }],
      [2, { sku: 'MUG-SET-2', qty: 2, priceMinor: 1250, vatBp: 2200, serial: '' }],
    ]),
  }]]);
  const engine = await Engine.open(':memory:');
  const shop = new ShopReturnsModule(engine, orders);
  shop.listen();

  const early = await shop.handleReturnRequest(7, { order_id: '1001', qty: { 1: '1' } });
  assert.ok(!early.ok && early.errors.order_id, 'an order not yet delivered accepted a return');

  await shop.onOrderStatusChanged(1001, 'processing', 'completed');
  console.log('order 1001 completed: fed to librma as sales document SHOP-1001');

  const tooMany = await shop.handleReturnRequest(7, { order_id: '1001', qty: { 2: '3' }, reason: { 2: 'changed_mind' } });
  assert.ok(!tooMany.ok && tooMany.errors['qty[2]'], `three mugs of two: ${JSON.stringify(tooMany)}`);
  console.log(`form error next to qty[2]: ${tooMany.errors['qty[2]']}`);

  const someoneElse = await shop.handleReturnRequest(8, { order_id: '1001', qty: { 1: '1' } });
  assert.ok(!someoneElse.ok, "another customer's order accepted a return");

  const form = { order_id: '1001', qty: { 1: '1', 2: '0' }, reason: { 1: 'defective' }, comment: 'Non scalda più dopo tre giorni.' };
  const accepted = await shop.handleReturnRequest(7, form);
  assert.ok(accepted.ok, `the kettle return was refused: ${JSON.stringify(accepted)}`);
  assert.deepEqual(await shop.handleReturnRequest(7, form), accepted, 'the form sent twice opened two cases');
  console.log(`return requested: ${accepted.number} (the same number when the form is sent again)`);

  // Back office: staff authorize it; the customer's order gets a note and librma asks for a mail.
  const c = await engine.call('operator:shop-admin', 'case.get', { number: accepted.number });
  assert.equal(c.lines[0].purchase_date, orders.get(1001).date, 'the case does not know the sale');
  await engine.call('operator:shop-admin', 'case.transition', { case_id: c.id, transition: 'authorize' });
  for (const message of shop.outgoing) console.log(`  ${message}`);
  assert.ok(shop.outgoing.includes(`note on order 1001: return ${accepted.number} is now authorized`), 'no order note');
  assert.ok(shop.outgoing.some((m) => m.startsWith('mail ')), 'no mail asked for');
  await engine.close();
  console.log('shop returns example done');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
