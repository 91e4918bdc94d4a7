import type { Checkpoint } from './checkpoint';
import type { NewEvent, RecordedEvent } from './events';
import type { ExpectedVersion } from './expected-version';

/**
 * `appended`: the batch was written; `nextExpectedVersion` is the version of its last event and
 * `checkpoint` that event's position in commit order.
 * `already_applied`: every event id of the batch is already stored in this stream (a retry of
 * an append that succeeded). Nothing was written, even if the expected version has gone stale
 * since; `nextExpectedVersion` is the stream's current version.
 */
export type AppendResult =
  | { status: 'appended'; nextExpectedVersion: number; checkpoint: Checkpoint }
  | { status: 'already_applied'; nextExpectedVersion: number };

export interface ReadStreamOptions {
  /** First version to return (inclusive); default 0. */
  fromVersion?: number;
  /** At most this many events; default all. */
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Only events of streams in these categories (`<category>-...`); default all. */
  categories?: readonly string[];
}

export interface ReadAllResult {
  /** In commit order, each strictly after `after`. */
  events: RecordedEvent[];
  /** Pass this as `after` next time: the last event's checkpoint, or `after` if none. */
  checkpoint: Checkpoint | null;
}

/**
 * The event store port. Appends touch one stream only, so that a KurrentDB adapter stays
 * possible; consistency across streams is a process (saga) concern.
 */
export interface EventStore {
  /**
   * Appends a non-empty batch atomically if the stream is at `expected`; otherwise throws
   * WrongExpectedVersionError and appends nothing. A batch whose ids are all stored in this
   * stream returns `already_applied`; ids stored elsewhere raise EventIdConflictError.
   */
  appendToStream(
    streamName: string,
    events: readonly NewEvent[],
    expected: ExpectedVersion,
  ): Promise<AppendResult>;

  /** Events of one stream in version order; `[]` for a stream that does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Up to `limit` events after `after` (null = from the start) in commit order. A page may be
   * shorter than `limit`, even empty, while older transactions are still open; events are
   * never skipped, so polling with the returned checkpoint eventually sees every event once.
   */
  readAll(
    after: Checkpoint | null,
    limit: number,
    options?: ReadAllOptions,
  ): Promise<ReadAllResult>;

  /** Releases connections the store owns. */
  close(): Promise<void>;
}
