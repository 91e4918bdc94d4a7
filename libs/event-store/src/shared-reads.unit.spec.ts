import { randomUUID } from 'crypto';
import { InMemoryEventStore } from './memory/in-memory-event-store';
import { SharedReads } from './shared-reads';

describe('SharedReads', () => {
  async function setup() {
    const store = new InMemoryEventStore();
    for (const stream of ['ledger-1', 'outcome-1', 'ledger-2'])
      await store.appendToStream(
        stream,
        [{ eventId: randomUUID(), type: 't', data: {} }],
        'no_stream',
      );
    const readAll = jest.spyOn(store, 'readAll');
    return { store, readAll, reads: new SharedReads(store) };
  }

  it('serves overlapping identical reads with one read of the store', async () => {
    const { readAll, reads } = await setup();
    const a = reads.readAll(null, 10, { categories: ['ledger', 'outcome'] });
    const b = reads.readAll(null, 10, { categories: ['outcome', 'ledger'] });
    expect(await b).toBe(await a);
    expect((await a).events).toHaveLength(3);
    expect(readAll).toHaveBeenCalledTimes(1);
    // Not the same read: another checkpoint, limit or set of categories.
    await Promise.all([
      reads.readAll(null, 10, { categories: ['ledger'] }),
      reads.readAll(null, 5, { categories: ['ledger', 'outcome'] }),
      reads.readAll((await a).events[0].checkpoint, 10, { categories: ['ledger', 'outcome'] }),
    ]);
    expect(readAll).toHaveBeenCalledTimes(4);
  });

  it('does not share a finished read, nor one that started before an announced append', async () => {
    const { store, readAll, reads } = await setup();
    await reads.readAll(null, 10);
    await reads.readAll(null, 10);
    expect(readAll).toHaveBeenCalledTimes(2);
    const before = reads.readAll(null, 10);
    await store.appendToStream(
      'ledger-3',
      [{ eventId: randomUUID(), type: 't', data: {} }],
      'no_stream',
    );
    reads.announce();
    const after = reads.readAll(null, 10);
    expect(readAll).toHaveBeenCalledTimes(4);
    expect((await after).events).toHaveLength(4);
    await before;
  });

  it('passes a failed read to every sharer and forgets it', async () => {
    const { readAll, reads } = await setup();
    readAll.mockRejectedValueOnce(new Error('connection lost'));
    const a = reads.readAll(null, 10);
    const b = reads.readAll(null, 10);
    await expect(a).rejects.toThrow('connection lost');
    await expect(b).rejects.toThrow('connection lost');
    await expect(reads.readAll(null, 10)).resolves.toMatchObject({ events: expect.any(Array) });
    expect(readAll).toHaveBeenCalledTimes(2);
  });

  it('offers backlog only when the store does, and leaves the store open', async () => {
    const { store, reads } = await setup();
    expect(typeof reads.backlog === 'function').toBe(typeof store.backlog === 'function');
    const close = jest.spyOn(store, 'close');
    await reads.close();
    expect(close).not.toHaveBeenCalled();
  });
});
