import { describe, expect, it } from '@jest/globals';
import type { ExpectedVersion } from '../../port/expected-version';
import { conflictOf, newEvent, uniqueCategory, type ContractContext } from './helpers';

export function expectedVersionContract({ store }: ContractContext): void {
  const freshStream = () => `${uniqueCategory()}-1`;

  /** A stream with `count` events, so at version count - 1. */
  async function streamWith(count: number): Promise<string> {
    const stream = freshStream();
    await store().appendToStream(
      stream,
      Array.from({ length: count }, (_, n) => newEvent({ n })),
      'no_stream',
    );
    return stream;
  }

  describe('expected version', () => {
    it.each<[string, number, ExpectedVersion, number]>([
      ['no_stream on an absent stream', 0, 'no_stream', 0],
      ['any on an absent stream', 0, 'any', 0],
      ['any on an existing stream', 2, 'any', 2],
      ['stream_exists on an existing stream', 2, 'stream_exists', 2],
      ['the exact current version', 3, 2, 3],
    ])('appends with %s', async (_, existing, expected, nextVersion) => {
      const stream = existing === 0 ? freshStream() : await streamWith(existing);
      const event = newEvent({ last: true });

      const result = await store().appendToStream(stream, [event], expected);

      expect(result).toMatchObject({ status: 'appended', nextExpectedVersion: nextVersion });
      const read = await store().readStream(stream);
      expect(read.map((e) => e.streamVersion)).toEqual([...Array(nextVersion + 1).keys()]);
      expect(read[nextVersion].eventId).toBe(event.eventId);
    });

    it.each<[string, number, ExpectedVersion, number]>([
      ['an exact version below the current one', 3, 1, 2],
      ['an exact version above the current one', 1, 5, 0],
      ['an exact version on an absent stream', 0, 0, -1],
      ['no_stream on an existing stream', 2, 'no_stream', 1],
      ['stream_exists on an absent stream', 0, 'stream_exists', -1],
    ])(
      'rejects %s with WRONG_EXPECTED_VERSION and appends nothing',
      async (_, existing, expected, actual) => {
        const stream = existing === 0 ? freshStream() : await streamWith(existing);
        const before = await store().readStream(stream);

        const conflict = await conflictOf(store().appendToStream(stream, [newEvent()], expected));

        expect(conflict).toMatchObject({
          code: 'WRONG_EXPECTED_VERSION',
          streamName: stream,
          expectedVersion: expected,
          actualVersion: actual,
        });
        expect(await store().readStream(stream)).toEqual(before);
      },
    );

    it('continues from the nextExpectedVersion an append returns', async () => {
      const stream = freshStream();
      let expected: ExpectedVersion = 'no_stream';
      for (let n = 0; n < 5; n++) {
        const result = await store().appendToStream(
          stream,
          [newEvent({ n }), newEvent({ n })],
          expected,
        );
        expect(result.nextExpectedVersion).toBe(2 * n + 1);
        expected = result.nextExpectedVersion;
      }
      expect((await store().readStream(stream)).length).toBe(10);
    });
  });
}
