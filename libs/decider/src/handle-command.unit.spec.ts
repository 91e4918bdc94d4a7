import { randomUUID } from 'crypto';
import { InMemoryEventStore, type EventStore } from '@inventory/event-store';
import { eventIdFor } from './event-ids';
import { ConcurrencyConflictError, handleCommand, type CommandStore } from './handle-command';
import { stockLedger, type LedgerEvent } from './stock-ledger.fixture';

const STREAM = 'ledger-sku1';
const received = (qty: number): LedgerEvent => ({ type: 'StockReceived', qty });
const reserve = (orderId: string, qty: number) => ({ type: 'ReserveStock' as const, orderId, qty });

/** Lets a test run something right before each of the handler's appends (a concurrent writer). */
function racing(
  store: EventStore,
  before: (attempt: number) => Promise<void>,
): CommandStore & { appends: number } {
  return {
    appends: 0,
    readStream: (stream, options) => store.readStream(stream, options),
    async appendToStream(stream, events, expected) {
      await before(++this.appends);
      return store.appendToStream(stream, events, expected);
    },
  };
}

/** Writes events as another writer would, bypassing the handler. */
async function seed(store: EventStore, ...events: LedgerEvent[]): Promise<void> {
  const current = (await store.readStream(STREAM)).length - 1;
  await store.appendToStream(
    STREAM,
    events.map((e) => ({ eventId: randomUUID(), type: e.type, data: e })),
    current < 0 ? 'no_stream' : current,
  );
}

describe('handleCommand', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });

  it('creates the stream with no_stream and returns the events and new state', async () => {
    const result = await handleCommand(
      store,
      STREAM,
      { type: 'ReceiveStock', qty: 5 },
      stockLedger,
    );

    expect(result).toEqual({
      status: 'appended',
      events: [received(5)],
      state: { available: 5, orders: [] },
      streamVersion: 0,
      attempts: 1,
    });
    const [stored] = await store.readStream(STREAM);
    expect(stored).toMatchObject({ type: 'StockReceived', data: received(5), metadata: {} });
  });

  it('decides on the folded stream and appends with the loaded version', async () => {
    await seed(store, received(4), received(1));
    const spy = jest.spyOn(store, 'appendToStream');

    const result = await handleCommand(store, STREAM, reserve('o1', 5), stockLedger);

    expect(spy).toHaveBeenCalledWith(STREAM, expect.any(Array), 1);
    expect(result).toMatchObject({
      status: 'appended',
      state: { available: 0, orders: ['o1'] },
      streamVersion: 2,
    });
  });

  it('propagates domain errors and appends nothing', async () => {
    await expect(handleCommand(store, STREAM, reserve('o1', 1), stockLedger)).rejects.toMatchObject(
      { code: 'INSUFFICIENT_STOCK' },
    );
    expect(await store.readStream(STREAM)).toEqual([]);
  });

  it('appends nothing when the decider returns no events', async () => {
    await seed(store, received(2), { type: 'StockReserved', orderId: 'o1', qty: 1 });
    const spy = jest.spyOn(store, 'appendToStream');

    const result = await handleCommand(store, STREAM, reserve('o1', 1), stockLedger);

    expect(result).toMatchObject({ status: 'unchanged', events: [], streamVersion: 1 });
    expect(spy).not.toHaveBeenCalled();
  });

  it('re-reads and decides again on the fresh state after a version conflict', async () => {
    await seed(store, received(2));
    const concurrent = racing(store, async (attempt) => {
      if (attempt === 1) await seed(store, { type: 'StockReserved', orderId: 'other', qty: 2 });
    });

    await expect(
      handleCommand(concurrent, STREAM, reserve('o1', 2), stockLedger),
    ).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(concurrent.appends).toBe(1);
  });

  it('succeeds on a later attempt when the fresh state still allows the command', async () => {
    await seed(store, received(5));
    const concurrent = racing(store, async (attempt) => {
      if (attempt === 1) await handleCommand(store, STREAM, reserve('other', 1), stockLedger);
    });

    const result = await handleCommand(concurrent, STREAM, reserve('o1', 2), stockLedger);

    expect(result).toMatchObject({
      status: 'appended',
      attempts: 2,
      state: { available: 2, orders: ['other', 'o1'] },
    });
  });

  it('gives up after maxRetries with CONCURRENCY_CONFLICT caused by the last conflict', async () => {
    await seed(store, received(100));
    const concurrent = racing(store, async () => {
      await handleCommand(store, STREAM, { type: 'ReceiveStock', qty: 1 }, stockLedger);
    });

    const error = await handleCommand(concurrent, STREAM, reserve('o1', 1), stockLedger, {
      maxRetries: 2,
    }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      kind: 'conflict',
      details: { streamName: STREAM, attempts: 3 },
    });
    expect((error as Error).cause).toMatchObject({ code: 'WRONG_EXPECTED_VERSION' });
    expect(concurrent.appends).toBe(3);
  });

  it('does not retry other store errors', async () => {
    const failing = racing(store, async () => {
      throw new Error('connection reset');
    });

    await expect(
      handleCommand(failing, STREAM, { type: 'ReceiveStock', qty: 1 }, stockLedger),
    ).rejects.toThrow('connection reset');
    expect(failing.appends).toBe(1);
  });

  it('derives event ids from the command id and records it as the causation', async () => {
    await handleCommand(store, STREAM, { type: 'ReceiveStock', qty: 1 }, stockLedger, {
      commandId: 'cmd-1',
      metadata: { correlationId: 'order-7' },
    });

    const [stored] = await store.readStream(STREAM);
    expect(stored.eventId).toBe(eventIdFor('cmd-1', 0));
    expect(stored.metadata).toEqual({ causationId: 'cmd-1', correlationId: 'order-7' });
  });

  it('answers a redelivered command with its earlier events, without deciding again', async () => {
    await seed(store, received(1));
    const receive = { type: 'ReceiveStock' as const, qty: 2 };
    const first = await handleCommand(store, STREAM, receive, stockLedger, { commandId: 'cmd-9' });

    // Deciding again would receive the stock a second time.
    const again = await handleCommand(store, STREAM, receive, stockLedger, { commandId: 'cmd-9' });

    expect(again).toEqual({ ...first, status: 'already_applied' });
    expect(await store.readStream(STREAM)).toHaveLength(2);
  });

  it('reports already_applied when a concurrent delivery of the same command wins the append', async () => {
    const duplicate = racing(store, async (attempt) => {
      if (attempt === 1)
        await handleCommand(store, STREAM, { type: 'ReceiveStock', qty: 3 }, stockLedger, {
          commandId: 'cmd-dup',
        });
    });

    const result = await handleCommand(
      duplicate,
      STREAM,
      { type: 'ReceiveStock', qty: 3 },
      stockLedger,
      { commandId: 'cmd-dup' },
    );

    expect(result).toMatchObject({ status: 'already_applied', events: [received(3)], attempts: 2 });
    expect(await store.readStream(STREAM)).toHaveLength(1);
  });

  it('uses a custom codec', async () => {
    await handleCommand(store, STREAM, { type: 'ReceiveStock', qty: 2 }, stockLedger, {
      encode: (event) => ({
        type: `ledger.${event.type}.v1`,
        data: { ...event, type: undefined },
        metadata: { schemaVersion: 1 },
      }),
      decode: (recorded) =>
        ({ ...(recorded.data as object), type: recorded.type.split('.')[1] }) as LedgerEvent,
    });

    const [stored] = await store.readStream(STREAM);
    expect(stored).toMatchObject({
      type: 'ledger.StockReceived.v1',
      data: { qty: 2 },
      metadata: { schemaVersion: 1 },
    });
    const next = await handleCommand(store, STREAM, reserve('o1', 2), stockLedger, {
      decode: (recorded) =>
        ({ ...(recorded.data as object), type: recorded.type.split('.')[1] }) as LedgerEvent,
      encode: (event) => ({ type: `ledger.${event.type}.v1`, data: event }),
    });
    expect(next.state).toEqual({ available: 0, orders: ['o1'] });
  });

  it('rejects a negative maxRetries', async () => {
    await expect(
      handleCommand(store, STREAM, { type: 'ReceiveStock', qty: 1 }, stockLedger, {
        maxRetries: -1,
      }),
    ).rejects.toThrow(TypeError);
  });
});
