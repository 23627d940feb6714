// Each line marked "expected error" must fail to compile: tests/types.test.js checks that tsc
// reports exactly these lines.
import { Engine } from '../..';

export async function mistakes(engine: Engine): Promise<void> {
  await engine.call('operator:anna', 'case.create', {
    kind: 'return',
    channel: 'b2c',
    customer_id: 'C1',
    lines: [{ sku: 'KETTLE-1', quantity: 1, reason_cod: 'DOA' }], // expected error
  });
  const c = await engine.call('operator:anna', 'case.get', { case_id: 1 });
  const status: string = c.stauts; // expected error
  await engine.call('operator:anna', 'case.gett', { case_id: 1 }); // expected error
  await engine.call('operator:anna', 'case.create', { kind: 'refund', lines: [] }); // expected error
  await engine.call('operator', 'engine.stats'); // expected error
  engine.callSync('operator:anna', 'case.transition', { case_id: 1 }); // expected error
  void status;
}
