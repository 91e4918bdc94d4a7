import { validate, version } from 'uuid';
import { eventIdFor, EVENT_ID_NAMESPACE, randomEventId } from './event-ids';

describe('eventIdFor', () => {
  it('derives the same UUID v5 for the same command and index, every time', () => {
    const id = eventIdFor('cmd-42', 0);

    expect(eventIdFor('cmd-42', 0)).toBe(id);
    expect(validate(id) && version(id)).toBe(5);
    // Pinned: changing the namespace or the name format would break idempotency of redeliveries.
    expect(EVENT_ID_NAMESPACE).toBe('efa0905c-14d2-49b9-b6b5-89d74b52da4f');
    expect(id).toBe('da3065bd-c6e2-5d53-b398-9493504b0e06');
  });

  it('gives different ids to different indexes and commands', () => {
    const ids = new Set([
      eventIdFor('a', 0),
      eventIdFor('a', 1),
      eventIdFor('b', 0),
      eventIdFor('a:0', 0),
    ]);
    expect(ids.size).toBe(4);
  });

  it('rejects an empty command id and invalid indexes', () => {
    expect(() => eventIdFor('', 0)).toThrow(TypeError);
    expect(() => eventIdFor('a', -1)).toThrow(TypeError);
    expect(() => eventIdFor('a', 0.5)).toThrow(TypeError);
  });

  it('makes random ids for commands without a stable id', () => {
    expect(version(randomEventId())).toBe(4);
    expect(randomEventId()).not.toBe(randomEventId());
  });
});
