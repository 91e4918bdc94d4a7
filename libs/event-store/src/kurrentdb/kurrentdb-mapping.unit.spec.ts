import { encodeCheckpoint } from '../port/checkpoint';
import {
  checkpointToPosition,
  errorType,
  isSystemEvent,
  positionToCheckpoint,
  toActualVersion,
  toRecordedEvent,
  toStreamState,
} from './kurrentdb-mapping';

describe('KurrentDB mapping', () => {
  it('maps expected versions to stream states, exact versions to revisions', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState(0)).toBe(0n);
    expect(toStreamState(41)).toBe(41n);
  });

  it('maps the actual stream state back to a version, -1 for no stream', () => {
    expect(toActualVersion('no_stream')).toBe(-1);
    expect(toActualVersion(undefined)).toBe(-1);
    expect(toActualVersion(7n)).toBe(7);
  });

  it('round-trips $all positions through checkpoints that sort like positions', () => {
    const a = positionToCheckpoint({ commit: 1000n, prepare: 990n });
    const b = positionToCheckpoint({ commit: 1000n, prepare: 1010n });
    const c = positionToCheckpoint({ commit: 20_000n, prepare: 20_000n });

    expect([c, b, a].sort()).toEqual([a, b, c]);
    expect(checkpointToPosition(b)).toEqual({ commit: 1000n, prepare: 1010n });
  });

  it('reads the error type of client errors', () => {
    expect(errorType({ type: 'wrong-expected-version' })).toBe('wrong-expected-version');
    expect(errorType(new Error('x'))).toBeUndefined();
    expect(errorType(null)).toBeUndefined();
  });

  it('recognises system events by type or stream', () => {
    expect(isSystemEvent({ type: '$metadata', streamId: '$$order-1' })).toBe(true);
    expect(isSystemEvent({ type: '$>', streamId: '$ce-order' })).toBe(true);
    expect(isSystemEvent({ type: 'OrderPlaced', streamId: 'order-1' })).toBe(false);
  });

  it('maps a recorded event, defaulting metadata and lower-casing ids', () => {
    const created = new Date('2024-03-04T05:06:07.000Z');
    const mapped = toRecordedEvent({
      streamId: 'order-1',
      id: 'ABCDEF00-0000-4000-8000-000000000001',
      revision: 3n,
      type: 'OrderPlaced',
      data: { qty: 1 },
      metadata: undefined,
      isJson: true,
      created,
      position: { commit: 77n, prepare: 70n },
    } as never);

    expect(mapped).toEqual({
      eventId: 'abcdef00-0000-4000-8000-000000000001',
      type: 'OrderPlaced',
      data: { qty: 1 },
      metadata: {},
      streamName: 'order-1',
      streamVersion: 3,
      checkpoint: encodeCheckpoint(77n, 70n),
      recordedAt: created,
    });
  });
});
