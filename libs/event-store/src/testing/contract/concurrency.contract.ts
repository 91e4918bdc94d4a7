import { describe, expect, it } from '@jest/globals';
import { isWrongExpectedVersionError } from '../../port/errors';
import type { AppendResult } from '../../port/event-store';
import type { ExpectedVersion } from '../../port/expected-version';
import { newEvent, uniqueCategory, type ContractContext } from './helpers';

export function concurrencyContract({ store, collect }: ContractContext): void {
  /** Starts all appends at once; returns successes and conflicts, rethrowing anything else. */
  async function race(stream: string, contenders: number, expected: ExpectedVersion) {
    const batches = Array.from({ length: contenders }, (_, n) => [newEvent({ contender: n })]);
    const settled = await Promise.allSettled(
      batches.map((batch) => store().appendToStream(stream, batch, expected)),
    );
    const winners: { batch: number; result: AppendResult }[] = [];
    let conflicts = 0;
    settled.forEach((outcome, batch) => {
      if (outcome.status === 'fulfilled') winners.push({ batch, result: outcome.value });
      else if (isWrongExpectedVersionError(outcome.reason)) conflicts++;
      else throw outcome.reason;
    });
    return { batches, winners, conflicts };
  }

  describe('concurrent writers', () => {
    it('lets exactly one of several concurrent creators of a stream win', async () => {
      for (let round = 0; round < 5; round++) {
        const stream = `${uniqueCategory()}-new`;

        const { batches, winners, conflicts } = await race(stream, 4, 'no_stream');

        expect(winners).toHaveLength(1);
        expect(conflicts).toBe(3);
        const read = await store().readStream(stream);
        expect(read.map((e) => e.eventId)).toEqual([batches[winners[0].batch][0].eventId]);
      }
    });

    it('lets exactly one of several writers with the same expected version win', async () => {
      for (let round = 0; round < 5; round++) {
        const stream = `${uniqueCategory()}-hot`;
        await store().appendToStream(stream, [newEvent()], 'no_stream');

        const { batches, winners, conflicts } = await race(stream, 4, 0);

        expect(winners).toHaveLength(1);
        expect(winners[0].result).toMatchObject({ status: 'appended', nextExpectedVersion: 1 });
        expect(conflicts).toBe(3);
        const read = await store().readStream(stream);
        expect(read[1].eventId).toBe(batches[winners[0].batch][0].eventId);
        expect(read).toHaveLength(2);
      }
    });

    it("gives concurrent 'any' appends consecutive versions, in the same order in readAll", async () => {
      const category = uniqueCategory();
      const stream = `${category}-any`;

      const { winners } = await race(stream, 20, 'any');

      expect(winners).toHaveLength(20);
      expect(winners.map((w) => w.result.nextExpectedVersion).sort((a, b) => a - b)).toEqual([
        ...Array(20).keys(),
      ]);
      const { events } = await collect([category], 20);
      expect(events.map((e) => e.streamVersion)).toEqual([...Array(20).keys()]);
    });
  });
}
