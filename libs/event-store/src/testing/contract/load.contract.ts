import { describe, expect, it } from '@jest/globals';
import { isWrongExpectedVersionError } from '../../port/errors';
import { NO_STREAM_VERSION } from '../../port/expected-version';
import {
  expectStrictlyIncreasing,
  newEvent,
  uniqueCategory,
  type ContractContext,
} from './helpers';

const WORKERS = 4;
const APPENDS_PER_WORKER = 2_500;
const OWN_STREAMS_PER_WORKER = 25;
const SHARED_STREAMS = 3;

export function loadContract({ store, collect }: ContractContext): void {
  describe('under load', () => {
    it(`keeps ${WORKERS * APPENDS_PER_WORKER} concurrent appends consistent and readable exactly once in commit order`, async () => {
      const category = uniqueCategory('load');
      const appendedIds = new Set<string>();

      // Every third append goes to a stream shared by all workers, the rest to the worker's own
      // streams. Shared appends use the version last seen and retry on conflicts with the
      // actual version, which is what a command handler does after re-reading the stream.
      async function worker(w: number): Promise<void> {
        const versions = new Map<string, number>();
        for (let seq = 0; seq < APPENDS_PER_WORKER; seq++) {
          const stream =
            seq % 3 === 0
              ? `${category}-shared${(seq / 3) % SHARED_STREAMS}`
              : `${category}-w${w}s${seq % OWN_STREAMS_PER_WORKER}`;
          const event = newEvent({ worker: w, seq });
          for (;;) {
            const known = versions.get(stream) ?? NO_STREAM_VERSION;
            try {
              const result = await store().appendToStream(
                stream,
                [event],
                known === NO_STREAM_VERSION ? 'no_stream' : known,
              );
              versions.set(stream, result.nextExpectedVersion);
              break;
            } catch (error) {
              if (!isWrongExpectedVersionError(error)) throw error;
              versions.set(stream, error.actualVersion);
            }
          }
          appendedIds.add(event.eventId);
        }
      }
      await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));

      const total = WORKERS * APPENDS_PER_WORKER;
      const { events, checkpoints } = await collect([category], total, { timeoutMs: 30_000 });
      const last = checkpoints.at(-1)!;
      expect((await store().readAll(last, 10, { categories: [category] })).events).toEqual([]);

      expect(events).toHaveLength(total);
      expect(new Set(events.map((e) => e.eventId))).toEqual(appendedIds);
      expectStrictlyIncreasing(events.map((e) => e.checkpoint));
      const nextVersion = new Map<string, number>();
      const lastSeq = new Map<number, number>();
      const outOfOrder: string[] = [];
      for (const event of events) {
        const expectedVersion = nextVersion.get(event.streamName) ?? 0;
        if (event.streamVersion !== expectedVersion)
          outOfOrder.push(`${event.streamName}@${event.streamVersion}`);
        nextVersion.set(event.streamName, event.streamVersion + 1);
        // A worker's appends are sequential, so commit order must keep them in sequence.
        const { worker, seq } = event.data as { worker: number; seq: number };
        if (seq <= (lastSeq.get(worker) ?? -1)) outOfOrder.push(`worker ${worker} seq ${seq}`);
        lastSeq.set(worker, seq);
      }
      expect(outOfOrder).toEqual([]);
      for (let s = 0; s < SHARED_STREAMS; s++) {
        const shared = await store().readStream(`${category}-shared${s}`);
        expect(shared.map((e) => e.streamVersion)).toEqual([...shared.keys()]);
      }
    }, 60_000);
  });
}
