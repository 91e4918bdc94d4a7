import { describe, expect, it } from '@jest/globals';
import { supportsMultiStreamAppend, type StreamAppend } from '../../port/event-store';
import { expectStrictlyIncreasing, multiStore, newEvent, uniqueCategory } from './helpers';
import type { ContractContext } from './helpers';
import { multiStreamAtomicityContract } from './multi-stream-atomicity.contract';
import { multiStreamLoadContract } from './multi-stream-load.contract';

/**
 * The optional `appendToStreams` capability. Adapters that do not declare it get one passing
 * placeholder test (with a warning) that checks they really do not offer it.
 */
export function multiStreamAppendContract(context: ContractContext): void {
  describe('multi-stream append', () => {
    if (!context.hooks.multiStreamAppend) {
      it('multi-stream append contract skipped: the adapter does not implement appendToStreams', () => {
        console.warn(
          'multi-stream append contract skipped: the adapter does not implement appendToStreams ' +
            '(callers fall back to appendToStream); see docs/event-store.md',
        );
        expect(supportsMultiStreamAppend(context.store())).toBe(false);
      });
      return;
    }
    multiStreamBasicsContract(context);
    multiStreamAtomicityContract(context);
    multiStreamLoadContract(context);
  });
}

function multiStreamBasicsContract(context: ContractContext): void {
  const { store, collect } = context;

  it('is offered by the store (supportsMultiStreamAppend)', () => {
    expect(supportsMultiStreamAppend(store())).toBe(true);
  });

  it("round-trips many new streams with 'any', results and commit order following the input", async () => {
    const category = uniqueCategory();
    const appends: StreamAppend[] = Array.from({ length: 200 }, (_, s) => ({
      streamName: `${category}-item/${s}`,
      expected: 'any',
      events: Array.from({ length: (s % 3) + 1 }, (_, n) =>
        newEvent({ s, n }, 'ItemImported', { correlationId: `import-${s}` }),
      ),
    }));

    const results = await multiStore(context).appendToStreams(appends);

    expect(results.map((r) => [r.status, r.nextExpectedVersion])).toEqual(
      appends.map((a) => ['appended', a.events.length - 1]),
    );
    const checkpoints = results.map((r) => (r.status === 'appended' ? r.checkpoint : ''));
    expectStrictlyIncreasing(checkpoints);
    for (const [s, append] of appends.entries()) {
      const read = await store().readStream(append.streamName);
      expect(read.map((e) => [e.eventId, e.streamVersion, e.type, e.data, e.metadata])).toEqual(
        append.events.map((e, n) => [e.eventId, n, e.type, e.data, e.metadata]),
      );
      expect(read.at(-1)!.checkpoint).toBe(checkpoints[s]);
    }
    const total = appends.reduce((sum, a) => sum + a.events.length, 0);
    const { events } = await collect([category], total);
    expect(events.map((e) => e.eventId)).toEqual(
      appends.flatMap((a) => a.events.map((e) => e.eventId)),
    );
  });

  it('appends with every expected-version mode in one call', async () => {
    const category = uniqueCategory();
    const name = (s: string) => `${category}-${s}`;
    await store().appendToStream(name('exact'), [newEvent(), newEvent(), newEvent()], 'no_stream');
    await store().appendToStream(name('exists'), [newEvent()], 'no_stream');
    await store().appendToStream(name('any-old'), [newEvent(), newEvent()], 'no_stream');

    const results = await multiStore(context).appendToStreams([
      { streamName: name('exact'), events: [newEvent(), newEvent()], expected: 2 },
      { streamName: name('exists'), events: [newEvent()], expected: 'stream_exists' },
      { streamName: name('any-old'), events: [newEvent()], expected: 'any' },
      { streamName: name('new'), events: [newEvent()], expected: 'no_stream' },
      { streamName: name('any-new'), events: [newEvent(), newEvent()], expected: 'any' },
    ]);

    expect(results.map((r) => [r.status, r.nextExpectedVersion])).toEqual([
      ['appended', 4],
      ['appended', 1],
      ['appended', 2],
      ['appended', 0],
      ['appended', 1],
    ]);
    for (const [stream, length] of [
      ['exact', 5],
      ['exists', 2],
      ['any-old', 3],
      ['new', 1],
      ['any-new', 2],
    ] as const) {
      const read = await store().readStream(name(stream));
      expect(read.map((e) => e.streamVersion)).toEqual([...Array(length).keys()]);
    }
  });

  it('returns [] for an empty call', async () => {
    expect(await multiStore(context).appendToStreams([])).toEqual([]);
  });

  it('rejects malformed calls before writing anything', async () => {
    const category = uniqueCategory();
    const first = `${category}-first`;
    const ok = { streamName: first, events: [newEvent()], expected: 'any' as const };
    const shared = newEvent();
    const invalid: [string, unknown, string][] = [
      ['a stream twice', [ok, { ...ok, events: [newEvent()] }], 'INVALID_ARGUMENT'],
      [
        'an event id in two streams',
        [
          { ...ok, events: [shared] },
          { streamName: `${category}-2`, events: [shared], expected: 'any' },
        ],
        'INVALID_ARGUMENT',
      ],
      [
        'an empty batch',
        [ok, { ...ok, streamName: `${category}-3`, events: [] }],
        'INVALID_ARGUMENT',
      ],
      [
        'a bad expected version',
        [ok, { ...ok, streamName: `${category}-4`, expected: -1 }],
        'INVALID_ARGUMENT',
      ],
      ['a bad stream name', [ok, { ...ok, streamName: 'no category' }], 'INVALID_STREAM_NAME'],
      ['not an array', ok, 'INVALID_ARGUMENT'],
    ];
    for (const [what, appends, code] of invalid) {
      const outcome = await multiStore(context)
        .appendToStreams(appends as StreamAppend[])
        .then(
          () => 'appended',
          (error: { code?: string }) => error.code,
        );
      expect([what, outcome, await store().readStream(first)]).toEqual([what, code, []]);
    }
  });
}
