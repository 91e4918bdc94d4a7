import { describe, expect, it } from '@jest/globals';
import { compareCheckpoints } from '../../port/checkpoint';
import {
  expectStrictlyIncreasing,
  newEvent,
  uniqueCategory,
  type ContractContext,
} from './helpers';

export function readAllContract({ store, collect, hooks }: ContractContext): void {
  describe('readAll', () => {
    it('pages in commit order with strictly increasing checkpoints', async () => {
      const category = uniqueCategory();
      const appended: string[] = [];
      for (let n = 0; n < 25; n++) {
        const event = newEvent({ n });
        await store().appendToStream(
          `${category}-${n % 5}`,
          [event],
          n < 5 ? 'no_stream' : 'stream_exists',
        );
        appended.push(event.eventId);
      }

      const { events, checkpoints } = await collect([category], 25, { pageSize: 4 });

      expect(events.map((e) => e.eventId)).toEqual(appended);
      expectStrictlyIncreasing(events.map((e) => e.checkpoint));
      const sorted = [...events].sort((a, b) => compareCheckpoints(a.checkpoint, b.checkpoint));
      expect(sorted).toEqual(events);
      const nonNull = checkpoints.filter((c): c is string => c !== null);
      expect(nonNull.at(-1)).toBe(events.at(-1)!.checkpoint);
      const after = await store().readAll(nonNull.at(-1)!, 4, { categories: [category] });
      expect(after).toEqual({ events: [], checkpoint: nonNull.at(-1) });
    });

    it('returns a null checkpoint when nothing was read from the start', async () => {
      expect(await store().readAll(null, 10, { categories: [uniqueCategory()] })).toEqual({
        events: [],
        checkpoint: null,
      });
    });

    it('filters by category and merges several categories in commit order', async () => {
      const [a, b, other] = [uniqueCategory('a'), uniqueCategory('b'), uniqueCategory('o')];
      const order: string[] = [];
      for (const category of [a, other, b, a, other, b]) {
        const event = newEvent({ category });
        await store().appendToStream(`${category}-x`, [event], 'any');
        if (category !== other) order.push(event.eventId);
      }

      const { events } = await collect([a, b], 4);

      expect(events.map((e) => e.eventId)).toEqual(order);
      expect((await collect([a], 2)).events.every((e) => e.streamName === `${a}-x`)).toBe(true);
    });

    if (hooks.beginOpenAppend) {
      const beginOpenAppend = hooks.beginOpenAppend;
      it('holds readers back at a transaction that is still open, and skips nothing after it commits', async () => {
        const category = uniqueCategory();
        const [first, slow, later] = [newEvent({ n: 1 }), newEvent({ n: 2 }), newEvent({ n: 3 })];
        await store().appendToStream(`${category}-1`, [first], 'no_stream');
        const held = await collect([category], 1);

        // `slow` takes its position before `later`, but commits after it.
        const open = await beginOpenAppend(`${category}-2`, [slow], 'no_stream');
        const checkpoint = held.checkpoints.at(-1)!;
        try {
          await store().appendToStream(`${category}-3`, [later], 'no_stream');
          const page = await store().readAll(checkpoint, 10, { categories: [category] });
          expect(page).toEqual({ events: [], checkpoint });
        } finally {
          await open.commit();
        }

        const resumed = await collect([category], 2, { after: checkpoint });
        expect(resumed.events.map((e) => e.eventId)).toEqual([slow.eventId, later.eventId]);
        const everything = await collect([category], 3);
        expect(everything.events.map((e) => e.eventId)).toEqual([
          first.eventId,
          slow.eventId,
          later.eventId,
        ]);
      });
    }
  });
}
