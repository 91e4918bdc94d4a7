import { isWrongExpectedVersionError, WrongExpectedVersionError } from './errors';
import { isExpectedVersion, NO_STREAM_VERSION, satisfiesExpectedVersion } from './expected-version';

describe('expected versions', () => {
  it.each([
    ['any', NO_STREAM_VERSION, true],
    ['any', 4, true],
    ['no_stream', NO_STREAM_VERSION, true],
    ['no_stream', 0, false],
    ['stream_exists', NO_STREAM_VERSION, false],
    ['stream_exists', 0, true],
    [3, 3, true],
    [3, 2, false],
    [0, NO_STREAM_VERSION, false],
  ] as const)('%s against current version %s is satisfied: %s', (expected, current, satisfied) => {
    expect(satisfiesExpectedVersion(expected, current)).toBe(satisfied);
  });

  it('accepts only the three names and non-negative safe integers', () => {
    expect(['any', 'no_stream', 'stream_exists', 0, 7].every(isExpectedVersion)).toBe(true);
    expect([-1, 1.5, NaN, 2 ** 53, '3', null, undefined, 'exists'].some(isExpectedVersion)).toBe(
      false,
    );
  });

  it('recognises a version conflict by its stable code', () => {
    const error = new WrongExpectedVersionError('order-1', 2, 5);

    expect(error).toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      name: 'WrongExpectedVersionError',
    });
    expect(error.message).toBe('stream order-1: expected version 2, actual 5');
    expect(isWrongExpectedVersionError(error)).toBe(true);
    expect(isWrongExpectedVersionError({ code: 'WRONG_EXPECTED_VERSION' })).toBe(true);
    expect(isWrongExpectedVersionError(new Error('WRONG_EXPECTED_VERSION'))).toBe(false);
  });
});
