import { v4 as uuid } from 'uuid';
import type { Decider } from '@inventory/decider';
import { InMemoryEventStore } from '@inventory/event-store';
import { CommandBus } from './command-bus';
import type { EventPipeline } from './event-pipeline';

type Added = { type: 'added'; data: { n: number } };
const sum: Decider<{ n: number }, Added, number> = {
  initialState: 0,
  decide: (c) => [{ type: 'added', data: { n: c.n } }],
  evolve: (s, e) => s + e.data.n,
};

describe('CommandBus.load', () => {
  const pipeline = { notify: () => undefined } as unknown as EventPipeline;

  it('folds only the events after the state it kept, and sees every append', async () => {
    const store = new InMemoryEventStore();
    const bus = new CommandBus(store, pipeline);
    const reads: Array<number | undefined> = [];
    const readStream = store.readStream.bind(store);
    store.readStream = (stream, options) => {
      reads.push(options?.fromVersion);
      return readStream(stream, options);
    };
    expect(await bus.load('sum-1', sum)).toEqual({ state: 0, version: -1 });
    await bus.run('sum-1', { n: 2 }, sum);
    await store.appendToStream('sum-1', [{ eventId: uuid(), type: 'added', data: { n: 5 } }], 0);
    expect(await bus.load('sum-1', sum)).toEqual({ state: 7, version: 1 });
    expect(await bus.load('sum-1', sum)).toEqual({ state: 7, version: 1 });
    expect(reads.at(-1)).toBe(2);
  });
});
