import { randomUUID } from 'crypto';
import { Pool } from 'pg';
import { GroupCommitter, PostgresEventStore } from '@inventory/event-store';
import { parseQuantity } from '@inventory/kernel';
import {
  DEFAULT_INVENTORY_CONFIGURATION,
  effectiveConfig,
  type StockLevel,
} from '@inventory/salability';
import type { EventPipeline } from '@inventory/service-kit';
import { ledgerStream, type LedgerOp } from '../domain';
import type { ReserveOp } from './ledger-writer';
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
const reserve = (id: string, qty = 1): ReserveOp => ({
  kind: 'reserve',
  ref: { type: 'order', id },
  qty: parseQuantity(qty),
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

  describe("reserveTogether (an order's lines and its outcome in one commit)", () => {
    const outcome = (id: string) => ({
      streamName: `orderoutcome-${id}`,
      events: [{ eventId: randomUUID(), type: 'order_inventory_reserved', data: { order_id: id } }],
      expected: 'no_stream' as const,
    });
    const together = () => {
      const committer = new GroupCommitter(store);
      return new LedgerWriter(store, pool, pipeline, committer);
    };
    const skus = (n: number) => Array.from({ length: n }, (_, i) => `T${i}-${randomUUID()}`);
    const lines = (list: string[], id: string, qty = 1) =>
      list.map((s) => ({ sku: s, op: reserve(id, qty) }));

    it('appends every line and the outcome atomically, in one statement', async () => {
      const w = together();
      const [x, y] = skus(2);
      for (const s of [x, y]) await w.submit(1, s, reserve(`warm-${s}`));
      let statements = 0;
      const multi = store.appendToStreams.bind(store);
      store.appendToStreams = (appends) => {
        statements++;
        return multi(appends);
      };
      const id = randomUUID();
      expect(await w.reserveTogether(1, lines([x, y], id), outcome(id))).toEqual({
        status: 'committed',
      });
      store.appendToStreams = multi;
      expect(statements).toBe(1);
      for (const s of [x, y]) {
        const events = await store.readStream(ledgerStream(1, s));
        expect(events.map((e) => e.type)).toEqual(['reservation_placed', 'reservation_placed']);
        expect((await w.state(1, s)).state.open.size).toBe(2);
      }
      expect(await store.readStream(`orderoutcome-${id}`)).toHaveLength(1);
      // The kept state moved with it: the next operation appends at the right version.
      expect((await w.submit(1, x, reserve('next'))).status).toBe('reserved');
    });

    it('writes nothing and leaves the order to the general path when it does not apply', async () => {
      const [x, y] = skus(2);
      const id = randomUUID();
      // Not in memory yet (a fresh replica): not tried.
      expect(await together().reserveTogether(1, lines([x], id), outcome(id))).toEqual({
        status: 'not_applicable',
      });
      // A line over the salable quantity (50): not tried either, nothing reserved for any line.
      const w = together();
      for (const s of [x, y]) await w.submit(1, s, reserve(`warm-${s}`));
      const big = [
        { sku: x, op: reserve(id) },
        { sku: y, op: reserve(id, 60) },
      ];
      expect(await w.reserveTogether(1, big, outcome(id))).toEqual({ status: 'not_applicable' });
      // Without a group committer (the CLI): never.
      expect(await writer().reserveTogether(1, lines([x], id), outcome(id))).toEqual({
        status: 'not_applicable',
      });
      for (const s of [x, y]) expect(await store.readStream(ledgerStream(1, s))).toHaveLength(1);
      expect(await store.readStream(`orderoutcome-${id}`)).toHaveLength(0);
    });

    it('commits nothing when another replica moved a ledger on, or the order has an outcome', async () => {
      const [x, y] = skus(2);
      const [a, b] = [together(), together()];
      for (const s of [x, y]) await a.submit(1, s, reserve(`warm-${s}`));
      // Replica b reserves 49 units of y: a's kept copy of y is stale, only 0 are left.
      expect((await b.submit(1, y, reserve('b', 49))).status).toBe('reserved');
      const id = randomUUID();
      expect(await a.reserveTogether(1, lines([x, y], id), outcome(id))).toEqual({
        status: 'stale',
        streamName: ledgerStream(1, y),
      });
      expect(await store.readStream(ledgerStream(1, x))).toHaveLength(1);
      expect(await store.readStream(`orderoutcome-${id}`)).toHaveLength(0);
      // The general path reads y afresh and refuses: nothing oversold.
      expect((await a.submit(1, y, reserve(id))).status).toBe('rejected');

      const settled = randomUUID();
      await store.appendToStream(`orderoutcome-${settled}`, outcome(settled).events, 'no_stream');
      expect(await a.reserveTogether(1, lines([x], settled), outcome(settled))).toEqual({
        status: 'stale',
        streamName: `orderoutcome-${settled}`,
      });
      expect(await store.readStream(ledgerStream(1, x))).toHaveLength(1);
      // The ledger is free again for what comes next.
      expect((await a.submit(1, x, reserve('after'))).status).toBe('reserved');
    });

    it('a read of the ledger outside its queue does not bring back the state a commit replaced', async () => {
      const w = together();
      const [x] = skus(1);
      await w.submit(1, x, reserve(`warm-${x}`));
      const stream = ledgerStream(1, x);
      // The next read of x waits until the fast path committed an order on it.
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      const readStream = store.readStream.bind(store);
      store.readStream = async (name, options) => {
        const events = await readStream(name, options);
        if (name === stream) await gate;
        return events;
      };
      const reading = w.state(1, x);
      await new Promise((r) => setTimeout(r, 20));
      const id = randomUUID();
      expect(await w.reserveTogether(1, lines([x], id, 2), outcome(id))).toEqual({
        status: 'committed',
      });
      open();
      await reading;
      store.readStream = readStream;
      const kept = await w.state(1, x);
      const fresh = await writer().state(1, x);
      expect(kept.version).toBe(fresh.version);
      expect(kept.state.orders).toBe(fresh.state.orders);
      expect(kept.state.open.size).toBe(2);
      const entries = (k: typeof kept) =>
        [...(k.state.open as Map<string, unknown>).entries()].sort(([a], [b]) =>
          a.localeCompare(b),
        );
      expect(entries(kept)).toEqual(entries(fresh));
    });
  });
});
