import { describe, expect, it } from '@jest/globals';
import type { NewEvent } from '../../port/events';
import type { ExpectedVersion } from '../../port/expected-version';
import { newEvent, uniqueCategory, type ContractContext } from './helpers';

export function idempotencyContract({ store, collect }: ContractContext): void {
  describe('idempotent re-append', () => {
    async function appendedOnce(): Promise<{
      category: string;
      stream: string;
      batch: NewEvent[];
    }> {
      const category = uniqueCategory();
      const stream = `${category}-1`;
      await store().appendToStream(stream, [newEvent({ before: true })], 'no_stream');
      const batch = [newEvent({ n: 1 }), newEvent({ n: 2 })];
      await store().appendToStream(stream, batch, 0);
      return { category, stream, batch };
    }

    it.each<[string, ExpectedVersion]>([
      ['the same, now stale, expected version', 0],
      ['the current version', 2],
      ['no_stream', 'no_stream'],
      ['stream_exists', 'stream_exists'],
      ['any', 'any'],
    ])('reports already_applied with %s and stores nothing twice', async (_, expected) => {
      const { category, stream, batch } = await appendedOnce();

      const result = await store().appendToStream(stream, batch, expected);

      expect(result).toEqual({ status: 'already_applied', nextExpectedVersion: 2 });
      const read = await store().readStream(stream);
      expect(read.map((e) => e.eventId)).toEqual([
        read[0].eventId,
        batch[0].eventId,
        batch[1].eventId,
      ]);
      const all = await collect([category], 3);
      expect(all.events).toHaveLength(3);
      expect(
        (await store().readAll(all.checkpoints.at(-1)!, 10, { categories: [category] })).events,
      ).toEqual([]);
    });

    it('reports already_applied after the stream moved on, with the current version', async () => {
      const { stream, batch } = await appendedOnce();
      await store().appendToStream(stream, [newEvent({ later: true })], 2);

      const result = await store().appendToStream(stream, batch, 0);

      expect(result).toEqual({ status: 'already_applied', nextExpectedVersion: 3 });
      expect((await store().readStream(stream)).length).toBe(4);
    });

    it('recognises a retried subset of a stored batch as already applied', async () => {
      const { stream, batch } = await appendedOnce();

      const result = await store().appendToStream(stream, [batch[1]], 1);

      expect(result).toEqual({ status: 'already_applied', nextExpectedVersion: 2 });
    });

    it('rejects a batch that is only partly stored with EVENT_ID_CONFLICT, appending nothing', async () => {
      const { stream, batch } = await appendedOnce();
      const fresh = newEvent({ fresh: true });

      await expect(store().appendToStream(stream, [batch[1], fresh], 2)).rejects.toMatchObject({
        code: 'EVENT_ID_CONFLICT',
        streamName: stream,
        conflictingEventIds: [batch[1].eventId],
      });
      expect((await store().readStream(stream)).map((e) => e.eventId)).not.toContain(fresh.eventId);
    });
  });
}
