import type { EventStore } from '../port/event-store';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { collectAll, newEvent } from '../testing/contract/helpers';
import { multiStreamAppendContract } from '../testing/contract/multi-stream-append.contract';
import { InMemoryEventStore } from './in-memory-event-store';

describeEventStoreContract(
  'InMemoryEventStore',
  async () => ({ store: new InMemoryEventStore() }),
  { multiStreamAppend: true, backlog: true },
);

describe('a store without appendToStreams', () => {
  // Registers the placeholder an adapter without the capability gets (e.g. KurrentDB by default).
  const inner = new InMemoryEventStore();
  const singleStreamOnly: EventStore = {
    appendToStream: (...args) => inner.appendToStream(...args),
    readStream: (...args) => inner.readStream(...args),
    readAll: (...args) => inner.readAll(...args),
    close: () => inner.close(),
  };
  multiStreamAppendContract({
    store: () => singleStreamOnly,
    hooks: {},
    collect: (categories, count, options) =>
      collectAll(singleStreamOnly, categories, count, options),
  });
});

describe('InMemoryEventStore specifics', () => {
  it('rejects an event id already stored in another stream with EVENT_ID_CONFLICT', async () => {
    const store = new InMemoryEventStore();
    const event = newEvent();
    await store.appendToStream('order-1', [event], 'no_stream');

    await expect(store.appendToStream('order-2', [event], 'no_stream')).rejects.toMatchObject({
      code: 'EVENT_ID_CONFLICT',
      conflictingEventIds: [event.eventId],
    });
    expect(await store.readStream('order-2')).toEqual([]);
  });

  it('stamps recordedAt from the injected clock and reports stream versions', async () => {
    const at = new Date('2024-01-02T03:04:05.000Z');
    const store = new InMemoryEventStore({ clock: () => at });
    expect(store.streamVersion('order-1')).toBe(-1);

    await store.appendToStream('order-1', [newEvent(), newEvent()], 'no_stream');

    expect(store.streamVersion('order-1')).toBe(1);
    expect((await store.readStream('order-1')).map((e) => e.recordedAt)).toEqual([at, at]);
  });

  it('returns copies, so callers cannot change stored events', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('order-1', [newEvent({ qty: 1 })], 'no_stream');

    const [read] = await store.readStream('order-1');
    (read.data as { qty: number }).qty = 99;

    expect((await store.readStream('order-1'))[0].data).toEqual({ qty: 1 });
  });

  it('refuses to work after close()', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.readStream('order-1')).rejects.toThrow('closed');
  });
});
