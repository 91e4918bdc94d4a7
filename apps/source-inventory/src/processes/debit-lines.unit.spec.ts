import {
  InMemoryEventStore,
  type EventStore,
  type NewEvent,
  type ExpectedVersion,
} from '@inventory/event-store';
import { CommandBus, EventPipeline } from '@inventory/service-kit';
import { SourceCatalog } from '../sources/source-catalog';
import { SourceItemsApp } from '../source-items/source-items.app';
import { processKey, sourceItemStream } from '../domain';
import { debitLines } from './debit-lines';

const actor = { type: 'system' as const, id: 'test' };

/** A store that lets the test act as a concurrent writer right before chosen appends. */
function racingStore(
  inner: EventStore,
  beforeAppend: (stream: string) => Promise<void>,
): EventStore {
  return {
    readStream: (s, o) => inner.readStream(s, o),
    readAll: (a, l, o) => inner.readAll(a, l, o),
    close: () => inner.close(),
    async appendToStream(stream: string, events: readonly NewEvent[], expected: ExpectedVersion) {
      await beforeAppend(stream);
      return inner.appendToStream(stream, events, expected);
    },
  };
}

function setup(beforeAppend: (stream: string) => Promise<void> = async () => undefined) {
  const inner = new InMemoryEventStore();
  const store = racingStore(inner, (s) => beforeAppend(s));
  const bus = new CommandBus(store, { notify: () => undefined } as unknown as EventPipeline);
  const catalog = new SourceCatalog(bus);
  catalog.remember('wh');
  // Another process writing the same streams (its own queue, so it is not serialized with ours).
  const other = new SourceItemsApp(
    new CommandBus(inner, { notify: () => undefined } as unknown as EventPipeline),
    catalog,
  );
  return { inner, bus, other, app: new SourceItemsApp(bus, catalog) };
}

async function stock(app: SourceItemsApp, sku: string, quantity: number) {
  await app.save([{ source_code: 'wh', sku, quantity, status: 1 }], actor);
}

const plan = (app: SourceItemsApp, lines: Array<[string, number]>) => ({
  debits: lines.map(([sku, qty]) =>
    app.command(
      'deduct_for_shipment',
      { source_code: 'wh', sku },
      { shipment_id: 'S1', qty },
      actor,
    ),
  ),
  compensate: (d: ReturnType<SourceItemsApp['command']>) =>
    app.command('revert_deduction', d, { shipment_id: 'S1' }, actor),
  compensated: (s: { processed: { has(k: string): boolean } }) =>
    s.processed.has(processKey.revert('S1')),
});

describe('debitLines (all lines or none, single-stream appends)', () => {
  it('debits every line when all are available', async () => {
    const { app } = setup();
    await stock(app, 'A', 5);
    await stock(app, 'B', 5);
    expect(
      await debitLines(
        app,
        plan(app, [
          ['A', 2],
          ['B', 5],
        ]),
      ),
    ).toEqual({ ok: true });
    expect((await app.state({ source_code: 'wh', sku: 'A' })).quantity).toBe(3 * 10000);
    expect((await app.state({ source_code: 'wh', sku: 'B' })).quantity).toBe(0);
  });

  it('rejects without writing anything when a line is short at the start', async () => {
    const { app, inner } = setup();
    await stock(app, 'A', 5);
    await stock(app, 'B', 1);
    const outcome = await debitLines(
      app,
      plan(app, [
        ['A', 2],
        ['B', 3],
      ]),
    );
    expect(outcome).toEqual({
      ok: false,
      errors: [{ sku: 'B', requested: '3.0000', available: '1.0000' }],
    });
    expect(await inner.readStream(sourceItemStream('wh', 'A'))).toHaveLength(1);
  });

  it('gives back the earlier lines when a concurrent change makes a later one fail', async () => {
    let raced = true;
    const { app, other } = setup(async (stream) => {
      // Right before B is debited, another process takes B's stock away.
      if (stream === sourceItemStream('wh', 'B') && !raced) {
        raced = true;
        await other.save([{ source_code: 'wh', sku: 'B', quantity: 0, status: 1 }], actor);
      }
    });
    await stock(app, 'A', 5);
    await stock(app, 'B', 5);
    raced = false;
    const outcome = await debitLines(
      app,
      plan(app, [
        ['A', 2],
        ['B', 3],
      ]),
    );
    expect(outcome.ok).toBe(false);
    const a = await app.state({ source_code: 'wh', sku: 'A' });
    expect(a.quantity).toBe(5 * 10000);
    expect(a.processed.has(processKey.revert('S1'))).toBe(true);
    // A rerun (a redelivered command) finishes the rollback instead of deducting again.
    expect(
      (
        await debitLines(
          app,
          plan(app, [
            ['A', 2],
            ['B', 3],
          ]),
        )
      ).ok,
    ).toBe(false);
    expect((await app.state({ source_code: 'wh', sku: 'A' })).quantity).toBe(5 * 10000);
  });
});
