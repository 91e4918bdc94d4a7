import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { PostgresEventStore } from '@inventory/event-store';
import { parseQuantity } from '@inventory/kernel';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  effectiveConfig,
  type StockLevel,
} from '@inventory/salability';
import type { EventPipeline } from '@inventory/service-kit';
import type { LedgerOp } from '../domain';
import { LedgerWriter } from './ledger-writer';

const metadata = {
  event_type: 'order_placed',
  object_type: 'order',
  object_id: 'o',
  object_increment_id: '',
};
const level: StockLevel = {
  assigned: true,
  any_in_stock: true,
  aggregated_qty: parseQuantity(50),
  config: effectiveConfig(DEFAULT_INVENTORY_CONFIGURATION, undefined),
};
const reserve = (id: string): LedgerOp => ({
  kind: 'reserve',
  ref: { type: 'order', id },
  qty: parseQuantity(1),
  level,
  metadata,
});
const release = (id: string): LedgerOp => ({
  kind: 'release',
  ref: { type: 'order', id },
  reason: 'order_canceled',
  op_id: 'cancel',
  metadata,
});

/** The ledger writer on real PostgreSQL: batches, two writers racing, bounded reads. */
describe('LedgerWriter', () => {
  const schema = `ledger_${randomUUID().slice(0, 8)}`;
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const store = new PostgresEventStore({ pool, schema });
  const pipeline = { notify: () => undefined } as unknown as EventPipeline;
  const sku = `SKU-${schema}`;
  const writer = () => new LedgerWriter(store, pool, pipeline);

  beforeAll(async () => {
    await store.migrate();
    await writer().onModuleInit();
  });

  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  it('two writers (two replicas) deciding 200 requests for 50 units accept exactly 50', async () => {
    const [a, b] = [writer(), writer()];
    let appends = 0;
    const append = store.appendToStream.bind(store);
    store.appendToStream = (...args) => {
      appends++;
      return append(...args);
    };
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).submit(1, sku, reserve(`o${i}`))),
    );
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(50);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(150);
    store.appendToStream = append;
    expect(await store.readStream(`reservationledger-1/${encodeURIComponent(sku)}`)).toHaveLength(
      50,
    );
    // Batched: far fewer append attempts (conflicts included) than decisions.
    expect(appends).toBeLessThan(50);
  });

  it('reads only what is open since the books were last closed', async () => {
    const w = writer();
    const other = `OTHER-${schema}`;
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => w.submit(1, other, reserve(`r${round}-${i}`))),
      );
      await Promise.all(
        Array.from({ length: 10 }, (_, i) => w.submit(1, other, release(`r${round}-${i}`))),
      );
    }
    const stream = `reservationledger-1/${encodeURIComponent(other)}`;
    expect((await store.readStream(stream)).length).toBe(400);
    // A fresh writer (a restarted replica) reads nothing before the last close.
    const reads: number[] = [];
    const readStream = store.readStream.bind(store);
    store.readStream = async (name, options) => {
      const events = await readStream(name, options);
      if (name === stream) reads.push(events.length);
      return events;
    };
    const fresh = writer();
    const state = await fresh.state(1, other);
    expect(state.state.open.size).toBe(0);
    expect(state.version).toBe(399);
    expect(reads).toEqual([0]);
    expect((await fresh.submit(1, other, reserve('after'))).status).toBe('reserved');
    store.readStream = readStream;
  });
});
