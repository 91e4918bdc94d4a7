import { EventIdConflictError, EventStoreArgumentError, WrongExpectedVersionError } from './errors';
import type { StreamAppend } from './event-store';
import { satisfiesExpectedVersion } from './expected-version';
import { prepareAppend, type PreparedAppend } from './validate';

/**
 * Validates a multi-stream append like `appendToStream` validates each entry, plus the rules of
 * the call: a stream at most once, an event id at most once (it could be stored only in one of
 * the streams). Errors name the entry's index; nothing is written by any adapter before this.
 */
export function prepareMultiStreamAppend(appends: ReadonlyArray<StreamAppend>): PreparedAppend[] {
  if (!Array.isArray(appends)) {
    throw new EventStoreArgumentError('appendToStreams takes an array of stream appends');
  }
  const streams = new Set<string>();
  const eventIds = new Set<string>();
  return appends.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null) {
      throw new EventStoreArgumentError(`append ${index}: not a stream append`);
    }
    const prepared = prepareAppend(entry.streamName, entry.events, entry.expected);
    if (streams.has(prepared.streamName)) {
      throw new EventStoreArgumentError(
        `append ${index}: stream ${prepared.streamName} appears more than once in one call`,
      );
    }
    streams.add(prepared.streamName);
    for (const event of prepared.events) {
      if (eventIds.has(event.eventId)) {
        throw new EventStoreArgumentError(
          `append ${index}: event id ${event.eventId} appears in more than one stream`,
        );
      }
      eventIds.add(event.eventId);
    }
    return prepared;
  });
}

/** Where an id of a batch is already stored. */
export interface StoredEventId {
  eventId: string;
  streamName: string;
}

export type AppendCheck =
  | { status: 'append' }
  | { status: 'already_applied'; nextExpectedVersion: number }
  | { status: 'rejected'; error: EventIdConflictError | WrongExpectedVersionError };

/**
 * The decision every adapter makes for one entry, in the same precedence as `appendToStream`:
 * a batch whose ids are all stored in this stream is `already_applied` whatever its expected
 * version; ids stored elsewhere or only partly are a conflict; then the expected version.
 */
export function checkAppend(
  append: PreparedAppend,
  currentVersion: number,
  stored: readonly StoredEventId[],
): AppendCheck {
  if (stored.length > 0) {
    const allHere =
      stored.length === append.events.length &&
      stored.every((s) => s.streamName === append.streamName);
    if (allHere) return { status: 'already_applied', nextExpectedVersion: currentVersion };
    const error = new EventIdConflictError(
      append.streamName,
      stored.map((s) => s.eventId),
    );
    return { status: 'rejected', error };
  }
  if (!satisfiesExpectedVersion(append.expected, currentVersion)) {
    const error = new WrongExpectedVersionError(append.streamName, append.expected, currentVersion);
    return { status: 'rejected', error };
  }
  return { status: 'append' };
}

/** The first rejection in input order, which is what `appendToStreams` throws. */
export function firstRejection(
  checks: readonly AppendCheck[],
): EventIdConflictError | WrongExpectedVersionError | undefined {
  for (const check of checks) if (check.status === 'rejected') return check.error;
  return undefined;
}
