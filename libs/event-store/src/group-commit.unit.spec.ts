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
    const committer = new GroupCommitter(store);
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
});
