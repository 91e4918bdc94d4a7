/**
 * What the caller believes the stream looks like before its append:
 * - a number: the exact current version (0-based, so a stream with one event is at version 0);
 * - 'no_stream': the stream has no events yet;
 * - 'stream_exists': the stream has at least one event, at any version;
 * - 'any': no check (use only for streams with a single, serialised writer).
 */
export type ExpectedVersion = 'no_stream' | 'stream_exists' | 'any' | number;

/**
 * The version reported for a stream that does not exist. Using a number rather than
 * 'no_stream' keeps `actualVersion + 1` the number of events in the stream, and it matches the
 * "-1 = no stream" convention of KurrentDB's older APIs.
 */
export const NO_STREAM_VERSION = -1;

/** The largest version any adapter accepts; JS numbers are exact up to 2^53. */
export const MAX_STREAM_VERSION = Number.MAX_SAFE_INTEGER - 1;

export function isExpectedVersion(value: unknown): value is ExpectedVersion {
  if (value === 'no_stream' || value === 'stream_exists' || value === 'any') return true;
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 0 &&
    value <= MAX_STREAM_VERSION
  );
}

/** The version a stream must have right now for an append with this expectation to succeed. */
export function satisfiesExpectedVersion(expected: ExpectedVersion, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === NO_STREAM_VERSION;
    case 'stream_exists':
      return current !== NO_STREAM_VERSION;
    default:
      return current === expected;
  }
}
