import { describe, expect, it } from '@jest/globals';
import { isCheckpoint } from '../../port/checkpoint';
import { readFirstEvents } from '../../port/event-store';
import { newEvent, uniqueCategory, type ContractContext } from './helpers';

export function appendContract({ store, collect }: ContractContext): void {
  describe('append and read', () => {
    it('round-trips events through readStream and readAll', async () => {
      const category = uniqueCategory();
      const stream = `${category}-1`;
      const first = newEvent(
        { sku: 'A-1', qty: 3, nested: { list: [1, 'two', null] } },
        'StockAdded',
        {
          correlationId: 'corr-1',
          causationId: 'cmd-1',
          schemaVersion: 2,
          custom: { any: 'thing' },
        },
      );
      const second = newEvent({ sku: 'A-1', qty: -1 }, 'StockRemoved');

      const result = await store().appendToStream(stream, [first, second], 'no_stream');

      expect(result).toEqual({
        status: 'appended',
        nextExpectedVersion: 1,
        checkpoint: expect.any(String),
      });
      const read = await store().readStream(stream);
      expect(read).toEqual([
        {
          eventId: first.eventId,
          type: 'StockAdded',
          data: first.data,
          metadata: first.metadata,
          streamName: stream,
          streamVersion: 0,
          checkpoint: expect.any(String),
          recordedAt: expect.any(Date),
        },
        {
          eventId: second.eventId,
          type: 'StockRemoved',
          data: second.data,
          metadata: {},
          streamName: stream,
          streamVersion: 1,
          checkpoint: expect.any(String),
          recordedAt: expect.any(Date),
        },
      ]);
      expect(read.every((e) => isCheckpoint(e.checkpoint))).toBe(true);
      expect(read[0].checkpoint < read[1].checkpoint).toBe(true);
      if (result.status === 'appended') expect(result.checkpoint).toBe(read[1].checkpoint);

      const { events } = await collect([category], 2);
      expect(events).toEqual(read);
    });

    it('reports the last event of a large batch, whatever the digits of its positions', async () => {
      // Regression: positions 1..100 once sorted as text ("99" > "100") when picking the last one.
      for (const size of [12, 101, 1000]) {
        const stream = `${uniqueCategory()}-batch`;
        const batch = Array.from({ length: size }, (_, i) => newEvent({ i }));
        const first = await store().appendToStream(stream, batch, 'no_stream');
        const read = await store().readStream(stream);
        expect(first).toEqual({
          status: 'appended',
          nextExpectedVersion: size - 1,
          checkpoint: read[size - 1].checkpoint,
        });
        const next = await store().appendToStream(
          stream,
          batch.map(() => newEvent({})),
          size - 1,
        );
        expect(next.nextExpectedVersion).toBe(2 * size - 1);
      }
    });

    it('serialises data through JSON and normalises event ids to lower case', async () => {
      const stream = `${uniqueCategory()}-json`;
      const event = newEvent({ at: new Date('2024-05-01T10:00:00.000Z'), skipped: undefined });
      await store().appendToStream(
        stream,
        [{ ...event, eventId: event.eventId.toUpperCase() }],
        'no_stream',
      );

      const [read] = await store().readStream(stream);
      expect(read.eventId).toBe(event.eventId.toLowerCase());
      expect(read.data).toEqual({ at: '2024-05-01T10:00:00.000Z' });
    });

    it('reads a stream from a version with a maximum count, and a missing stream as empty', async () => {
      const stream = `${uniqueCategory()}-paged`;
      const events = Array.from({ length: 5 }, (_, n) => newEvent({ n }));
      await store().appendToStream(stream, events, 'no_stream');

      const page = await store().readStream(stream, { fromVersion: 2, maxCount: 2 });
      expect(page.map((e) => e.streamVersion)).toEqual([2, 3]);
      expect(page.map((e) => e.eventId)).toEqual([events[2].eventId, events[3].eventId]);
      expect(await store().readStream(stream, { fromVersion: 5 })).toEqual([]);
      expect(await store().readStream(`${uniqueCategory()}-missing`)).toEqual([]);
    });

    it('reads the first event of many streams at once, leaving out streams without events', async () => {
      const category = uniqueCategory();
      const events = [newEvent({ n: 0 }), newEvent({ n: 1 })];
      await store().appendToStream(`${category}-a`, events, 'no_stream');
      await store().appendToStream(`${category}-b`, [newEvent({ n: 2 })], 'no_stream');
      const names = [`${category}-a`, `${category}-missing`, `${category}-b`];
      const firsts = await readFirstEvents(store(), names);
      expect([...firsts.keys()].sort()).toEqual([`${category}-a`, `${category}-b`]);
      expect(firsts.get(`${category}-a`)).toMatchObject({
        eventId: events[0].eventId,
        streamVersion: 0,
      });
      expect(firsts.get(`${category}-b`)?.data).toEqual({ n: 2 });
      expect((await readFirstEvents(store(), [])).size).toBe(0);
    });

    it('rejects invalid stream names with INVALID_STREAM_NAME', async () => {
      for (const name of ['nocategory', '-id', 'cat-', '$ce-x', 'cat-with space', 'ca t-1', '']) {
        await expect(store().appendToStream(name, [newEvent()], 'any')).rejects.toMatchObject({
          code: 'INVALID_STREAM_NAME',
        });
        await expect(store().readStream(name)).rejects.toMatchObject({
          code: 'INVALID_STREAM_NAME',
        });
      }
      await expect(
        store().readAll(null, 10, { categories: ['bad-category'] }),
      ).rejects.toMatchObject({
        code: 'INVALID_STREAM_NAME',
      });
    });

    it('rejects malformed appends and reads with INVALID_ARGUMENT, appending nothing', async () => {
      const stream = `${uniqueCategory()}-args`;
      const event = newEvent();
      const invalid: [unknown[], unknown][] = [
        [[], 'any'],
        [[{ ...event, eventId: 'not-a-uuid' }], 'any'],
        [[event, { ...newEvent(), eventId: event.eventId }], 'any'],
        [[{ ...event, type: '' }], 'any'],
        [[{ ...event, data: undefined }], 'any'],
        [[event], -1],
        [[event], 1.5],
        [[event], 'whatever'],
      ];
      for (const [events, expected] of invalid) {
        await expect(
          store().appendToStream(stream, events as never, expected as never),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      }
      expect(await store().readStream(stream)).toEqual([]);
      await expect(store().readAll(null, 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store().readAll('42', 10)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store().readStream(stream, { fromVersion: -1 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });
}
