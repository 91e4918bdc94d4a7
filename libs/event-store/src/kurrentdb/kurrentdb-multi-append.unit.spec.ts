import type * as Kurrent from '@kurrent/kurrentdb-client';
import { encodeCheckpoint } from '../port/checkpoint';
import type { StreamAppend } from '../port/event-store';
import { newEvent } from '../testing/contract/helpers';
import { appendToStreamsOnKurrent, type MultiAppendDeps } from './kurrentdb-multi-append';

/**
 * A stand-in for the client's readStream and multiStreamAppend (no server here): enough to
 * check the adapter's pre-check, retry and error mapping. `beforeAppend` lets a test change
 * the streams between the adapter's check and the server's write.
 */
function fakeKurrent(beforeAppend?: (streams: Map<string, string[]>) => void) {
  const streams = new Map<string, string[]>();
  const requests: Kurrent.AppendStreamRequest[][] = [];
  const client = {
    readStream: (name: string) =>
      (async function* () {
        const ids = streams.get(name);
        if (!ids) throw { type: 'stream-not-found' };
        for (let revision = ids.length - 1; revision >= 0; revision--) {
          yield { event: { id: ids[revision], revision: BigInt(revision) } };
        }
      })(),
    multiStreamAppend: async (batch: Kurrent.AppendStreamRequest[]) => {
      requests.push(batch);
      beforeAppend?.(streams);
      beforeAppend = undefined;
      for (const { streamName, expectedState } of batch) {
        const length = streams.get(streamName)?.length ?? 0;
        const actual = length === 0 ? 'no_stream' : BigInt(length - 1);
        const ok =
          expectedState === 'any' ||
          (expectedState === 'no_stream' && length === 0) ||
          (expectedState === 'stream_exists' && length > 0) ||
          expectedState === actual;
        if (!ok) throw { type: 'wrong-expected-version', streamName, actualState: actual };
      }
      const responses = batch.map(({ streamName, events }) => {
        const ids = streams.get(streamName) ?? [];
        ids.push(...events.map((e) => e.id!));
        streams.set(streamName, ids);
        return { streamName, revision: BigInt(ids.length - 1) };
      });
      return { position: 1n, responses };
    },
  };
  const deps: MultiAppendDeps = {
    kurrent: { jsonEvent: (e: object) => ({ ...e, contentType: 'application/json' }) } as never,
    client: client as never,
    idempotencyWindow: 100,
    checkpointAt: async (_stream, version) => encodeCheckpoint(7n, BigInt(version)),
  };
  return { deps, streams, requests };
}

const entry = (streamName: string, expected: StreamAppend['expected'], events = [newEvent()]) => ({
  streamName,
  events,
  expected,
});

describe('KurrentDB multi-stream append (fake client)', () => {
  it('sends one request per call and reads back checkpoints, results in input order', async () => {
    const { deps, requests } = fakeKurrent();
    const results = await appendToStreamsOnKurrent(deps, [
      entry('order-1', 'no_stream', [newEvent(), newEvent()]),
      entry('order-2', 'any'),
    ]);
    expect(results).toEqual([
      { status: 'appended', nextExpectedVersion: 1, checkpoint: encodeCheckpoint(7n, 1n) },
      { status: 'appended', nextExpectedVersion: 0, checkpoint: encodeCheckpoint(7n, 0n) },
    ]);
    expect(requests.map((batch) => batch.map((r) => r.expectedState))).toEqual([
      ['no_stream', 'any'],
    ]);
  });

  it('answers already-applied entries itself and leaves them out of the write', async () => {
    const { deps, streams, requests } = fakeKurrent();
    const stored = newEvent();
    streams.set('order-1', [stored.eventId]);
    const results = await appendToStreamsOnKurrent(deps, [
      entry('order-1', 'no_stream', [stored]),
      entry('order-2', 'any'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['already_applied', 'appended']);
    expect(requests[0].map((r) => r.streamName)).toEqual(['order-2']);
  });

  it('throws the first rejected entry in input order without writing', async () => {
    const { deps, streams, requests } = fakeKurrent();
    streams.set('order-2', [newEvent().eventId]);
    streams.set('order-3', [newEvent().eventId]);
    await expect(
      appendToStreamsOnKurrent(deps, [
        entry('order-1', 'any'),
        entry('order-2', 5),
        entry('order-3', 'no_stream'),
      ]),
    ).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      streamName: 'order-2',
      actualVersion: 0,
    });
    expect(requests).toEqual([]);
  });

  it('re-checks after a server conflict: a batch applied meanwhile is answered, the rest retried', async () => {
    const retried = newEvent();
    const { deps, requests } = fakeKurrent((streams) => streams.set('order-1', [retried.eventId]));
    const results = await appendToStreamsOnKurrent(deps, [
      entry('order-1', 'no_stream', [retried]),
      entry('order-2', 'any'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['already_applied', 'appended']);
    expect(requests.map((batch) => batch.length)).toEqual([2, 1]);
  });

  it('maps a server conflict that stays a conflict to the port error', async () => {
    const { deps } = fakeKurrent((streams) => streams.set('order-2', [newEvent().eventId]));
    await expect(
      appendToStreamsOnKurrent(deps, [entry('order-1', 'any'), entry('order-2', 'no_stream')]),
    ).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      streamName: 'order-2',
      actualVersion: 0,
    });
  });

  it('refuses metadata values that are not strings, which the client cannot send', async () => {
    const { deps, requests } = fakeKurrent();
    const event = newEvent({}, 'ThingHappened', { correlationId: 'c-1', schemaVersion: 2 });
    await expect(
      appendToStreamsOnKurrent(deps, [entry('order-1', 'any', [event])]),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('schemaVersion'),
    });
    expect(requests).toEqual([]);
  });
});
