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

export interface BacklogOptions {
  /** Only events of streams in these categories; default all. */
  categories?: readonly string[];
  /** Count at most this many events per category (the count is a gauge, not an audit). Default 100000. */
  max?: number;
}

/** How far a reader at some checkpoint is behind the committed events. */
export interface Backlog {
  /** Committed events after the checkpoint, capped at `max` per category. */
  events: number;
  /** Age of the oldest of them, by the store's clock; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** One stream's batch in a multi-stream append; the same rules as `appendToStream`'s arguments. */
export interface StreamAppend {
  streamName: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
}

/**
 * The event store port. A command appends to one stream only, so that every adapter can serve
 * it; consistency across streams is a process (saga) concern. `appendToStreams` is an optional
 * capability for bulk writes (imports), not a way to decide across streams.
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

  /**
   * Optional capability (check with `supportsMultiStreamAppend`): appends several streams'
   * batches in one atomic write. Results are in input order. Either every entry that is not
   * `already_applied` is appended, or nothing is: the first entry in input order whose
   * expectation fails (WrongExpectedVersionError) or whose ids are partly stored or stored
   * elsewhere (EventIdConflictError) is thrown. An entry whose ids are all stored in its stream
   * yields `already_applied`, even with a stale expected version, exactly as in
   * `appendToStream`. A stream may appear at most once per call, an event id at most once.
   * An empty list returns `[]`.
   */
  appendToStreams?(appends: ReadonlyArray<StreamAppend>): Promise<AppendResult[]>;

  /** Events of one stream in version order; `[]` for a stream that does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Optional capability (use `readFirstEvents`, which falls back to one read per stream): the
   * first event of each named stream in one read; streams without events are absent from the
   * map. For "has this happened yet" checks of many single-event streams at once.
   */
  readFirstEvents?(streamNames: readonly string[]): Promise<Map<string, RecordedEvent>>;

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

  /**
   * Optional capability (check with `supportsBacklog`): the committed events after `after`
   * (null = from the start), counted, whether or not readAll can return them yet (a
   * transaction committed behind an older open one is backlog too). Relays and projections
   * report their lag with it; it reads an index range, bounded by `max`.
   */
  backlog?(after: Checkpoint | null, options?: BacklogOptions): Promise<Backlog>;

  /** Releases connections the store owns. */
  close(): Promise<void>;
}

/** An EventStore whose adapter implements the optional multi-stream append. */
export type MultiStreamAppendEventStore = EventStore &
  Required<Pick<EventStore, 'appendToStreams'>>;

/**
 * True when the store implements `appendToStreams`. Callers without it fall back to one
 * `appendToStream` per stream (not atomic across streams).
 */
export function supportsMultiStreamAppend(store: EventStore): store is MultiStreamAppendEventStore {
  return typeof store.appendToStreams === 'function';
}

/** The first event of each named stream (absent: no events), in one read where the store can. */
export async function readFirstEvents(
  store: EventStore,
  streamNames: readonly string[],
): Promise<Map<string, RecordedEvent>> {
  if (typeof store.readFirstEvents === 'function') return store.readFirstEvents(streamNames);
  const firsts = await Promise.all(streamNames.map((s) => store.readStream(s, { maxCount: 1 })));
  const found = new Map<string, RecordedEvent>();
  firsts.forEach(([first], i) => first && found.set(streamNames[i], first));
  return found;
}

/** An EventStore whose adapter can count what a reader has not read yet. */
export type BacklogEventStore = EventStore & Required<Pick<EventStore, 'backlog'>>;

export function supportsBacklog(store: EventStore): store is BacklogEventStore {
  return typeof store.backlog === 'function';
}
