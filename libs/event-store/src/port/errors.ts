import type { ExpectedVersion } from './expected-version';

export type EventStoreErrorCode =
  'WRONG_EXPECTED_VERSION' | 'INVALID_STREAM_NAME' | 'EVENT_ID_CONFLICT' | 'INVALID_ARGUMENT';

/**
 * Every error the port defines carries a stable `code`, so callers (and transport exception
 * filters) can branch on it without `instanceof`, which breaks across duplicated module copies.
 */
export abstract class EventStoreError extends Error {
  abstract readonly code: EventStoreErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * The stream was not at the expected version. `actualVersion` is read after the failed
 * compare-and-set, so it may already have moved on; it is NO_STREAM_VERSION (-1) when the
 * stream does not exist. The usual reaction is to re-read the stream and decide again.
 */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION' as const;

  constructor(
    readonly streamName: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number,
    options?: { cause?: unknown },
  ) {
    super(
      `stream ${streamName}: expected version ${String(expectedVersion)}, actual ${actualVersion}`,
      options,
    );
  }
}

/** Stream names are `<category>-<id>`; see stream-name.ts. */
export class StreamNameError extends EventStoreError {
  readonly code = 'INVALID_STREAM_NAME' as const;

  constructor(
    readonly streamName: unknown,
    readonly reason: string,
  ) {
    super(`invalid stream name ${JSON.stringify(streamName)}: ${reason}`);
  }
}

/**
 * Some event ids of the batch are already stored, but not as this batch in this stream (a
 * different stream, or only part of the batch). Appending would duplicate or half-apply a
 * decision, so nothing is appended. A full re-append of a stored batch is not an error: it
 * returns `already_applied`.
 */
export class EventIdConflictError extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT' as const;

  constructor(
    readonly streamName: string,
    readonly conflictingEventIds: readonly string[],
  ) {
    super(
      `stream ${streamName}: event ids already stored elsewhere or as part of another batch: ` +
        conflictingEventIds.join(', '),
    );
  }
}

/** A caller mistake: malformed event, batch, expected version, limit or checkpoint. */
export class EventStoreArgumentError extends EventStoreError {
  readonly code = 'INVALID_ARGUMENT' as const;
}

export function isEventStoreError(error: unknown): error is EventStoreError {
  return error instanceof EventStoreError;
}

/** Recognises a version conflict by its stable code (works across module copies). */
export function isWrongExpectedVersionError(error: unknown): error is WrongExpectedVersionError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: unknown }).code === 'WRONG_EXPECTED_VERSION'
  );
}
