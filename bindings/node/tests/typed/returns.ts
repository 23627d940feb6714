// A typed host: requests, answers and events checked against the types of docs/schemas.
import { Engine, NotFoundError, type CaseCreateRequest, type RmaEvent } from '../..';

export async function openReturn(engine: Engine, customer: string): Promise<string> {
  const request: CaseCreateRequest = {
    kind: 'return',
    channel: 'b2c',
    customer_id: customer,
    lines: [{ sku: 'KETTLE-1', quantity: 1, reason_code: 'DOA' }],
  };
  const created = await engine.call('operator:anna', 'case.create', request);
  const moved = engine.callSync('operator:anna', 'case.transition', { case_id: created.id, transition: 'authorize' });
  const stats = await engine.call('operator:anna', 'engine.stats');
  const lines: number = moved.lines?.length ?? 0;
  return `${moved.number} ${moved.status} ${stats.cases} ${lines}`;
}

export function listen(engine: Engine): number {
  return engine.subscribe((event: RmaEvent) => {
    if (event.type === 'case.transitioned') {
      const at: string = event.at;
      return at;
    }
    return null;
  });
}

export async function find(engine: Engine, id: number): Promise<string | null> {
  try {
    return (await engine.call('customer:C1', 'case.get', { case_id: id })).status;
  } catch (error) {
    if (error instanceof NotFoundError) return `${error.code} ${error.field}`;
    throw error;
  }
}
