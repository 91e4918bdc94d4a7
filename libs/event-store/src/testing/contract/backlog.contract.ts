import { describe, expect, it } from '@jest/globals';
import { supportsBacklog } from '../../port/event-store';
import { newEvent, uniqueCategory, type ContractContext } from './helpers';

/** `backlog`: what a reader at a checkpoint has not read yet (relay and projection lag). */
export function backlogContract({ store, hooks }: ContractContext): void {
  describe('backlog', () => {
    if (!hooks.backlog) {
      it('is not offered by this adapter', () => {
        expect(supportsBacklog(store())).toBe(false);
      });
      return;
    }

    it('counts the committed events of some categories after a checkpoint', async () => {
      const s = store();
      if (!supportsBacklog(s)) throw new Error('the adapter declares backlog but lacks it');
      const [a, b, other] = [uniqueCategory('a'), uniqueCategory('b'), uniqueCategory('o')];
      expect(await s.backlog(null, { categories: [a, b] })).toEqual({
        events: 0,
        oldestAgeSeconds: 0,
      });
      const checkpoints: string[] = [];
      for (const category of [a, a, other, b, a, b]) {
        const result = await s.appendToStream(`${category}-x`, [newEvent()], 'any');
        if (result.status === 'appended') checkpoints.push(result.checkpoint);
      }

      const all = await s.backlog(null, { categories: [a, b] });
      expect(all.events).toBe(5);
      expect(all.oldestAgeSeconds).toBeGreaterThanOrEqual(0);
      expect(all.oldestAgeSeconds).toBeLessThan(60);
      // After the second event of `a`: b, a, b.
      expect((await s.backlog(checkpoints[1], { categories: [a, b] })).events).toBe(3);
      expect((await s.backlog(checkpoints[1], { categories: [other] })).events).toBe(1);
      expect((await s.backlog(null, { categories: [a], max: 2 })).events).toBe(2);
      expect(await s.backlog(checkpoints[5], { categories: [a, b] })).toEqual({
        events: 0,
        oldestAgeSeconds: 0,
      });
    });

    it('counts every category when none is given, and rejects a bad max', async () => {
      const s = store();
      if (!supportsBacklog(s)) throw new Error('the adapter declares backlog but lacks it');
      const category = uniqueCategory();
      const first = await s.appendToStream(`${category}-x`, [newEvent()], 'any');
      if (first.status !== 'appended') throw new Error('expected an append');
      expect((await s.backlog(first.checkpoint)).events).toBe(0);
      await s.appendToStream(`${uniqueCategory()}-y`, [newEvent(), newEvent()], 'any');
      expect((await s.backlog(first.checkpoint)).events).toBe(2);
      expect((await s.backlog(first.checkpoint, { max: 1 })).events).toBe(1);
      await expect(s.backlog(null, { max: 0 })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });
  });
}
