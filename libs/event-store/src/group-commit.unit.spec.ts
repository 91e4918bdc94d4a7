import { randomUUID } from 'crypto';
import { GroupCommitter } from './group-commit';
import { InMemoryEventStore } from './memory/in-memory-event-store';

const event = () => ({ eventId: randomUUID(), type: 'happened', data: {} });

describe('GroupCommitter', () => {
  it('commits appends requested meanwhile together, and fails only the stale one', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('s-2', [event()], 'no_stream');
    let commits = 0;
    const multi = store.appendToStreams.bind(store);
    store.appendToStreams = (appends) => {
      commits++;
      return multi(appends);
    };
    const committer = new GroupCommitter(store, { maxInFlight: 1 });
    const results = await Promise.allSettled([
      committer.append('s-0', [event()], 'no_stream'),
      committer.append('s-1', [event()], 'no_stream'),
      committer.append('s-2', [event()], 'no_stream'), // stale: s-2 exists
      committer.append('s-3', [event(), event()], 'no_stream'),
      committer.append('s-1', [event()], 0), // the same stream waits for the next commit
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      streamName: 's-2',
    });
    expect((await store.readStream('s-1')).length).toBe(2);
    expect((await store.readStream('s-3')).length).toBe(2);
    expect((await store.readStream('s-2')).length).toBe(1);
    // First alone, then the three others (and the retry without s-2), then s-1 again.
    expect(commits).toBeLessThanOrEqual(4);
  });

  it('runs several commits at once, never two holding the same stream', async () => {
    const store = new InMemoryEventStore();
    let running = 0;
    let most = 0;
    const multi = store.appendToStreams.bind(store);
    store.appendToStreams = async (appends) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      try {
        return await multi(appends);
      } finally {
        running--;
      }
    };
    const committer = new GroupCommitter(store, { maxGroup: 2, maxInFlight: 3 });
    await Promise.all(
      Array.from({ length: 18 }, (_, i) =>
        committer.append(`s-${i % 6}`, [event()], i < 6 ? 'no_stream' : Math.floor(i / 6) - 1),
      ),
    );
    expect(most).toBe(3);
    for (let i = 0; i < 6; i++) expect(await store.readStream(`s-${i}`)).toHaveLength(3);
  });

  it('gathers what one turn of the event loop appends into one commit', async () => {
    const store = new InMemoryEventStore();
    const groups: number[] = [];
    const multi = store.appendToStreams.bind(store);
    store.appendToStreams = (appends) => {
      groups.push(appends.length);
      return multi(appends);
    };
    const committer = new GroupCommitter(store, { maxInFlight: 4 });
    // Five appends in one turn, then five more from their continuations (as an order's outcome
    // follows its ledger commit).
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        committer
          .append(`ledger-${i}`, [event()], 'no_stream')
          .then(() => committer.append(`outcome-${i}`, [event()], 'no_stream')),
      ),
    );
    expect(groups).toEqual([5, 5]);
  });

  it('commits appends together: all of them or, when one is stale, none', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('ledger-b', [event()], 'no_stream');
    const groups: number[] = [];
    const multi = store.appendToStreams.bind(store);
    store.appendToStreams = (appends) => {
      groups.push(appends.length);
      return multi(appends);
    };
    const committer = new GroupCommitter(store);
    const [fresh, stale, single] = await Promise.allSettled([
      committer.appendTogether([
        { streamName: 'ledger-a', events: [event()], expected: 'no_stream' },
        { streamName: 'outcome-1', events: [event()], expected: 'no_stream' },
      ]),
      committer.appendTogether([
        { streamName: 'ledger-c', events: [event()], expected: 'no_stream' },
        { streamName: 'ledger-b', events: [event()], expected: 'no_stream' }, // stale
        { streamName: 'outcome-2', events: [event()], expected: 'no_stream' },
      ]),
      committer.append('ledger-d', [event()], 'no_stream'),
    ]);
    expect(fresh).toMatchObject({
      status: 'fulfilled',
      value: [{ nextExpectedVersion: 0 }, { nextExpectedVersion: 0 }],
    });
    expect(stale).toMatchObject({
      status: 'rejected',
      reason: { code: 'WRONG_EXPECTED_VERSION', streamName: 'ledger-b' },
    });
    expect(single).toMatchObject({ status: 'fulfilled', value: { nextExpectedVersion: 0 } });
    // Nothing of the stale caller's appends was written, everything else was.
    expect(await store.readStream('ledger-c')).toHaveLength(0);
    expect(await store.readStream('outcome-2')).toHaveLength(0);
    expect(await store.readStream('ledger-b')).toHaveLength(1);
    expect(await store.readStream('outcome-1')).toHaveLength(1);
    expect(await store.readStream('ledger-d')).toHaveLength(1);
    // One commit of all six, then again without the stale caller's three.
    expect(groups).toEqual([6, 3]);
  });

  it('keeps a stream in order: a later append waits behind appends together holding it', async () => {
    const store = new InMemoryEventStore();
    const order: string[] = [];
    const multi = store.appendToStreams.bind(store);
    store.appendToStreams = (appends) => {
      order.push(appends.map((a) => a.streamName).join('+'));
      return multi(appends);
    };
    const committer = new GroupCommitter(store, { maxInFlight: 4 });
    const first = committer.append('s-x', [event()], 'no_stream');
    // Held back: s-x is being committed; s-y must then wait for it too.
    await new Promise((r) => setImmediate(r));
    const together = committer.appendTogether([
      { streamName: 's-x', events: [event()], expected: 0 },
      { streamName: 's-y', events: [event()], expected: 'no_stream' },
    ]);
    const later = committer.append('s-y', [event()], 0);
    await Promise.all([first, together, later]);
    expect(order).toEqual(['s-x', 's-x+s-y', 's-y']);
  });

  it('refuses appends together on a store without atomic multi-stream appends', async () => {
    const store = new InMemoryEventStore();
    (store as { appendToStreams?: unknown }).appendToStreams = undefined;
    const committer = new GroupCommitter(store);
    expect(committer.atomic).toBe(false);
    await expect(
      committer.appendTogether([{ streamName: 'a', events: [event()], expected: 'no_stream' }]),
    ).rejects.toThrow(/several streams/);
  });
});
