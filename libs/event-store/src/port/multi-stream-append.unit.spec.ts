import { newEvent } from '../testing/contract/helpers';
import { supportsMultiStreamAppend, type EventStore } from './event-store';
import { checkAppend, firstRejection, prepareMultiStreamAppend } from './multi-stream-append';
import { prepareAppend } from './validate';

describe('multi-stream append helpers', () => {
  const [a, b] = [newEvent(), newEvent()];
  const batch = prepareAppend('order-1', [a, b], 3);
  const here = (...events: { eventId: string }[]) =>
    events.map((e) => ({ eventId: e.eventId, streamName: 'order-1' }));

  it('answers a batch stored in its stream as already applied, even with a stale version', () => {
    expect(checkAppend(batch, 7, here(a, b))).toEqual({
      status: 'already_applied',
      nextExpectedVersion: 7,
    });
  });

  it('rejects a partly stored batch or ids stored elsewhere before looking at the version', () => {
    expect(checkAppend(batch, 7, here(b))).toMatchObject({
      status: 'rejected',
      error: { code: 'EVENT_ID_CONFLICT', conflictingEventIds: [b.eventId] },
    });
    const elsewhere = [{ eventId: a.eventId, streamName: 'order-2' }, ...here(b)];
    expect(checkAppend(batch, 3, elsewhere)).toMatchObject({
      error: { code: 'EVENT_ID_CONFLICT' },
    });
  });

  it('then checks the expected version', () => {
    expect(checkAppend(batch, 3, [])).toEqual({ status: 'append' });
    expect(checkAppend(batch, 4, [])).toMatchObject({
      error: { code: 'WRONG_EXPECTED_VERSION', expectedVersion: 3, actualVersion: 4 },
    });
  });

  it('picks the first rejection in input order', () => {
    const checks = [
      checkAppend(batch, 3, []),
      checkAppend(batch, 9, []),
      checkAppend(batch, 3, here(a)),
    ];
    expect(firstRejection(checks)).toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      actualVersion: 9,
    });
    expect(firstRejection([checks[0]])).toBeUndefined();
  });

  it('validates each entry and the call: one entry per stream, one stream per event id', () => {
    const entry = (streamName: string, events = [newEvent()]) => ({
      streamName,
      events,
      expected: 'any' as const,
    });
    expect(prepareMultiStreamAppend([entry('order-1'), entry('order-2')])).toHaveLength(2);
    expect(() => prepareMultiStreamAppend([entry('order-1'), entry('order-1')])).toThrow(
      'more than once',
    );
    expect(() =>
      prepareMultiStreamAppend([
        entry('order-1', [a]),
        entry('order-2', [{ ...a, eventId: a.eventId.toUpperCase() }]),
      ]),
    ).toThrow('more than one stream');
    expect(() => prepareMultiStreamAppend([null as never])).toThrow('append 0');
  });

  it('recognises a store with the capability by its method', () => {
    const base = {} as EventStore;
    expect(supportsMultiStreamAppend(base)).toBe(false);
    expect(supportsMultiStreamAppend({ ...base, appendToStreams: async () => [] })).toBe(true);
  });
});
