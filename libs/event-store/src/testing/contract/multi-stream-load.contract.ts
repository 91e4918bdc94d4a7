import { describe, expect, it } from '@jest/globals';
import { isWrongExpectedVersionError } from '../../port/errors';
import type { RecordedEvent } from '../../port/events';
import type { StreamAppend } from '../../port/event-store';
import { NO_STREAM_VERSION } from '../../port/expected-version';
import {
  expectStrictlyIncreasing,
  multiStore,
  newEvent,
  seededRandom,
  shuffled,
  uniqueCategory,
  type ContractContext,
} from './helpers';

const STREAMS = 24;
const MULTI_CALLERS = 4;
const CALLS_PER_CALLER = 20;
const SINGLE_WRITERS = 4;
const APPENDS_PER_WRITER = 60;
const LARGE_CALL_STREAMS = 5_000;

export function multiStreamLoadContract(context: ContractContext): void {
  const { store, collect } = context;

  describe('under concurrency and size', () => {
    it('interleaves with concurrent single-stream appends: no deadlock, no lost update, ordered readAll', async () => {
      const category = uniqueCategory('mix');
      const streams = Array.from({ length: STREAMS }, (_, s) => `${category}-${s}`);
      const sent = new Map<string, string[]>(streams.map((s) => [s, []]));

      // Each call takes half of the streams in its own random order, so that without a
      // deterministic lock order two calls would deadlock.
      async function multiCaller(caller: number): Promise<void> {
        const random = seededRandom(caller + 1);
        for (let seq = 0; seq < CALLS_PER_CALLER; seq++) {
          const appends: StreamAppend[] = shuffled(streams, random)
            .slice(0, STREAMS / 2)
            .map((streamName) => ({
              streamName,
              events: [newEvent({ writer: `m${caller}`, seq })],
              expected: 'any',
            }));
          await multiStore(context).appendToStreams(appends);
          appends.forEach((a) => sent.get(a.streamName)!.push(a.events[0].eventId));
        }
      }
      // Single writers use the version they last saw and retry conflicts, as handlers do.
      async function singleWriter(writer: number): Promise<void> {
        const random = seededRandom(100 + writer);
        const versions = new Map<string, number>();
        for (let seq = 0; seq < APPENDS_PER_WRITER; seq++) {
          const stream = streams[random(STREAMS)];
          const event = newEvent({ writer: `s${writer}`, seq });
          for (;;) {
            const known = versions.get(stream) ?? NO_STREAM_VERSION;
            try {
              const expected = known === NO_STREAM_VERSION ? 'no_stream' : known;
              const result = await store().appendToStream(stream, [event], expected);
              versions.set(stream, result.nextExpectedVersion);
              break;
            } catch (error) {
              if (!isWrongExpectedVersionError(error)) throw error;
              versions.set(stream, error.actualVersion);
            }
          }
          sent.get(stream)!.push(event.eventId);
        }
      }
      await Promise.all([
        ...Array.from({ length: MULTI_CALLERS }, (_, c) => multiCaller(c)),
        ...Array.from({ length: SINGLE_WRITERS }, (_, w) => singleWriter(w)),
      ]);

      const total =
        MULTI_CALLERS * CALLS_PER_CALLER * (STREAMS / 2) + SINGLE_WRITERS * APPENDS_PER_WRITER;
      const { events } = await collect([category], total, { timeoutMs: 30_000 });
      expect(events).toHaveLength(total);
      expectStrictlyIncreasing(events.map((e) => e.checkpoint));
      expect(disorder(events)).toEqual([]);
      for (const stream of streams) {
        const read = await store().readStream(stream);
        expect(read.map((e) => e.streamVersion)).toEqual([...read.keys()]);
        expect(new Set(read.map((e) => e.eventId))).toEqual(new Set(sent.get(stream)));
        // The stream row agrees with the events: an exact append at the last version succeeds.
        await store().appendToStream(stream, [newEvent()], read.length - 1);
      }
    }, 60_000);

    it(`writes a call of ${LARGE_CALL_STREAMS} streams and 2 events each, read back completely in commit order`, async () => {
      const category = uniqueCategory('big');
      const appends: StreamAppend[] = Array.from({ length: LARGE_CALL_STREAMS }, (_, s) => ({
        streamName: `${category}-src${s % 7}/SKU-${s}`,
        events: [newEvent({ s, n: 0 }), newEvent({ s, n: 1 })],
        expected: 'any',
      }));

      const results = await multiStore(context).appendToStreams(appends);

      expect(results.every((r) => r.status === 'appended' && r.nextExpectedVersion === 1)).toBe(
        true,
      );
      const { events } = await collect([category], 2 * LARGE_CALL_STREAMS, { timeoutMs: 60_000 });
      expect(events.map((e) => e.eventId)).toEqual(
        appends.flatMap((a) => a.events.map((e) => e.eventId)),
      );
      expect(events.map((e) => e.streamVersion)).toEqual(appends.flatMap(() => [0, 1]));
      expectStrictlyIncreasing(events.map((e) => e.checkpoint));
    }, 120_000);
  });
}

/** Per-stream versions out of order, and any writer's sequential writes out of sequence. */
function disorder(events: RecordedEvent[]): string[] {
  const nextVersion = new Map<string, number>();
  const lastSeq = new Map<string, number>();
  const problems: string[] = [];
  for (const event of events) {
    const expected = nextVersion.get(event.streamName) ?? 0;
    if (event.streamVersion !== expected)
      problems.push(`${event.streamName}@${event.streamVersion}`);
    nextVersion.set(event.streamName, event.streamVersion + 1);
    const { writer, seq } = event.data as { writer: string; seq: number };
    // A multi call's events share one seq; a later call must not come before an earlier one.
    if (seq < (lastSeq.get(writer) ?? -1)) problems.push(`${writer} seq ${seq}`);
    lastSeq.set(writer, seq);
  }
  return problems;
}
