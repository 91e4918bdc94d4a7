import { describe, expect, it } from '@jest/globals';
import type { NewEvent } from '../../port/events';
import type { StreamAppend } from '../../port/event-store';
import type { ExpectedVersion } from '../../port/expected-version';
import { multiStore, newEvent, uniqueCategory, type ContractContext } from './helpers';

export function multiStreamAtomicityContract(context: ContractContext): void {
  const { store, collect } = context;
  const appendMany = (appends: StreamAppend[]) => multiStore(context).appendToStreams(appends);
  const outcomeOf = (appends: StreamAppend[]) =>
    appendMany(appends).then(
      () => ({ code: 'appended' }),
      (error: { code?: string; streamName?: string }) => error,
    );

  /** `existing` at version 1, plus names for streams that do not exist yet. */
  async function setUp() {
    const category = uniqueCategory();
    const existing = `${category}-existing`;
    await store().appendToStream(existing, [newEvent(), newEvent()], 'no_stream');
    return { category, existing, name: (s: string) => `${category}-${s}` };
  }

  async function expectUnchanged(streams: string[], lengths: number[]): Promise<void> {
    const read = await Promise.all(streams.map((s) => store().readStream(s)));
    expect(read.map((events) => events.length)).toEqual(lengths);
  }

  describe('atomicity', () => {
    it.each<[string, 'existing' | 'absent', ExpectedVersion, number]>([
      ['an exact version below the current one', 'existing', 0, 1],
      ['an exact version above the current one', 'existing', 5, 1],
      ['no_stream on an existing stream', 'existing', 'no_stream', 1],
      ['stream_exists on an absent stream', 'absent', 'stream_exists', -1],
      ['an exact version on an absent stream', 'absent', 0, -1],
    ])(
      'writes nothing when one entry has %s, naming that stream',
      async (_, which, expected, actual) => {
        const { existing, name } = await setUp();
        const bad = which === 'existing' ? existing : name('absent');
        const appends: StreamAppend[] = [
          { streamName: name('new-1'), events: [newEvent()], expected: 'any' },
          { streamName: name('new-2'), events: [newEvent()], expected: 'no_stream' },
          { streamName: bad, events: [newEvent()], expected },
          { streamName: name('new-3'), events: [newEvent(), newEvent()], expected: 'any' },
        ];
        if (which === 'absent')
          appends.unshift({ streamName: existing, events: [newEvent()], expected: 1 });

        await expect(appendMany(appends)).rejects.toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          streamName: bad,
          expectedVersion: expected,
          actualVersion: actual,
        });
        await expectUnchanged(
          [existing, name('new-1'), name('new-2'), name('new-3'), name('absent')],
          [2, 0, 0, 0, 0],
        );
      },
    );

    it('reports the first failing entry in input order, whatever the kind of failure', async () => {
      const { existing, name } = await setUp();
      const [stored] = await store().readStream(existing);
      const idConflict = {
        streamName: existing,
        events: [{ ...newEvent(), eventId: stored.eventId }, newEvent()],
        expected: 'any' as const,
      };
      const stale = { streamName: name('absent'), events: [newEvent()], expected: 3 };
      const fine = {
        streamName: name('fine'),
        events: [newEvent()],
        expected: 'no_stream' as const,
      };

      expect(await outcomeOf([fine, stale, idConflict])).toMatchObject({
        code: 'WRONG_EXPECTED_VERSION',
        streamName: name('absent'),
      });
      expect(await outcomeOf([fine, idConflict, stale])).toMatchObject({
        code: 'EVENT_ID_CONFLICT',
        streamName: existing,
        conflictingEventIds: [stored.eventId],
      });
      await expectUnchanged([existing, name('fine')], [2, 0]);
    });
  });

  describe('idempotent re-append', () => {
    async function appliedCall() {
      const { category, existing, name } = await setUp();
      const appends: StreamAppend[] = [
        { streamName: name('a'), events: [newEvent(), newEvent()], expected: 'no_stream' },
        { streamName: existing, events: [newEvent()], expected: 1 },
        { streamName: name('b'), events: [newEvent()], expected: 'any' },
      ];
      await appendMany(appends);
      return { category, existing, name, appends };
    }

    it('answers a whole retried call with already_applied and writes nothing twice', async () => {
      const { category, appends } = await appliedCall();
      await store().appendToStream(appends[0].streamName, [newEvent()], 1); // moved on since

      const results = await appendMany(appends);

      expect(results).toEqual([
        { status: 'already_applied', nextExpectedVersion: 2 },
        { status: 'already_applied', nextExpectedVersion: 2 },
        { status: 'already_applied', nextExpectedVersion: 0 },
      ]);
      const { checkpoints } = await collect([category], 2 + 3 + 1 + 1);
      const after = await store().readAll(checkpoints.at(-1)!, 10, { categories: [category] });
      expect(after.events).toEqual([]);
    });

    it('appends the new entries of a partly applied call atomically, whatever the stale expectations', async () => {
      const { existing, name, appends } = await appliedCall();
      const fresh: NewEvent[] = [newEvent(), newEvent()];

      const results = await appendMany([
        { streamName: name('c'), events: [fresh[0]], expected: 'no_stream' },
        { ...appends[1], expected: 'no_stream' },
        { streamName: name('a'), events: [appends[0].events[1]], expected: 0 },
        { streamName: name('b'), events: [fresh[1]], expected: 0 },
      ]);

      expect(results.map((r) => [r.status, r.nextExpectedVersion])).toEqual([
        ['appended', 0],
        ['already_applied', 2],
        ['already_applied', 1],
        ['appended', 1],
      ]);
      await expectUnchanged([existing, name('a'), name('b'), name('c')], [3, 2, 2, 1]);
    });

    it('rejects an entry whose batch is only partly stored, writing nothing', async () => {
      const { name, appends } = await appliedCall();
      const partly = [appends[0].events[0], newEvent()];

      await expect(
        appendMany([
          { streamName: name('d'), events: [newEvent()], expected: 'any' },
          { streamName: name('a'), events: partly, expected: 'any' },
        ]),
      ).rejects.toMatchObject({
        code: 'EVENT_ID_CONFLICT',
        streamName: name('a'),
        conflictingEventIds: [partly[0].eventId],
      });
      await expectUnchanged([name('a'), name('d')], [2, 0]);
    });
  });
}
